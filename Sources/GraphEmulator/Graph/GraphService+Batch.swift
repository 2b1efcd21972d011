import Foundation

/// One request inside a `$batch` body.
struct BatchItem {
    var id: String
    var method: String
    /// The URL relative to the version root, starting with `/`.
    var url: String
    var headers: [(name: String, value: String)]
    var body: Data
    var dependsOn: [String]
}

extension GraphService {
    /// The maximum number of requests Graph accepts in one `$batch`.
    static let maximumBatchSize = 20

    /// Runs a JSON `$batch`: items in request order, except that an item runs after the items in
    /// its `dependsOn`. Item responses come in reverse order of running, so clients must match them by `id`.
    func batch(_ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let items = try parseBatch(try requireJSONObject(request))
        let order = try runOrder(items)

        var statuses: [String: Int] = [:]
        var answers: [JSONObject] = []
        for item in order {
            let itemContext = GraphContext(
                requestId: context.requestId, clientRequestId: context.clientRequestId, baseURL: context.baseURL,
                caller: context.caller, observations: ReadObservations(), batchItemId: item.id, recordBatchItem: nil
            )
            let result = run(item, statuses: statuses, context: itemContext)
            statuses[item.id] = result.status
            answers.append(answer(item, result))
            context.recordBatchItem?(item, result.status)
        }
        return .json(200, ["responses": Array(answers.reversed())] as JSONObject)
    }

    /// Returns whether a `$batch` body contains a request other than a GET. A body that is not a
    /// batch envelope contains none, because the batch then fails with 400 and changes nothing.
    static func batchContainsWrites(_ body: Data) -> Bool {
        guard let envelope = (try? JSONSerialization.jsonObject(with: body)) as? JSONObject,
              let requests = envelope["requests"] as? [Any]
        else {
            return false
        }
        return requests.contains { item in
            guard let method = (item as? JSONObject)?["method"] as? String else {
                return false
            }
            return method.uppercased() != "GET"
        }
    }

    private func run(_ item: BatchItem, statuses: [String: Int], context: GraphContext) -> GraphResult {
        if let failed = item.dependsOn.first(where: { (statuses[$0] ?? 0) >= 400 }) {
            let error = GraphError(status: 424, code: "FailedDependency", message: "The request it depends on, '\(failed)', failed.")
            return .error(error, context: context)
        }
        if item.url.lowercased().hasPrefix("/$batch") {
            return .error(.badRequest("A $batch request cannot contain another $batch request."), context: context)
        }
        let path = "/v1.0" + item.url
        let decision = faults.decide(method: item.method, path: path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path, target: .batchItem)
        switch decision.action {
        case .throttle(let seconds):
            return .error(.throttled(retryAfterSeconds: seconds), context: context)
        case .unavailable(let seconds):
            return .error(.unavailable(retryAfterSeconds: seconds), context: context)
        default:
            let itemRequest = HTTPRequest(method: item.method, target: path, headers: item.headers, body: item.body)
            return handle(itemRequest, context: context)
        }
    }

    private func answer(_ item: BatchItem, _ result: GraphResult) -> JSONObject {
        var headers: JSONObject = [:]
        for header in result.headers {
            headers[header.name] = header.value
        }
        var answer: JSONObject = ["id": item.id, "status": result.status, "headers": headers]
        if let body = result.body {
            answer["body"] = body
        }
        return answer
    }

    /// Validates the batch envelope as Graph does: 1 to 20 requests, unique ids, relative URLs,
    /// known `dependsOn` ids and a `Content-Type` header on every item with a body.
    private func parseBatch(_ envelope: JSONObject) throws -> [BatchItem] {
        guard let requests = envelope["requests"] as? [Any] else {
            throw GraphError.badRequest("The $batch body needs a 'requests' array.")
        }
        guard !requests.isEmpty else {
            throw GraphError.badRequest("The $batch 'requests' array is empty.")
        }
        guard requests.count <= Self.maximumBatchSize else {
            throw GraphError.badRequest("The $batch has \(requests.count) requests; at most \(Self.maximumBatchSize) are allowed.")
        }

        var items: [BatchItem] = []
        var ids = Set<String>()
        for (index, value) in requests.enumerated() {
            guard let object = value as? JSONObject else {
                throw GraphError.badRequest("Batch request \(index) is not a JSON object.")
            }
            guard let id = object["id"] as? String, !id.isEmpty else {
                throw GraphError.badRequest("Batch request \(index) has no 'id' string.")
            }
            guard ids.insert(id).inserted else {
                throw GraphError.badRequest("The batch request id '\(id)' is used more than once.")
            }
            guard let method = (object["method"] as? String)?.uppercased(), ["GET", "POST", "PATCH", "PUT", "DELETE"].contains(method) else {
                throw GraphError.badRequest("Batch request '\(id)' has no valid 'method'.")
            }
            guard let url = object["url"] as? String, !url.isEmpty else {
                throw GraphError.badRequest("Batch request '\(id)' has no 'url'.")
            }
            guard !url.contains("://") else {
                throw GraphError.badRequest("Batch request '\(id)' has the absolute URL '\(url)'; batch URLs are relative to the version root, such as '/servicePrincipals'.")
            }

            var headers: [(name: String, value: String)] = []
            if let headerObject = object["headers"] as? JSONObject {
                for (name, value) in headerObject.sorted(by: { $0.key < $1.key }) {
                    headers.append((name, "\(value)"))
                }
            }
            var body = Data()
            if let bodyValue = object["body"], !(bodyValue is NSNull) {
                body = bodyValue is String ? Data((bodyValue as! String).utf8) : JSONSupport.data(bodyValue)
                let hasContentType = headers.contains { $0.name.lowercased() == "content-type" }
                if !hasContentType {
                    throw GraphError.badRequest("Batch request '\(id)' has a body but no Content-Type header; add \"headers\": {\"Content-Type\": \"application/json\"}.")
                }
            }

            let dependsOn: [String]
            switch object["dependsOn"] {
            case nil, is NSNull:
                dependsOn = []
            case let list as [String]:
                dependsOn = list
            default:
                throw GraphError.badRequest("Batch request '\(id)' has a 'dependsOn' that is not an array of ids.")
            }
            items.append(BatchItem(id: id, method: method, url: url.hasPrefix("/") ? url : "/" + url, headers: headers, body: body, dependsOn: dependsOn))
        }

        for item in items {
            for dependency in item.dependsOn where !ids.contains(dependency) || dependency == item.id {
                throw GraphError.badRequest("Batch request '\(item.id)' depends on '\(dependency)', which is not another request in this batch.")
            }
        }
        return items
    }

    /// Orders items so each runs after the items it depends on, otherwise keeping request order.
    private func runOrder(_ items: [BatchItem]) throws -> [BatchItem] {
        var remaining = items
        var done = Set<String>()
        var order: [BatchItem] = []
        while !remaining.isEmpty {
            guard let index = remaining.firstIndex(where: { $0.dependsOn.allSatisfy(done.contains) }) else {
                throw GraphError.badRequest("The dependsOn references in this batch form a cycle.")
            }
            let item = remaining.remove(at: index)
            done.insert(item.id)
            order.append(item)
        }
        return order
    }
}
