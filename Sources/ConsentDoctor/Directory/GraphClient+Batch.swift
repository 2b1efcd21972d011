import Foundation

extension GraphClient {
    /// Sends requests through `POST /$batch`, 20 at a time, and returns the responses by id.
    ///
    /// Responses are matched by id, so their order does not matter. Items that returned 429, or 503
    /// under `RetryingSender`'s rules, go out again in a new batch of just those items after
    /// the longest `Retry-After` among them, within the sender's retry policy. Items still
    /// throttled when retries run out keep their last response.
    ///
    /// - Throws: `GraphBatchRequestError` for duplicate or empty ids and non-relative URLs;
    ///   `GraphError` when a `$batch` request itself fails; `IdentityError`.
    public func batch(_ requests: [GraphBatchRequest]) async throws -> GraphBatchResult {
        try Self.validate(requests)

        var result = GraphBatchResult(responses: [:], requests: [], roundTrips: 0)
        var start = 0
        while start < requests.count {
            let chunk = Array(requests[start..<min(start + GraphBatchEnvelope.maximumRequests, requests.count)])
            let chunkResult = try await sendChunk(chunk, previous: result.requests)
            result.responses.merge(chunkResult.responses) { _, new in new }
            result.requests += chunkResult.requests
            result.roundTrips += chunkResult.roundTrips
            start += GraphBatchEnvelope.maximumRequests
        }
        return result
    }

    private static func validate(_ requests: [GraphBatchRequest]) throws {
        var ids: Set<String> = []
        for request in requests {
            guard !request.id.isEmpty, ids.insert(request.id).inserted else {
                throw GraphBatchRequestError(description: "The $batch request id '\(request.id)' is empty or used twice; each id must be unique.")
            }
            guard request.url.hasPrefix("/") else {
                throw GraphBatchRequestError(description: "The $batch request '\(request.id)' has the URL '\(request.url)'; items need a URL relative to the version root, starting with '/'.")
            }
        }
    }

    /// Sends up to 20 requests and retries the throttled ones.
    private func sendChunk(_ chunk: [GraphBatchRequest], previous: [GraphRequestRecord]) async throws -> GraphBatchResult {
        var result = GraphBatchResult(responses: [:], requests: [], roundTrips: 0)
        var pending = chunk
        var attempt = 1
        var waited: TimeInterval = 0

        while true {
            let responses = try await sendOnce(pending, records: &result.requests, roundTrips: &result.roundTrips, previous: previous)
            for request in pending {
                let response = responses[request.id]
                result.requests.append(GraphRequestRecord(method: request.method, path: GraphPath.readable(request.url), status: response?.status, requestId: response?.requestId))
                if let response {
                    result.responses[request.id] = response
                }
            }

            var retryable: [GraphBatchRequest] = []
            var wait: TimeInterval = 0
            var reasons: [String] = []
            for request in pending {
                guard let response = responses[request.id] else {
                    continue
                }
                let decision = RetryingSender.decide(
                    request: HTTPClientRequest(method: request.method, url: request.url),
                    result: .success(HTTPClientResponse(status: response.status, headers: response.headers.map { HTTPHeader($0.key, $0.value) })),
                    attempt: attempt,
                    waitedSoFar: waited,
                    policy: sender.policy,
                    jitter: sender.jitter(),
                    now: sender.sleeper.now()
                )
                if case .retry(let itemWait, _) = decision {
                    retryable.append(request)
                    wait = max(wait, itemWait)
                    reasons.append("\(request.id) returned \(response.status)\(response.requestId.map { " (request-id \($0))" } ?? "")")
                }
            }
            guard !retryable.isEmpty, waited + wait <= sender.policy.maximumTotalWait else {
                return result
            }

            log.log(.info, "Retrying \(retryable.count) of \(pending.count) $batch items in \(String(format: "%.1f s", wait)) (attempt \(attempt + 1) of \(sender.policy.maximumAttempts)): \(reasons.joined(separator: "; ")).")
            try await sender.sleeper.sleep(seconds: wait)
            waited += wait
            attempt += 1
            pending = retryable
        }
    }

    /// Sends one `POST /$batch` and returns its responses by id.
    private func sendOnce(
        _ requests: [GraphBatchRequest],
        records: inout [GraphRequestRecord],
        roundTrips: inout Int,
        previous: [GraphRequestRecord]
    ) async throws -> [String: GraphBatchResponse] {
        let body = try GraphBatchEnvelope.encode(requests)
        // The batch may be retried after a timeout only when every item is a read.
        let readsOnly = requests.allSatisfy { $0.method == "GET" }

        let exchange: Exchange
        do {
            exchange = try await send(method: "POST", path: "/$batch", body: body, isIdempotent: readsOnly)
        } catch var failure as GraphError {
            failure.requests = previous + records + failure.requests
            throw failure
        }
        records.append(exchange.record)
        roundTrips += exchange.attempts

        guard exchange.response.isSuccess else {
            throw try await error(for: exchange, requests: previous + records)
        }
        let responses: [GraphBatchResponse]
        do {
            responses = try GraphBatchEnvelope.decode(exchange.response.body)
        } catch let problem as GraphBatchRequestError {
            throw GraphError(kind: .malformedResponse, method: "POST", path: "/$batch", status: exchange.response.status, requestId: exchange.record.requestId, detail: problem.description, requests: previous + records)
        }

        var byId: [String: GraphBatchResponse] = [:]
        for response in responses {
            byId[response.id] = response
        }
        return byId
    }
}
