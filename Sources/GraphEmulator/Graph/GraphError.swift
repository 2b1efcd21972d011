import Foundation

/// A Graph error response: status, Graph error code and message. `GraphResponder` adds the
/// `innerError` block with the date and request ids.
struct GraphError: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    var headers: [(name: String, value: String)] = []

    /// Returns the error for a malformed request: bad query option, bad body, unknown segment.
    static func badRequest(_ message: String) -> GraphError {
        GraphError(status: 400, code: "BadRequest", message: message)
    }

    /// Returns the error for a request Graph's directory service rejects, such as an invalid property value.
    static func directoryBadRequest(_ message: String) -> GraphError {
        GraphError(status: 400, code: "Request_BadRequest", message: message)
    }

    static func unsupportedQuery(_ message: String) -> GraphError {
        GraphError(status: 400, code: "Request_UnsupportedQuery", message: message)
    }

    static func resourceNotFound(_ id: String) -> GraphError {
        GraphError(status: 404, code: "Request_ResourceNotFound", message: "Resource '\(id)' was not found in this directory, or an object it refers to is missing.")
    }

    static func invalidToken(_ message: String) -> GraphError {
        GraphError(status: 401, code: "InvalidAuthenticationToken", message: message)
    }

    /// Graph's error when the caller's roles or permissions do not allow the operation.
    static let insufficientPrivileges = GraphError(status: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation.")

    static func conflict(_ message: String) -> GraphError {
        GraphError(status: 409, code: "Request_MultipleObjectsWithSameKeyValue", message: message)
    }

    static func methodNotAllowed(_ method: String, _ path: String) -> GraphError {
        GraphError(status: 405, code: "Request_BadRequest", message: "The method '\(method)' is not allowed on '\(path)'.")
    }

    static func throttled(retryAfterSeconds: Int) -> GraphError {
        GraphError(
            status: 429, code: "TooManyRequests",
            message: "Too many requests reached the service in a short time; wait \(retryAfterSeconds) seconds and retry.",
            headers: [("Retry-After", String(retryAfterSeconds))]
        )
    }

    static func unavailable(retryAfterSeconds: Int) -> GraphError {
        GraphError(
            status: 503, code: "ServiceUnavailable",
            message: "The service is temporarily unavailable; wait \(retryAfterSeconds) seconds and retry.",
            headers: [("Retry-After", String(retryAfterSeconds))]
        )
    }
}
