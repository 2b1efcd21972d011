import Foundation

/// A Microsoft Graph v1.0 client over an `HTTPTransport`: single requests, paging, `$batch`
/// and the writes `fix` needs.
///
/// Every request carries a token from `tokenProvider`, goes through `sender` for retries, and
/// produces a `GraphRequestRecord` that callers keep as evidence.
public struct GraphClient: Sendable {
    /// One request as sent, with its final response.
    public struct Exchange: Sendable {
        public var response: HTTPClientResponse
        public var record: GraphRequestRecord
        /// Times the request was sent, retries included.
        public var attempts: Int
        /// The `Retry-After` wait Graph requested that was too long to wait for, if any.
        public var declinedWait: RetryingSender.DeclinedWait? = nil
    }

    public var endpoints: GraphEndpoints
    public var tokenProvider: any TokenProvider
    public var sender: RetryingSender
    /// The maximum number of pages one collection may span before the client stops with an error.
    public var maximumPages: Int

    public init(endpoints: GraphEndpoints, tokenProvider: any TokenProvider, sender: RetryingSender, maximumPages: Int = 100) {
        self.endpoints = endpoints
        self.tokenProvider = tokenProvider
        self.sender = sender
        self.maximumPages = maximumPages
    }

    var log: any LogSink {
        sender.log
    }

    /// Sends one request and returns the response whatever its status.
    ///
    /// - Parameters:
    ///   - path: A path relative to the version root, such as `/organization`, or an absolute
    ///     `@odata.nextLink` under the same version root.
    ///   - body: A JSON body.
    /// - Throws: `GraphError` (`unreachable`) when no response arrived, or (`malformedResponse`)
    ///   for an absolute URL outside the Graph root; `IdentityError` when no token is available.
    public func send(
        method: String,
        path: String,
        body: Data? = nil,
        headers: [HTTPHeader] = [],
        isIdempotent: Bool? = nil
    ) async throws -> Exchange {
        let (url, relativePath) = try resolve(path, method: method)
        let token = try await tokenProvider.token()

        var allHeaders = [HTTPHeader("Authorization", "Bearer \(token.value)"), HTTPHeader("Accept", "application/json")]
        if body != nil {
            allHeaders.append(HTTPHeader("Content-Type", "application/json"))
        }
        allHeaders += headers
        let request = HTTPClientRequest(method: method, url: url, headers: allHeaders, body: body, isIdempotent: isIdempotent)

        let readablePath = GraphPath.readable(relativePath)
        let outcome = try await sender.send(request, label: "\(method) \(readablePath)")
        switch outcome.result {
        case .success(let received):
            let response = Self.removingToken(token.value, from: received)
            let requestId = RetryingSender.requestId(of: response) ?? GraphErrorBody.parse(response.body)?.requestId
            let record = GraphRequestRecord(method: method, path: readablePath, status: response.status, requestId: requestId, attempts: outcome.attempts)
            log.log(.debug, "\(method) \(readablePath) returned \(response.status)\(requestId.map { " (request-id \($0))" } ?? "").")
            return Exchange(response: response, record: record, attempts: outcome.attempts, declinedWait: outcome.declinedWait)
        case .failure(let error):
            let record = GraphRequestRecord(method: method, path: readablePath, status: nil, requestId: nil, attempts: outcome.attempts)
            log.log(.debug, "\(method) \(readablePath) failed: \(error.kind.rawValue).")
            throw GraphError(kind: .unreachable, method: method, path: readablePath, attempts: outcome.attempts, transportError: error, requests: [record])
        }
    }

    /// Sends a GET and returns the response when its status is 2xx.
    ///
    /// - Throws: `GraphError` for any other status, for no response, and `IdentityError`.
    public func get(_ path: String) async throws -> Exchange {
        let exchange = try await send(method: "GET", path: path)
        guard exchange.response.isSuccess else {
            throw try await error(for: exchange)
        }
        return exchange
    }

    /// Returns the typed error for a response with an error status. Graph's code and message pass
    /// through `SecretRedaction`, which removes the current token and masks any other credential
    /// in case a server echoes one.
    func error(for exchange: Exchange, requests: [GraphRequestRecord]? = nil) async throws -> GraphError {
        let body = GraphErrorBody.parse(exchange.response.body)
        let secrets = [try await tokenProvider.token().value]
        return GraphError(
            kind: GraphError.kind(forStatus: exchange.response.status),
            method: exchange.record.method,
            path: exchange.record.path,
            status: exchange.response.status,
            code: body?.code.map { SecretRedaction.cleaned($0, secrets: secrets) },
            graphMessage: body?.message.flatMap { SecretRedaction.singleLine($0, secrets: secrets) },
            requestId: exchange.record.requestId,
            attempts: exchange.attempts,
            requests: requests ?? [exchange.record],
            declinedWait: exchange.declinedWait,
            location: GraphError.shownLocation(exchange.response.header("Location"))
        )
    }

    /// Returns the response with every copy of the token in its headers and body replaced.
    ///
    /// Graph never echoes the token, but a proxy or a misbehaving server could. Removing it here,
    /// where responses enter the client, keeps it out of every message, record and snapshot made
    /// from them, `$batch` responses included. Replacing the token's bytes keeps JSON valid, because
    /// a token contains no quote or backslash.
    static func removingToken(_ token: String, from response: HTTPClientResponse) -> HTTPClientResponse {
        let tokenBytes = Data(token.utf8)
        guard !tokenBytes.isEmpty else {
            return response
        }
        var cleaned = response
        cleaned.headers = response.headers.map { HTTPHeader($0.name, SecretRedaction.redact($0.value, secrets: [token])) }
        let placeholder = Data(SecretRedaction.placeholder.utf8)
        var searchStart = cleaned.body.startIndex
        // The search resumes after each placeholder, so a token that occurs inside the placeholder
        // itself (a one-letter test token, say) cannot make the loop run forever.
        while let range = cleaned.body.range(of: tokenBytes, in: searchStart..<cleaned.body.endIndex) {
            cleaned.body.replaceSubrange(range, with: placeholder)
            searchStart = range.lowerBound + placeholder.count
        }
        return cleaned
    }

    /// Returns the absolute URL and the path relative to the version root.
    ///
    /// An absolute URL must lie under the configured Graph version root, so a `nextLink` can
    /// never send the token to another host.
    private func resolve(_ path: String, method: String) throws -> (url: String, relativePath: String) {
        guard path.contains("://") else {
            return (endpoints.graphURL(path: path), path.hasPrefix("/") ? path : "/" + path)
        }
        let root = endpoints.versionRoot
        guard path.hasPrefix(root + "/") || path.hasPrefix(root + "?") else {
            throw GraphError(kind: .malformedResponse, method: method, path: path, detail: "the link points outside \(root), so the token was not sent")
        }
        return (path, String(path.dropFirst(root.count)))
    }
}
