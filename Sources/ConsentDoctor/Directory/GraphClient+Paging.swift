import Foundation

/// Every item of a Graph collection, with the requests that read it.
public struct GraphCollection<Element: Sendable>: Sendable {
    public var values: [Element]
    public var requests: [GraphRequestRecord]
    /// Sequential HTTP exchanges made, retries included.
    public var roundTrips: Int
}

/// One page of a collection: `{"value": [...], "@odata.nextLink": "..."}`.
struct GraphPage<Element: Decodable>: Decodable {
    var value: [Element]
    var nextLink: String?

    enum CodingKeys: String, CodingKey {
        case value
        case nextLink = "@odata.nextLink"
    }
}

extension GraphClient {
    /// Reads a whole collection, following `@odata.nextLink` until it is absent.
    ///
    /// - Throws: `GraphError` for an error status on any page, an unreadable page, a repeated
    ///   link, or more than `maximumPages` pages. Its `requests` lists every page requested.
    public func getCollection<Element: Decodable & Sendable>(_ path: String, of type: Element.Type) async throws -> GraphCollection<Element> {
        let first = try await send(method: "GET", path: path)
        return try await collect(firstPage: first, of: type, requests: [], roundTrips: 0)
    }

    /// Continues a collection whose first page arrived already, for example inside a `$batch`.
    ///
    /// - Parameters:
    ///   - body: The first page's body.
    ///   - path: The first page's path, for error messages.
    public func continueCollection<Element: Decodable & Sendable>(firstPageBody body: Data, path: String, of type: Element.Type) async throws -> GraphCollection<Element> {
        let page = try decodePage(body, of: type, path: path, requests: [])
        var collection = GraphCollection(values: page.value, requests: [], roundTrips: 0)
        guard let next = page.nextLink else {
            return collection
        }
        let exchange = try await send(method: "GET", path: next)
        let rest = try await collect(firstPage: exchange, of: type, requests: [], roundTrips: 0)
        collection.values += rest.values
        collection.requests += rest.requests
        collection.roundTrips += rest.roundTrips
        return collection
    }

    private func collect<Element: Decodable & Sendable>(
        firstPage: Exchange,
        of type: Element.Type,
        requests: [GraphRequestRecord],
        roundTrips: Int
    ) async throws -> GraphCollection<Element> {
        var collection = GraphCollection<Element>(values: [], requests: requests, roundTrips: roundTrips)
        var exchange = firstPage
        var seenLinks: Set<String> = []

        while true {
            collection.requests.append(exchange.record)
            collection.roundTrips += exchange.attempts
            guard exchange.response.isSuccess else {
                throw try await error(for: exchange, requests: collection.requests)
            }

            let page = try decodePage(exchange.response.body, of: type, path: exchange.record.path, requests: collection.requests)
            collection.values += page.value
            guard let next = page.nextLink else {
                return collection
            }

            guard seenLinks.insert(next).inserted else {
                throw GraphError(kind: .malformedResponse, method: "GET", path: exchange.record.path, detail: "the same @odata.nextLink came back twice", requests: collection.requests)
            }
            guard seenLinks.count < maximumPages else {
                throw GraphError(kind: .malformedResponse, method: "GET", path: exchange.record.path, detail: "the collection did not end after \(maximumPages) pages", requests: collection.requests)
            }

            do {
                exchange = try await send(method: "GET", path: next)
            } catch var failure as GraphError {
                failure.requests = collection.requests + failure.requests
                throw failure
            }
        }
    }

    private func decodePage<Element: Decodable>(_ body: Data, of type: Element.Type, path: String, requests: [GraphRequestRecord]) throws -> GraphPage<Element> {
        do {
            return try JSONDecoder().decode(GraphPage<Element>.self, from: body)
        } catch {
            throw GraphError(kind: .malformedResponse, method: "GET", path: path, requestId: requests.last?.requestId, detail: GraphDecoding.describe(error), requests: requests)
        }
    }
}

/// Turns decoding errors into short phrases for messages.
enum GraphDecoding {
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the body is not valid JSON" : "\(path(context.codingPath)) is invalid"
        case DecodingError.keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(path(context.codingPath)) has an unexpected type"
        default:
            return "the body is not the expected JSON"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return text.isEmpty ? "the body" : "the field \(text.hasPrefix(".") ? String(text.dropFirst()) : text)"
    }
}
