import ConsentDoctor
import Foundation

/// A clock that moves only when something sleeps on it, recording every wait.
final class ManualSleeper: Sleeper, @unchecked Sendable {
    private let state: Locked<(now: Date, waits: [TimeInterval])>

    init(start: Date = Date(timeIntervalSince1970: 1_767_600_000)) {
        state = Locked((start, []))
    }

    func now() -> Date {
        state.current.now
    }

    func sleep(seconds: TimeInterval) async throws {
        state.withValue { value in
            value.waits.append(seconds)
            value.now = value.now.addingTimeInterval(seconds)
        }
    }

    var waits: [TimeInterval] {
        state.current.waits
    }
}

/// A log sink that keeps every message.
final class RecordingLogSink: LogSink, @unchecked Sendable {
    private let entries = Locked<[(level: LogLevel, message: String)]>([])

    func log(_ level: LogLevel, _ message: String) {
        entries.withValue { $0.append((level, message)) }
    }

    var messages: [String] {
        entries.current.map(\.message)
    }

    func messages(at level: LogLevel) -> [String] {
        entries.current.filter { $0.level == level }.map(\.message)
    }
}

/// A token provider that returns one fixed token and counts how often it was asked.
struct FixedTokenProvider: TokenProvider {
    let source = TokenSourceKind.accessToken
    let value: String

    init(_ value: String = "test-token-0123456789") {
        self.value = value
    }

    func token() async throws -> AccessToken {
        AccessToken(value: value, source: source)
    }
}

/// Builds the objects most tests need, with no real waiting.
enum TestClients {
    static func sender(
        transport: any HTTPTransport = CurlTransport(configuration: .init(connectTimeout: 5, totalTimeout: 10)),
        policy: RetryPolicy = RetryPolicy(),
        sleeper: ManualSleeper = ManualSleeper(),
        log: any LogSink = DiscardingLogSink()
    ) -> RetryingSender {
        RetryingSender(transport: transport, policy: policy, sleeper: sleeper, log: log, jitter: { 0.5 })
    }

    static func endpoints(graph server: TestServer, authority: TestServer? = nil) throws -> GraphEndpoints {
        try GraphEndpoints(cloud: .azureCloud, graphURL: server.rootURL, authorityHost: (authority ?? server).rootURL)
    }

    static func graphClient(
        server: TestServer,
        token: String = "test-token-0123456789",
        policy: RetryPolicy = RetryPolicy(),
        sleeper: ManualSleeper = ManualSleeper(),
        log: any LogSink = DiscardingLogSink(),
        transport: any HTTPTransport = CurlTransport(configuration: .init(connectTimeout: 5, totalTimeout: 10))
    ) throws -> GraphClient {
        GraphClient(
            endpoints: try endpoints(graph: server),
            tokenProvider: FixedTokenProvider(token),
            sender: sender(transport: transport, policy: policy, sleeper: sleeper, log: log)
        )
    }
}
