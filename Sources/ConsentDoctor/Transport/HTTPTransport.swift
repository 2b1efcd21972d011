/// Sends one HTTP request and returns the response, whatever its status.
///
/// Implementations throw `TransportError` when no response arrived. They do not retry; callers
/// wrap them in `RetryingSender`.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse
}
