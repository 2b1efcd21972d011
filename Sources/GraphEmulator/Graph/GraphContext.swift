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

/// Date formats Graph and the token service use, all in UTC.
enum GraphDate {
    /// `2024-05-01T12:30:45`, the `innerError.date` format.
    static func innerErrorDate(_ date: Date) -> String {
        let parts = components(date)
        return "\(parts.date)T\(parts.time)"
    }

    /// `2024-05-01T12:30:45Z`, for `createdDateTime`.
    static func timestamp(_ date: Date) -> String {
        let parts = components(date)
        return "\(parts.date)T\(parts.time)Z"
    }

    /// `2024-05-01 12:30:45Z`, the token service's `timestamp` format.
    static func tokenServiceTimestamp(_ date: Date) -> String {
        let parts = components(date)
        return "\(parts.date) \(parts.time)Z"
    }

    /// `2024-05-01T12:30:45.123Z`, for the request log.
    static func logTimestamp(_ date: Date) -> String {
        let parts = components(date)
        return "\(parts.date)T\(parts.time).\(pad(parts.milliseconds, 3))Z"
    }

    /// Splits a date into `yyyy-MM-dd`, `HH:mm:ss` and milliseconds with `gmtime_r`, which is
    /// thread-safe and much cheaper than creating a `DateFormatter` per call.
    private static func components(_ date: Date) -> (date: String, time: String, milliseconds: Int) {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        let milliseconds = min(999, Int((interval - interval.rounded(.down)) * 1000))
        let day = "\(pad(Int(fields.tm_year) + 1900, 4))-\(pad(Int(fields.tm_mon) + 1, 2))-\(pad(Int(fields.tm_mday), 2))"
        let time = "\(pad(Int(fields.tm_hour), 2)):\(pad(Int(fields.tm_min), 2)):\(pad(Int(fields.tm_sec), 2))"
        return (day, time, milliseconds)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
