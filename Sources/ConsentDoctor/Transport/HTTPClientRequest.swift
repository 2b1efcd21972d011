import Foundation

/// One HTTP header field.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An HTTP request for an `HTTPTransport`.
public struct HTTPClientRequest: Sendable {
    /// The destinations to which plain `http` may carry credentials. `https` is always allowed.
    public enum PlainHTTPAllowance: Sendable, Equatable {
        /// Only to a loopback address: 127.0.0.0/8, ::1 or `localhost`.
        case loopbackOnly
        /// To a loopback or an IPv4 link-local address (169.254.0.0/16). Managed identity
        /// endpoints inside Azure hosting use plain http on such addresses by design.
        case loopbackOrLinkLocal
    }

    public var method: String
    /// The absolute URL, such as `https://graph.microsoft.com/v1.0/organization`.
    public var url: String
    public var headers: [HTTPHeader]
    public var body: Data?
    /// The total time allowed for this request, in seconds; nil uses the transport's default.
    public var timeout: TimeInterval?
    /// Whether sending the request twice has the same effect as sending it once, which decides
    /// whether a timeout or a dropped connection may be retried.
    public var isIdempotent: Bool
    /// Whether the request carries a secret outside the `Authorization` header, such as a client
    /// secret in a form body. Requests with an `Authorization` header count as carrying one anyway.
    public var containsSecret: Bool
    public var plainHTTPAllowance: PlainHTTPAllowance

    public init(
        method: String,
        url: String,
        headers: [HTTPHeader] = [],
        body: Data? = nil,
        timeout: TimeInterval? = nil,
        isIdempotent: Bool? = nil,
        containsSecret: Bool = false,
        plainHTTPAllowance: PlainHTTPAllowance = .loopbackOnly
    ) {
        self.method = method.uppercased()
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.isIdempotent = isIdempotent ?? Self.idempotentMethods.contains(method.uppercased())
        self.containsSecret = containsSecret
        self.plainHTTPAllowance = plainHTTPAllowance
    }

    /// The methods RFC 9110 defines as idempotent.
    public static let idempotentMethods: Set<String> = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]

    /// Returns the first value of a header, matching the name without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Whether the request carries a credential: an `Authorization` header or a marked secret.
    public var carriesCredentials: Bool {
        containsSecret || header("Authorization") != nil
    }
}
