import Foundation

extension Emulator {
    /// Serves one request: control endpoints, then faults, then the token service or Graph.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        if request.path.lowercased().hasPrefix(ControlService.prefix) {
            return ControlService(emulator: self).handle(request)
        }

        let started = Date()
        let requestId = nextRequestId()
        let clientRequestId = request.header("client-request-id") ?? requestId
        let base = baseURL
        var identity: String?

        let decision = faults.decide(method: request.method, path: request.path, target: .request, changesState: Self.changesState(request))
        if decision.latencyMilliseconds > 0 {
            Thread.sleep(forTimeInterval: Double(decision.latencyMilliseconds) / 1000)
        }

        var response: HTTPResponse
        switch decision.action {
        case .hang:
            record(request, status: 0, requestId: requestId, started: started, identity: nil)
            return .hang
        case .dropConnection:
            record(request, status: 0, requestId: requestId, started: started, identity: nil)
            return .dropConnection
        case .throttle(let seconds):
            response = faultResponse(.throttled(retryAfterSeconds: seconds), request: request, requestId: requestId, clientRequestId: clientRequestId, baseURL: base)
        case .unavailable(let seconds):
            response = faultResponse(.unavailable(retryAfterSeconds: seconds), request: request, requestId: requestId, clientRequestId: clientRequestId, baseURL: base)
        case .malformedJSON, nil:
            if TokenService.serves(request.path) {
                let ids = TokenService.RequestIds(traceId: requestId, correlationId: clientRequestId, baseURL: base)
                response = tokenService.handle(request, ids: ids)
            } else {
                (response, identity) = serveGraph(request, requestId: requestId, clientRequestId: clientRequestId, baseURL: base)
            }
        }

        if decision.action == .malformedJSON && !response.body.isEmpty {
            response.body = response.body.prefix(response.body.count / 2)
        }
        response.headers.append(("request-id", requestId))
        response.headers.append(("client-request-id", clientRequestId))
        record(request, status: response.status, requestId: requestId, started: started, identity: identity)
        return response
    }

    /// Returns whether a request can change the directory: a POST, PATCH, PUT or DELETE, except a
    /// `$batch` whose items are all GETs, which only reads.
    static func changesState(_ request: HTTPRequest) -> Bool {
        guard FaultRule.isWriteMethod(request.method) else {
            return false
        }
        if request.method.uppercased() == "POST" && request.path.lowercased() == "/v1.0/$batch" {
            return GraphService.batchContainsWrites(request.body)
        }
        return true
    }

    private func nextRequestId() -> String {
        requestIds.guid()
    }

    /// Authenticates a Graph request, then serves it; returns the response and the caller's name.
    private func serveGraph(_ request: HTTPRequest, requestId: String, clientRequestId: String, baseURL: String) -> (HTTPResponse, String?) {
        var context = GraphContext(
            requestId: requestId, clientRequestId: clientRequestId, baseURL: baseURL,
            caller: .anonymous, observations: ReadObservations(), batchItemId: nil, recordBatchItem: nil
        )
        switch authenticate(request, baseURL: baseURL) {
        case .failure(let error):
            var error = error
            error.headers.append(("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"\(baseURL)/\(tenant.tenantId)/oauth2/v2.0/authorize\", client_id=\"\(TokenAudience.graphAppId)\""))
            return (httpResponse(.error(error, context: context)), nil)
        case .success(let caller):
            context.caller = caller
        }
        let started = Date()
        context.recordBatchItem = { [self] item, status in
            let itemRecord = RequestRecord(
                time: started, method: item.method, path: RequestLog.redactedTarget(item.url), status: status,
                requestId: requestId, durationMilliseconds: 0, identity: context.caller.identityName, batchItemId: item.id
            )
            requestLog.append(itemRecord, countsAsRequest: false)
        }
        return (httpResponse(graph.handle(request, context: context)), context.caller.identityName)
    }

    private func httpResponse(_ result: GraphResult) -> HTTPResponse {
        let body = result.body.map { JSONSupport.data($0) } ?? Data()
        return HTTPResponse(status: result.status, headers: result.headers, body: body)
    }

    /// Returns a 429 or 503 in the shape of the service the path belongs to.
    private func faultResponse(_ error: GraphError, request: HTTPRequest, requestId: String, clientRequestId: String, baseURL: String) -> HTTPResponse {
        if TokenService.serves(request.path) {
            let tokenError = TokenServiceError(status: error.status, error: "temporarily_unavailable", code: nil, message: error.message)
            var response = tokenService.errorResponse(tokenError, ids: TokenService.RequestIds(traceId: requestId, correlationId: clientRequestId, baseURL: baseURL))
            response.headers += error.headers
            return response
        }
        let context = GraphContext(
            requestId: requestId, clientRequestId: clientRequestId, baseURL: baseURL,
            caller: .anonymous, observations: ReadObservations(), batchItemId: nil, recordBatchItem: nil
        )
        return httpResponse(.error(error, context: context))
    }

    private func record(_ request: HTTPRequest, status: Int, requestId: String, started: Date, identity: String?) {
        let record = RequestRecord(
            time: started, method: request.method, path: RequestLog.redactedTarget(request.target), status: status,
            requestId: requestId, durationMilliseconds: Int(Date().timeIntervalSince(started) * 1000), identity: identity, batchItemId: nil
        )
        requestLog.append(record, countsAsRequest: true)
        logSink?(record.logLine())
    }
}
