import Foundation

/// Checks an endpoint URL from an option or a variable before anything is sent to it.
///
/// A token or secret travels to every endpoint the tool is pointed at. So a value that would send
/// one in clear text to another host is rejected here as a configuration error, before the
/// transport's own check (`CredentialTransportPolicy`) would stop the request.
public enum EndpointURL {
    /// Returns the URL without surrounding white space and trailing slashes.
    ///
    /// - Parameters:
    ///   - value: The URL as given, such as `http://127.0.0.1:8445/`.
    ///   - setting: The option or variable the value came from, for the error.
    ///   - shownValue: The text to show in the error, when it differs from `value`.
    ///   - allowsQuery: Whether the URL may have a query, as the managed identity endpoint may.
    ///   - plainHTTPAllowance: The hosts that plain http may reach.
    /// - Throws: `EndpointError` for an empty value, a value with user information
    ///   (`user:password@`), a value without a scheme, and a URL that is not absolute http or
    ///   https. Also for a query or fragment that is not allowed, and for plain http to a host
    ///   outside `plainHTTPAllowance`. The error shows the value with its user information, query
    ///   and fragment each replaced by `[redacted]`.
    public static func validated(
        _ value: String,
        setting: String,
        shownValue: String? = nil,
        allowsQuery: Bool = false,
        plainHTTPAllowance: HTTPClientRequest.PlainHTTPAllowance = .loopbackOnly
    ) throws -> String {
        func failure(_ problem: EndpointError.Problem) -> EndpointError {
            EndpointError(setting: setting, value: masked(shownValue ?? value), problem: problem)
        }

        var text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            throw failure(.empty)
        }
        // A password in the URL would reach logs and messages that print the endpoint, and
        // libcurl would send it to the server as a Basic credential, so it is never accepted.
        if userInfoRange(in: text) != nil {
            throw failure(.userInfo)
        }
        guard text.contains("://") else {
            throw failure(.missingScheme)
        }
        while text.hasSuffix("/") {
            text.removeLast()
        }
        guard let parsed = CurlURL(text), parsed.scheme == "http" || parsed.scheme == "https", !text.contains("#") else {
            throw failure(.invalid)
        }
        if text.contains("?") && !allowsQuery {
            throw failure(.invalid)
        }
        if parsed.hasUserInfo {
            // libcurl found user information that the scan above did not, so the message shows
            // nothing after the scheme.
            throw EndpointError(setting: setting, value: parsed.scheme + "://" + SecretRedaction.placeholder, problem: .userInfo)
        }
        if parsed.scheme == "http" && !allowsPlainHTTP(to: parsed.host, allowance: plainHTTPAllowance) {
            throw failure(.plainHTTPToRemoteHost(host: parsed.authority))
        }
        return text
    }

    /// Returns the range of the user information in `text`, from the start of the authority up
    /// to and without the last `@` in it, or nil when the authority has no `@`. The authority
    /// starts after `://`, or at the start of a value without a scheme, and ends at `/`, `?` or
    /// `#`, as libcurl reads it.
    static func userInfoRange(in text: String) -> Range<String.Index>? {
        let authorityStart = text.range(of: "://")?.upperBound ?? text.startIndex
        let authorityEnd = text[authorityStart...].firstIndex { "/?#".contains($0) } ?? text.endIndex
        guard let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") else {
            return nil
        }
        return authorityStart..<at
    }

    /// Returns `text` with its user information, if any, replaced by `[redacted]`.
    static func maskingUserInfo(_ text: String) -> String {
        guard let range = userInfoRange(in: text) else {
            return text
        }
        return text.replacingCharacters(in: range, with: SecretRedaction.placeholder)
    }

    /// Returns `text` for an error message: its user information, its query and its fragment,
    /// where present and not empty, each replaced by `[redacted]`. A query or fragment may carry
    /// a token, as in `?access_token=...`, and the tool cannot tell which parameters are safe.
    static func masked(_ text: String) -> String {
        let withoutUserInfo = maskingUserInfo(text)
        var base = Substring(withoutUserInfo)
        var fragment: Substring?
        if let hash = base.firstIndex(of: "#") {
            fragment = base[base.index(after: hash)...]
            base = base[..<hash]
        }
        var query: Substring?
        if let question = base.firstIndex(of: "?") {
            query = base[base.index(after: question)...]
            base = base[..<question]
        }

        var result = String(base)
        if let query {
            result += "?" + (query.isEmpty ? "" : SecretRedaction.placeholder)
        }
        if let fragment {
            result += "#" + (fragment.isEmpty ? "" : SecretRedaction.placeholder)
        }
        return result
    }

    private static func allowsPlainHTTP(to host: String, allowance: HTTPClientRequest.PlainHTTPAllowance) -> Bool {
        switch allowance {
        case .loopbackOnly:
            return HostAddress.isLoopback(host)
        case .loopbackOrLinkLocal:
            return HostAddress.isLoopback(host) || HostAddress.isLinkLocal(host)
        }
    }
}
