import Foundation

/// The error object Graph returns with a failed request:
/// `{"error":{"code":…,"message":…,"innerError":{"request-id":…,"date":…}}}`.
struct GraphErrorBody: Sendable, Equatable {
    var code: String?
    var message: String?
    var requestId: String?

    /// Reads the error object, or returns nil when the body is not in Graph's error shape.
    static func parse(_ body: Data) -> GraphErrorBody? {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
              let error = object["error"] as? [String: Any]
        else {
            return nil
        }
        let inner = (error["innerError"] as? [String: Any]) ?? (error["innererror"] as? [String: Any])
        return GraphErrorBody(
            code: error["code"] as? String,
            message: error["message"] as? String,
            requestId: inner?["request-id"] as? String
        )
    }
}
