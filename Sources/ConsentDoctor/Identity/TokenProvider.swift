import Foundation

/// Supplies Graph tokens to `GraphClient`. Implementations cache and refresh as they need.
public protocol TokenProvider: Sendable {
    /// The source that produces the tokens, for messages.
    var source: TokenSourceKind { get }
    /// Returns a token valid for at least a few more minutes.
    ///
    /// - Throws: `IdentityError` when no token can be obtained.
    func token() async throws -> AccessToken
}

/// Fetches a fresh token each time it is called; `CachingTokenProvider` wraps it.
public protocol TokenSource: Sendable {
    var kind: TokenSourceKind { get }
    func fetchToken() async throws -> AccessToken
}

/// Caches the token of a source until it is about to expire, and shares one fetch between
/// callers that ask at the same time, so a device code prompt appears once.
public actor CachingTokenProvider: TokenProvider {
    /// How long before expiry a cached token is replaced, in seconds.
    public static let refreshMargin: TimeInterval = 300

    public nonisolated let source: TokenSourceKind
    private let tokenSource: any TokenSource
    private let sleeper: any Sleeper
    private let log: any LogSink
    private var cached: AccessToken?
    private var pending: Task<AccessToken, any Error>?

    /// - Parameter log: Receives one `info` line per fetched token, naming the source and tenant.
    public init(source: any TokenSource, sleeper: any Sleeper = SystemSleeper(), log: any LogSink = DiscardingLogSink()) {
        self.source = source.kind
        self.tokenSource = source
        self.sleeper = sleeper
        self.log = log
    }

    public func token() async throws -> AccessToken {
        if let cached, !cached.expires(within: Self.refreshMargin, of: sleeper.now()) {
            return cached
        }
        if let pending {
            return try await pending.value
        }

        let fetch = Task { [tokenSource] in try await tokenSource.fetchToken() }
        pending = fetch
        defer { pending = nil }
        let fresh = try await fetch.value
        cached = fresh
        log.log(.info, "Obtained a Graph \(fresh).")
        return fresh
    }
}
