import Foundation

/// An error from the emulated token service, rendered in Entra's JSON shape.
struct TokenServiceError: Error {
    var status: Int
    /// The OAuth 2.0 error, such as `invalid_client`.
    var error: String
    /// The AADSTS number; nil for `slow_down`, which carries none here.
    var code: Int?
    /// The message after the `AADSTS…:` prefix.
    var message: String

    static func missingParameter(_ name: String) -> TokenServiceError {
        TokenServiceError(status: 400, error: "invalid_request", code: 900144, message: "The request body is missing the required parameter '\(name)'.")
    }

    static func unknownTenant(_ tenant: String) -> TokenServiceError {
        TokenServiceError(status: 400, error: "invalid_request", code: 90002, message: "Tenant '\(tenant)' was not found. Use the tenant id or one of its verified domains.")
    }

    static func unknownClient(_ clientId: String, tenant: String) -> TokenServiceError {
        TokenServiceError(status: 400, error: "unauthorized_client", code: 700016, message: "No application with identifier '\(clientId)' is registered in tenant '\(tenant)'.")
    }

    static func invalidGrant(_ message: String) -> TokenServiceError {
        TokenServiceError(status: 400, error: "invalid_grant", code: 70000, message: message)
    }

    /// Returns the response body: error, description with trace and correlation ids, codes and timestamps.
    func body(traceId: String, correlationId: String, baseURL: String, now: Date = Date()) -> JSONObject {
        let timestamp = GraphDate.tokenServiceTimestamp(now)
        let prefix = code.map { "AADSTS\($0): " } ?? ""
        var body: JSONObject = [
            "error": error,
            "error_description": "\(prefix)\(message) Trace ID: \(traceId) Correlation ID: \(correlationId) Timestamp: \(timestamp)",
            "error_codes": code.map { [$0] } ?? [],
            "timestamp": timestamp,
            "trace_id": traceId,
            "correlation_id": correlationId,
        ]
        if let code {
            body["error_uri"] = "\(baseURL)/error?code=\(code)"
        }
        return body
    }
}

/// Decodes `application/x-www-form-urlencoded` bodies, where `+` stands for a space.
enum FormBody {
    static func parse(_ data: Data) -> [String: String] {
        var fields: [String: String] = [:]
        let text = String(decoding: data, as: UTF8.self)
        for pair in text.split(separator: "&") {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).replacingOccurrences(of: "+", with: " ") }
            let name = pieces[0].removingPercentEncoding ?? pieces[0]
            let value = pieces.count > 1 ? (pieces[1].removingPercentEncoding ?? pieces[1]) : ""
            if fields[name] == nil {
                fields[name] = value
            }
        }
        return fields
    }
}
