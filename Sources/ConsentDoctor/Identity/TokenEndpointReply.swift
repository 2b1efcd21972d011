import Foundation

/// A token endpoint's response: a token, or an OAuth error.
///
/// Covers the v2.0 token endpoint (`access_token`, `expires_in`, `error`, `error_description`)
/// and managed identity endpoints (`access_token`, `expires_on` as epoch seconds, `message`).
enum TokenEndpointReply: Sendable {
    case token(AccessToken)
    /// An error reply. `error` and `description`, the server's first line, come with the request's
    /// secrets removed and any other credential masked.
    case error(status: Int, error: String?, description: String?)

    /// Reads a token endpoint response.
    ///
    /// - Throws: `IdentityError.malformedTokenResponse` for a success status without a token.
    static func parse(
        _ response: HTTPClientResponse,
        source: TokenSourceKind,
        host: String,
        secrets: [String],
        now: Date
    ) throws -> TokenEndpointReply {
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]

        guard response.isSuccess else {
            let error = (object?["error"] as? String) ?? ((object?["error"] as? [String: Any])?["code"] as? String)
            let text = (object?["error_description"] as? String)
                ?? (object?["message"] as? String)
                ?? ((object?["error"] as? [String: Any])?["message"] as? String)
            let description = text.flatMap { SecretRedaction.summary($0, secrets: secrets) }
            return .error(status: response.status, error: error.map { SecretRedaction.cleaned($0, secrets: secrets) }, description: description)
        }

        guard let object else {
            throw IdentityError.malformedTokenResponse(source: source, host: host, detail: "the body is not a JSON object")
        }
        guard let value = object["access_token"] as? String, !value.isEmpty else {
            throw IdentityError.malformedTokenResponse(source: source, host: host, detail: "it has no access_token")
        }

        var expiresOn: Date?
        if let seconds = number(object["expires_in"]) {
            expiresOn = now.addingTimeInterval(seconds)
        } else if let epoch = number(object["expires_on"]) {
            expiresOn = Date(timeIntervalSince1970: epoch)
        }
        return .token(AccessToken(value: value, expiresOn: expiresOn, source: source))
    }

    /// Reads a number sent either as a JSON number or as a string, as managed identity does.
    /// JSON `true` and `false` are not numbers.
    static func number(_ value: Any?) -> Double? {
        if let number = value as? NSNumber, !isBoolean(number) {
            return number.doubleValue
        }
        if let text = value as? String {
            return Double(text.trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Returns whether `JSONSerialization` decoded the value from `true` or `false`. On Linux every
    /// `NSNumber` casts to `Bool`, so `is Bool` also holds for the numbers 0 and 1; a Boolean is the
    /// one whose Objective-C type encoding is `c`.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}

/// Sends token requests through the retrying transport and reads the replies.
struct TokenEndpointClient: Sendable {
    var sender: RetryingSender

    /// Posts a form to a token endpoint. Every token request carries a secret or a code, so each
    /// is marked as carrying one. Asking for a token twice has no side effect, so the request
    /// counts as idempotent for retries.
    func postForm(url: String, fields: [(String, String)], source: TokenSourceKind, secrets: [String]) async throws -> TokenEndpointReply {
        let request = HTTPClientRequest(
            method: "POST",
            url: url,
            headers: [FormEncoding.contentType, HTTPHeader("Accept", "application/json")],
            body: FormEncoding.body(fields),
            isIdempotent: true,
            containsSecret: true
        )
        return try await send(request, source: source, secrets: secrets)
    }

    func send(_ request: HTTPClientRequest, source: TokenSourceKind, secrets: [String]) async throws -> TokenEndpointReply {
        let host = CurlURL(request.url)?.authority ?? request.url
        let path = URLComponents(string: request.url)?.path ?? ""
        let outcome = try await sender.send(request, label: "\(request.method) \(host)\(path)")
        switch outcome.result {
        case .success(let response):
            return try TokenEndpointReply.parse(response, source: source, host: host, secrets: secrets, now: sender.sleeper.now())
        case .failure(let error):
            throw IdentityError.transport(source: source, error)
        }
    }
}
