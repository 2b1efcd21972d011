import Foundation

/// A failure that left an HTTP request without a usable response.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The connection or the whole request took longer than the timeout.
        case timedOut = "timed-out"
        /// Nothing listens on the host and port, or a firewall rejected the connection.
        case connectionRefused = "connection-refused"
        /// The host name did not resolve.
        case hostNotFound = "host-not-found"
        /// The TLS handshake or the certificate check failed.
        case tls
        /// The proxy could not be reached or would not open a tunnel.
        case proxy
        /// The connection closed or reset before the response was complete.
        case connectionLost = "connection-lost"
        /// The response body was larger than the transport's cap.
        case responseTooLarge = "response-too-large"
        /// A response header was larger than libcurl accepts, or libcurl 7 ran out of memory.
        case headerTooLarge = "header-too-large"
        /// The request would send a credential over plain http to a non-loopback host.
        case insecureCredentialTransport = "insecure-credential-transport"
        /// The URL is not an absolute http or https URL.
        case invalidURL = "invalid-url"
        /// The caller cancelled the request.
        case cancelled
        /// Any other transport failure.
        case other
    }

    public var kind: Kind
    /// The host the request was for, or the URL text when it has no readable host.
    public var host: String
    /// The time limit that ran out, in seconds, for `timedOut`.
    public var timeout: TimeInterval?
    /// The size cap that was exceeded, in bytes, for `responseTooLarge`.
    public var limitBytes: Int?
    /// The proxy involved, for `proxy`.
    public var proxy: String?
    /// libcurl's own explanation, when there is one.
    public var detail: String?
    /// The libcurl result code, when libcurl reported the failure.
    public var curlCode: Int?

    public init(
        kind: Kind,
        host: String,
        timeout: TimeInterval? = nil,
        limitBytes: Int? = nil,
        proxy: String? = nil,
        detail: String? = nil,
        curlCode: Int? = nil
    ) {
        self.kind = kind
        self.host = host
        self.timeout = timeout
        self.limitBytes = limitBytes
        self.proxy = proxy
        self.detail = detail
        self.curlCode = curlCode
    }

    /// Whether a retry may help when the request is idempotent.
    public var isTransient: Bool {
        switch kind {
        case .timedOut, .connectionLost:
            return true
        default:
            return false
        }
    }

    public var description: String {
        let reason = detail.map { " (\($0))" } ?? ""
        switch kind {
        case .timedOut:
            let limit = timeout.map { " within \(Self.seconds($0))" } ?? ""
            return "The request to \(host) timed out: no complete response arrived\(limit)\(reason). Check the network path to \(host), or raise the timeout."
        case .connectionRefused:
            return "The connection to \(host) was refused\(reason). Check that the host and port are right and that the service is running."
        case .hostNotFound:
            return "The host name \(host) could not be resolved\(reason). Check the spelling of the URL and the DNS settings."
        case .tls:
            return "The TLS connection to \(host) failed\(reason). Check the system clock and the CA certificates; set SSL_CERT_FILE to a CA bundle when a proxy inspects TLS."
        case .proxy:
            let name = proxy.map { " \($0)" } ?? ""
            return "The proxy\(name) did not forward the request to \(host)\(reason). Check HTTPS_PROXY and NO_PROXY."
        case .connectionLost:
            return "The connection to \(host) closed before the response was complete\(reason). Try again; if it keeps happening, check proxies and firewalls on the way."
        case .responseTooLarge:
            let limit = limitBytes.map { " of \(Self.size($0))" } ?? ""
            return "The response from \(host) was larger than the limit\(limit), so it was not read. Microsoft Graph and the sign-in service send consent-doctor far smaller responses, so check that the URL (--graph-url, --authority-host or IDENTITY_ENDPOINT) points at the right service and that no proxy on the way changes the response."
        case .headerTooLarge:
            // libcurl 7 reports an oversized header as out of memory, so that code names both causes.
            let cause = curlCode == 27 ? ", or libcurl ran out of memory while reading it" : ""
            return "The response from \(host) has a header larger than libcurl accepts (about 100 KB in libcurl 7)\(cause)\(reason). Microsoft Graph and the sign-in service never send such a header, so check that the URL (--graph-url, --authority-host or IDENTITY_ENDPOINT) points at the right service and that no proxy on the way adds one."
        case .insecureCredentialTransport:
            return "The request to \(host) was rejected before sending: it carries a credential over plain http to a host that is not a loopback address. Use an https URL."
        case .invalidURL:
            return "The URL '\(host)' is not a valid http or https URL\(reason). Check the configured endpoints."
        case .cancelled:
            return "The request to \(host) was cancelled."
        case .other:
            return "The request to \(host) failed\(reason)."
        }
    }

    /// Returns a byte count as text, such as `32 MiB`.
    private static func size(_ bytes: Int) -> String {
        let mebibyte = 1024 * 1024
        return bytes % mebibyte == 0 ? "\(bytes / mebibyte) MiB" : "\(bytes) bytes"
    }

    private static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
