import Foundation

/// Sends requests through a transport and retries the failures that a later attempt may fix.
///
/// What is retried:
/// - 429 for every request, because throttling rejects a request before it runs;
/// - 503 for idempotent requests, and for others only with `Retry-After`, because with it the
///   server requests a later retry, while a bare 503 may come from a gateway after a write ran;
/// - 502, 504, timeouts and dropped connections for idempotent requests only, because a write may
///   have taken effect before the failure, and sending it again could apply it twice.
///
/// Each retry is logged at `info` level with the wait, the reason and the request id.
public struct RetryingSender: Sendable {
    /// The result of a request after retries.
    public struct Outcome: Sendable {
        /// The final response, or the transport failure of the final attempt.
        public var result: Result<HTTPClientResponse, TransportError>
        /// Attempts made, the first one included.
        public var attempts: Int
        /// The sum of the waits between attempts, in seconds.
        public var waited: TimeInterval
        /// The wait the server requested with `Retry-After` when it was longer than the policy
        /// allows, which ended the retries; nil otherwise.
        public var declinedWait: DeclinedWait? = nil
    }

    /// A `Retry-After` wait that was longer than the retry policy allows.
    public struct DeclinedWait: Sendable, Equatable {
        /// The wait the server requested, in seconds.
        public var requested: TimeInterval
        /// The longest wait the policy still allowed for the request, in seconds.
        public var limit: TimeInterval

        public init(requested: TimeInterval, limit: TimeInterval) {
            self.requested = requested
            self.limit = limit
        }
    }

    /// The next step after an attempt: retry after a wait, or stop.
    public enum Decision: Sendable, Equatable {
        case retry(wait: TimeInterval, reason: String)
        case stop
        /// Stop, because the server requested a wait longer than the policy allows.
        case stopWaitTooLong(DeclinedWait)
    }

    public var transport: any HTTPTransport
    public var policy: RetryPolicy
    public var sleeper: any Sleeper
    public var log: any LogSink
    /// Returns a number in 0..<1 that places each backoff inside its range.
    public var jitter: @Sendable () -> Double

    public init(
        transport: any HTTPTransport,
        policy: RetryPolicy = RetryPolicy(),
        sleeper: any Sleeper = SystemSleeper(),
        log: any LogSink = DiscardingLogSink(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.transport = transport
        self.policy = policy
        self.sleeper = sleeper
        self.log = log
        self.jitter = jitter
    }

    /// Sends the request, retrying as the policy allows.
    ///
    /// - Parameter label: How log messages name the request, such as `GET /organization`;
    ///   defaults to the method and the URL path.
    /// - Throws: `CancellationError` when the task is cancelled while waiting. Transport failures
    ///   do not throw: they come back in `Outcome.result`.
    public func send(_ request: HTTPClientRequest, label: String? = nil) async throws -> Outcome {
        let name = label ?? "\(request.method) \(Self.path(of: request.url))"
        var attempts = 0
        var waited: TimeInterval = 0

        while true {
            attempts += 1
            let result: Result<HTTPClientResponse, TransportError>
            do {
                result = .success(try await transport.send(request))
            } catch let error as TransportError {
                result = .failure(error)
            }

            let decision = Self.decide(
                request: request,
                result: result,
                attempt: attempts,
                waitedSoFar: waited,
                policy: policy,
                jitter: jitter(),
                now: sleeper.now()
            )
            let wait: TimeInterval
            let reason: String
            switch decision {
            case .retry(let retryWait, let retryReason):
                wait = retryWait
                reason = retryReason
            case .stop:
                return Outcome(result: result, attempts: attempts, waited: waited)
            case .stopWaitTooLong(let declined):
                log.log(.info, "Not retrying \(name): the server requested a wait of \(Self.format(declined.requested)), longer than the \(Self.format(declined.limit)) allowed.")
                return Outcome(result: result, attempts: attempts, waited: waited, declinedWait: declined)
            }

            let requestId = (try? result.get()).flatMap(Self.requestId(of:)).map { ", request-id \($0)" } ?? ""
            let message = "Retrying \(name) in \(Self.format(wait)) (attempt \(attempts + 1) of \(policy.maximumAttempts)): \(reason)\(requestId)."
            log.log(.info, SecretRedaction.redact(message, secrets: Self.credentials(in: request)))
            try await sleeper.sleep(seconds: wait)
            waited += wait
        }
    }

    /// Decides whether to retry after an attempt, and how long to wait first.
    public static func decide(
        request: HTTPClientRequest,
        result: Result<HTTPClientResponse, TransportError>,
        attempt: Int,
        waitedSoFar: TimeInterval,
        policy: RetryPolicy,
        jitter: Double,
        now: Date
    ) -> Decision {
        guard attempt < policy.maximumAttempts else {
            return .stop
        }
        let backoff = policy.backoff(retry: attempt, jitter: jitter)

        let wait: TimeInterval
        let reason: String
        var retryAfter: TimeInterval?
        switch result {
        case .success(let response):
            retryAfter = response.header("Retry-After").flatMap { RetryAfter.seconds(from: $0, now: now) }
            switch response.status {
            case 429:
                wait = retryAfter ?? backoff
            case 503 where request.isIdempotent || retryAfter != nil:
                wait = retryAfter ?? backoff
            case 502 where request.isIdempotent, 504 where request.isIdempotent:
                wait = retryAfter ?? backoff
            default:
                return .stop
            }
            reason = retryAfter == nil
                ? "the server returned \(response.status)"
                : "the server returned \(response.status) with Retry-After"
        case .failure(let error):
            guard error.isTransient && request.isIdempotent else {
                return .stop
            }
            wait = backoff
            reason = "\(error.kind.rawValue) on \(error.host)"
        }

        guard waitedSoFar + wait <= policy.maximumTotalWait else {
            if retryAfter != nil {
                return .stopWaitTooLong(DeclinedWait(requested: wait, limit: max(0, policy.maximumTotalWait - waitedSoFar)))
            }
            return .stop
        }
        return .retry(wait: wait, reason: reason)
    }

    /// Returns Graph's `request-id` header, or the `x-ms-request-id` the sign-in service sends.
    public static func requestId(of response: HTTPClientResponse) -> String? {
        response.header("request-id") ?? response.header("x-ms-request-id")
    }

    /// Returns the credential in the `Authorization` header, so a server that echoes it in a
    /// header cannot get it into a log message.
    static func credentials(in request: HTTPClientRequest) -> [String] {
        guard let authorization = request.header("Authorization") else {
            return []
        }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        return parts.count == 2 ? [String(parts[1]), authorization] : [authorization]
    }

    private static func path(of url: String) -> String {
        URLComponents(string: url)?.path ?? url
    }

    private static func format(_ seconds: TimeInterval) -> String {
        String(format: "%.1f s", seconds)
    }
}
