import Foundation

/// Per-request values every Graph handler needs.
struct GraphContext {
    var requestId: String
    var clientRequestId: String
    /// The emulator's root URL, such as `http://127.0.0.1:8400`, used in `@odata.nextLink`.
    var baseURL: String
    var caller: Caller
    var observations: ReadObservations
    /// The `id` of the `$batch` item being served, nil outside a batch.
    var batchItemId: String?
    /// Receives each `$batch` item and its status, for the request log.
    var recordBatchItem: ((BatchItem, Int) -> Void)?
}

/// A Graph response before it becomes an HTTP response or a `$batch` item response.
struct GraphResult {
    /// The media type Graph sends with JSON bodies.
    static let contentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"

    var status: Int
    /// A JSON value, or nil for an empty body.
    var body: Any?
    var headers: [(name: String, value: String)] = []

    static func json(_ status: Int, _ body: Any, headers: [(name: String, value: String)] = []) -> GraphResult {
        GraphResult(status: status, body: body, headers: [("Content-Type", contentType)] + headers)
    }

    static var noContent: GraphResult {
        GraphResult(status: 204, body: nil)
    }

    /// Returns Graph's error body: code, message and an `innerError` with the date and request ids.
    static func error(_ error: GraphError, context: GraphContext) -> GraphResult {
        let innerError: JSONObject = [
            "date": GraphDate.innerErrorDate(Date()),
            "request-id": context.requestId,
            "client-request-id": context.clientRequestId,
        ]
        let body: JSONObject = ["error": ["code": error.code, "message": error.message, "innerError": innerError] as JSONObject]
        return json(error.status, body, headers: error.headers)
    }
}

/// Date formats Graph and the token service use.
enum GraphDate {
    /// `2024-05-01T12:30:45`, the `innerError.date` format.
    static func innerErrorDate(_ date: Date) -> String {
        format(date, "yyyy-MM-dd'T'HH:mm:ss")
    }

    /// `2024-05-01T12:30:45Z`, for `createdDateTime`.
    static func timestamp(_ date: Date) -> String {
        format(date, "yyyy-MM-dd'T'HH:mm:ss'Z'")
    }

    /// `2024-05-01 12:30:45Z`, the token service's `timestamp` format.
    static func tokenServiceTimestamp(_ date: Date) -> String {
        format(date, "yyyy-MM-dd HH:mm:ss'Z'")
    }

    /// `2024-05-01T12:30:45.123Z`, for the request log.
    static func logTimestamp(_ date: Date) -> String {
        format(date, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
