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
    /// - Throws: `EndpointError` for an empty value, a value without a scheme, a URL that is not
    ///   absolute http or https (or has a query or fragment that is not allowed), and plain http
    ///   to a host outside `plainHTTPAllowance`.
    public static func validated(
        _ value: String,
        setting: String,
        shownValue: String? = nil,
        allowsQuery: Bool = false,
        plainHTTPAllowance: HTTPClientRequest.PlainHTTPAllowance = .loopbackOnly
    ) throws -> String {
        func failure(_ problem: EndpointError.Problem) -> EndpointError {
            EndpointError(setting: setting, value: shownValue ?? value, problem: problem)
        }

        var text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            throw failure(.empty)
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
        if parsed.scheme == "http" && !allowsPlainHTTP(to: parsed.host, allowance: plainHTTPAllowance) {
            throw failure(.plainHTTPToRemoteHost(host: parsed.authority))
        }
        return text
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
