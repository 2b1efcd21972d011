import Foundation

/// The Microsoft Graph and token service emulator: serves one tenant described by a tenant
/// file, over HTTP on 127.0.0.1 or in-process through `handle(_:)`.
public final class Emulator: @unchecked Sendable {
    /// The rule for bearer tokens on Graph requests.
    public enum AuthMode: String, Sendable {
        /// Every Graph request needs a token the emulator issued or the tenant file lists.
        case required
        /// A request without a token acts with full permissions; a token that is sent is still checked.
        case optional
    }

    public struct Configuration: Sendable {
        public var tenant: TenantFile
        public var authMode: AuthMode
        public var faults: [FaultRule]
        /// Seeds the generator of object ids, request ids and user codes.
        public var seed: UInt64
        /// Receives one line per request served; nil logs nothing.
        public var logSink: (@Sendable (String) -> Void)?

        public init(tenant: TenantFile, authMode: AuthMode = .required, faults: [FaultRule] = [], seed: UInt64 = 1, logSink: (@Sendable (String) -> Void)? = nil) {
            self.tenant = tenant
            self.authMode = authMode
            self.faults = faults
            self.seed = seed
            self.logSink = logSink
        }
    }

    public let tenant: TenantFile
    public let authMode: AuthMode
    /// The active fault rules; tests may change them while the emulator runs.
    public let faults: FaultInjector

    let store: DirectoryStore
    let tokens: TokenStore
    let requestLog = RequestLog()
    let graph: GraphService
    let tokenService: TokenService
    let requestIds: IdentifierGenerator
    let logSink: (@Sendable (String) -> Void)?
    private let lock = NSLock()
    private var server: HTTPServer?
    private var configuredBaseURL = "http://127.0.0.1"

    public init(configuration: Configuration) {
        tenant = configuration.tenant
        authMode = configuration.authMode
        faults = FaultInjector(rules: configuration.faults)
        logSink = configuration.logSink
        let objectIds = IdentifierGenerator(seed: configuration.seed)
        requestIds = IdentifierGenerator(seed: configuration.seed ^ 0x5EED_0000_0000_0001)
        store = DirectoryStore(tenant: tenant, identifiers: objectIds)
        tokens = TokenStore(identities: tenant.identities)
        graph = GraphService(tenant: tenant, store: store, faults: faults)
        tokenService = TokenService(tenant: tenant, tokens: tokens, faults: faults, identifiers: objectIds)
    }

    /// The root URL used in next links and token-service responses, such as `http://127.0.0.1:8400`.
    /// `start(port:)` sets it; in-process users may set it themselves.
    public var baseURL: String {
        get { lock.withLock { configuredBaseURL } }
        set { lock.withLock { configuredBaseURL = newValue } }
    }

    /// Starts serving on 127.0.0.1 and returns the port; 0 picks a free port.
    ///
    /// - Throws: `HTTPServer.StartError` when the port cannot be bound.
    @discardableResult
    public func start(port: UInt16 = 0) throws -> UInt16 {
        let server = HTTPServer(port: port) { [self] request in handle(request) }
        let boundPort = try server.start()
        lock.withLock {
            self.server = server
            configuredBaseURL = "http://127.0.0.1:\(boundPort)"
        }
        return boundPort
    }

    /// Stops the HTTP server, ending hung responses.
    public func stop() {
        let running = lock.withLock { () -> HTTPServer? in
            defer { server = nil }
            return server
        }
        running?.stop()
    }

    /// The number of HTTP requests served since start or the last reset, control requests excluded.
    public var requestCount: Int {
        requestLog.count
    }

    /// The requests served since start or the last reset, `$batch` items included.
    public var requests: [RequestRecord] {
        requestLog.snapshot
    }

    /// Clears the request count and log.
    public func resetRequestLog() {
        requestLog.reset()
    }

    /// Returns the current service principals and grants as the control endpoint sends them.
    public func stateJSON() -> Data {
        let snapshot = store.snapshot()
        let state: JSONObject = [
            "tenantId": tenant.tenantId,
            "servicePrincipals": snapshot.servicePrincipals.map { $0.jsonObject() },
            "oauth2PermissionGrants": snapshot.grants.map { $0.jsonObject() },
        ]
        return JSONSupport.data(state)
    }
}
