import Foundation

/// The response an `HTTPTransport` received.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    /// Header fields of the final response, in arrival order.
    public var headers: [HTTPHeader]
    public var body: Data
    /// The number of new connections the transport opened for this request: 0 when it reused one.
    public var newConnections: Int

    public init(status: Int, headers: [HTTPHeader] = [], body: Data = Data(), newConnections: Int = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.newConnections = newConnections
    }

    /// Returns the first value of a header, matching the name without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Whether the status is in the 2xx range.
    public var isSuccess: Bool {
        (200..<300).contains(status)
    }
}
