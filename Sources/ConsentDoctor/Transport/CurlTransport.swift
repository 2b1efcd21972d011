import CCurl
import Foundation

/// libcurl's global state, initialised once before the first handle is created, as libcurl
/// requires. A global `let` is initialised lazily and exactly once, even across threads.
let curlGlobalInitResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

/// The production `HTTPTransport`: HTTP/1.1 and HTTP/2 over libcurl.
///
/// - TLS peer and host verification are always on.
/// - Proxies come from `HTTPS_PROXY`, `https_proxy`, `http_proxy`, `ALL_PROXY` and `NO_PROXY`, as
///   libcurl reads them. Loopback destinations are always reached directly, so a request meant
///   for a local emulator never travels through a remote proxy in clear text.
/// - Idle easy handles are pooled and reused, so sequential requests to one host share one
///   kept-alive connection. Concurrent requests each take their own handle.
/// - Blocking libcurl calls run on Dispatch's global queue, never on Swift's cooperative pool.
public final class CurlTransport: HTTPTransport, Sendable {
    public struct Configuration: Sendable {
        /// The time allowed to open a connection, including TLS and proxy set-up, in seconds.
        public var connectTimeout: TimeInterval
        /// The time allowed for a whole request, in seconds, unless the request sets its own.
        public var totalTimeout: TimeInterval
        /// The largest response body accepted, in bytes (after decompression).
        public var maximumResponseBytes: Int
        public var userAgent: String
        /// A PEM file of trusted CA certificates, from `SSL_CERT_FILE` or `CURL_CA_BUNDLE`.
        /// libcurl ignores both variables, so the transport passes them on itself.
        public var caBundlePath: String?
        /// A folder of hashed CA certificates, from `SSL_CERT_DIR`.
        public var caDirectoryPath: String?
        public var proxies: ProxySettings
        /// Fixed name resolutions in libcurl's `HOST:PORT:ADDRESS` form, as `curl --resolve` takes.
        public var resolve: [String]

        public init(
            connectTimeout: TimeInterval = 10,
            totalTimeout: TimeInterval = 60,
            maximumResponseBytes: Int = 32 * 1024 * 1024,
            userAgent: String = "consent-doctor",
            caBundlePath: String? = nil,
            caDirectoryPath: String? = nil,
            proxies: ProxySettings = ProxySettings(),
            resolve: [String] = []
        ) {
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.maximumResponseBytes = maximumResponseBytes
            self.userAgent = userAgent
            self.caBundlePath = caBundlePath
            self.caDirectoryPath = caDirectoryPath
            self.proxies = proxies
            self.resolve = resolve
        }

        /// Returns the default configuration with proxies and CA locations read from `environment`.
        public static func fromEnvironment(_ environment: [String: String]) -> Configuration {
            func nonEmpty(_ name: String) -> String? {
                environment[name].flatMap { $0.isEmpty ? nil : $0 }
            }
            return Configuration(
                caBundlePath: nonEmpty("SSL_CERT_FILE") ?? nonEmpty("CURL_CA_BUNDLE"),
                caDirectoryPath: nonEmpty("SSL_CERT_DIR"),
                proxies: ProxySettings(environment: environment)
            )
        }
    }

    public let configuration: Configuration
    private let pool = CurlHandlePool()

    public init(configuration: Configuration = .fromEnvironment(ProcessInfo.processInfo.environment)) {
        self.configuration = configuration
    }

    /// Sends the request after checking `CredentialTransportPolicy`.
    ///
    /// Cancelling the calling task stops the transfer within about a second, also while the
    /// server sends nothing, and throws a `cancelled` error. A write cancelled this way may have
    /// reached the server.
    ///
    /// - Throws: `TransportError` when the request is rejected or no complete response arrived.
    public func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        if let violation = CredentialTransportPolicy.violation(for: request) {
            throw violation
        }
        guard let url = CurlURL(request.url), url.scheme == "http" || url.scheme == "https" else {
            throw TransportError(kind: .invalidURL, host: request.url)
        }
        guard curlGlobalInitResult == CURLE_OK else {
            throw TransportError(kind: .other, host: url.authority, detail: "libcurl could not initialise")
        }

        let cancellation = CancellationFlag()
        let configuration = self.configuration
        let pool = self.pool
        let result: Result<HTTPClientResponse, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async {
                    guard let handle = pool.take() else {
                        continuation.resume(returning: .failure(TransportError(kind: .other, host: url.authority, detail: "libcurl could not create a handle")))
                        return
                    }
                    let outcome = handle.perform(request, url: url, configuration: configuration, cancellation: cancellation)
                    pool.put(handle)
                    continuation.resume(returning: outcome)
                }
            }
        } onCancel: {
            cancellation.set()
        }
        return try result.get()
    }
}

/// A thread-safe flag that a cancellation handler sets and a libcurl callback reads.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.withLock { value = true }
    }

    var isSet: Bool {
        lock.withLock { value }
    }
}

/// Idle libcurl easy handles. Each keeps its own connection cache, so reusing a handle reuses
/// its open connections.
final class CurlHandlePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [CurlEasyHandle] = []

    /// Returns the most recently used idle handle, so sequential requests share connections.
    func take() -> CurlEasyHandle? {
        if let handle = lock.withLock({ idle.popLast() }) {
            return handle
        }
        return CurlEasyHandle()
    }

    func put(_ handle: CurlEasyHandle) {
        lock.withLock { idle.append(handle) }
    }
}
