import Foundation

/// One served request, as the control endpoint and the log lines show it. It contains no token.
public struct RequestRecord: Sendable, Equatable {
    public var time: Date
    public var method: String
    /// The request target with secret query values replaced by `REDACTED`.
    public var path: String
    public var status: Int
    public var requestId: String
    public var durationMilliseconds: Int
    /// The tenant file identity that made the request, when known.
    public var identity: String?
    /// For an item of a `$batch`, its `id`; the item's path is relative to the version root.
    public var batchItemId: String?

    func jsonObject() -> JSONObject {
        var object: JSONObject = [
            "time": GraphDate.logTimestamp(time),
            "method": method,
            "path": path,
            "status": status,
            "requestId": requestId,
            "durationMilliseconds": durationMilliseconds,
        ]
        object["identity"] = identity
        object["batchItemId"] = batchItemId
        return object
    }

    /// Returns the log line: time, method, path, status, request id, duration and identity.
    func logLine() -> String {
        var line = "\(GraphDate.logTimestamp(time)) \(method) \(path) \(status) request-id=\(requestId) \(durationMilliseconds)ms"
        if let identity {
            line += " identity=\(identity)"
        }
        if let batchItemId {
            line += " batch-item=\(batchItemId)"
        }
        return line
    }
}

/// The requests served since start or the last reset, and their count; safe across threads.
/// Control endpoint requests are not recorded.
final class RequestLog: @unchecked Sendable {
    /// Records kept; older ones are dropped so a long benchmark run cannot grow memory without bound.
    static let capacity = 100_000

    private let lock = NSLock()
    private var records: [RequestRecord] = []
    private var requestCount = 0

    /// Adds a record; `countsAsRequest` is false for `$batch` items, which arrive inside one HTTP request.
    func append(_ record: RequestRecord, countsAsRequest: Bool) {
        lock.withLock {
            if countsAsRequest {
                requestCount += 1
            }
            records.append(record)
            if records.count > Self.capacity {
                records.removeFirst(records.count - Self.capacity)
            }
        }
    }

    /// The number of HTTP requests served, batch items excluded.
    var count: Int {
        lock.withLock { requestCount }
    }

    var snapshot: [RequestRecord] {
        lock.withLock { records }
    }

    func reset() {
        lock.withLock {
            records.removeAll()
            requestCount = 0
        }
    }

    /// Query parameter names whose values are credentials.
    private static let secretParameters: Set<String> = [
        "client_secret", "client_assertion", "code", "device_code", "refresh_token", "access_token", "id_token",
        "password", "assertion", "sig", "signature", "secret", "token",
    ]

    /// Returns the target with the values of credential-bearing query parameters replaced.
    static func redactedTarget(_ target: String) -> String {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return target
        }
        let query = parts[1].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = (String(pieces[0]).removingPercentEncoding ?? String(pieces[0])).lowercased()
            guard pieces.count == 2, secretParameters.contains(name) || name.contains("secret") || name.contains("password") else {
                return String(pair)
            }
            return "\(pieces[0])=REDACTED"
        }
        return "\(parts[0])?\(query.joined(separator: "&"))"
    }
}
