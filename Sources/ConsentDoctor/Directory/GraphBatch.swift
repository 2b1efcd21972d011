import Foundation

/// One request inside a Graph `$batch`.
public struct GraphBatchRequest: Sendable, Equatable {
    /// Unique within the batch, because responses are matched by it and may come in any order.
    public var id: String
    public var method: String
    /// A path relative to the version root, such as `/organization?$select=id`.
    public var url: String
    public var headers: [String: String]
    /// A JSON object body, for writes.
    public var body: Data?

    public init(id: String, method: String = "GET", url: String, headers: [String: String] = [:], body: Data? = nil) {
        self.id = id
        self.method = method.uppercased()
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One response inside a Graph `$batch` response.
public struct GraphBatchResponse: Sendable, Equatable {
    public var id: String
    public var status: Int
    public var headers: [String: String]
    /// The item's body as JSON text, or empty when it had none.
    public var body: Data

    public init(id: String, status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.id = id
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Returns a header value, matching the name without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The item's `request-id` header, or the one in its error body.
    public var requestId: String? {
        header("request-id") ?? GraphErrorBody.parse(body)?.requestId
    }

    public var isSuccess: Bool {
        (200..<300).contains(status)
    }
}

/// The responses to a `$batch`, keyed by request id, with the requests that produced them.
public struct GraphBatchResult: Sendable {
    /// Responses by request id. An id without an response means Graph's response left it out.
    public var responses: [String: GraphBatchResponse]
    /// The `POST /$batch` requests and every item in them, in the order sent.
    public var requests: [GraphRequestRecord]
    /// Sequential HTTP exchanges made, retries of the batch and of throttled items included.
    public var roundTrips: Int
}

/// A `$batch` the client cannot send as given.
public struct GraphBatchRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

/// The JSON envelopes of `$batch`.
enum GraphBatchEnvelope {
    /// Graph's limit on requests in one batch.
    static let maximumRequests = 20

    static func encode(_ requests: [GraphBatchRequest]) throws -> Data {
        var items: [[String: Any]] = []
        for request in requests {
            var item: [String: Any] = ["id": request.id, "method": request.method, "url": request.url]
            var headers = request.headers
            if let body = request.body {
                item["body"] = try JSONSerialization.jsonObject(with: body)
                headers["Content-Type"] = headers["Content-Type"] ?? "application/json"
            }
            if !headers.isEmpty {
                item["headers"] = headers
            }
            items.append(item)
        }
        return try JSONSerialization.data(withJSONObject: ["requests": items], options: [.withoutEscapingSlashes])
    }

    /// Reads the responses. An item body that is a JSON value is re-encoded as JSON text. A string
    /// body, which Graph uses for non-JSON content, is kept as UTF-8 text.
    ///
    /// - Throws: `GraphBatchRequestError` with a phrase saying what is wrong.
    static func decode(_ body: Data) throws -> [GraphBatchResponse] {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw GraphBatchRequestError(description: "the body is not a JSON object")
        }
        guard let items = object["responses"] as? [[String: Any]] else {
            throw GraphBatchRequestError(description: "the body has no responses array")
        }
        return try items.map { item in
            guard let id = item["id"] as? String, let status = (item["status"] as? NSNumber)?.intValue else {
                throw GraphBatchRequestError(description: "an response has no id or status")
            }
            var headers: [String: String] = [:]
            for (name, value) in (item["headers"] as? [String: Any]) ?? [:] {
                headers[name] = (value as? String) ?? "\(value)"
            }
            var itemBody = Data()
            if let text = item["body"] as? String {
                itemBody = Data(text.utf8)
            } else if let value = item["body"], !(value is NSNull) {
                itemBody = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
            }
            return GraphBatchResponse(id: id, status: status, headers: headers, body: itemBody)
        }
    }
}
