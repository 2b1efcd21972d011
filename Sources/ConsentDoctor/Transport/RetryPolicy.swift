import Foundation

/// How many times and for how long a request is retried.
///
/// 429 and 503 wait for `Retry-After` when the response has one. Everything else that may be
/// retried backs off exponentially with jitter. Both are bounded by `maximumAttempts` and by
/// `maximumTotalWait`, the sum of all waits for one request.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in total, the first one included.
    public var maximumAttempts: Int
    /// The backoff before the first retry, in seconds, before jitter.
    public var initialBackoff: TimeInterval
    /// The cap on a single backoff, in seconds.
    public var maximumBackoff: TimeInterval
    /// The cap on the sum of waits for one request, in seconds. A `Retry-After` that would pass
    /// it ends the retries instead of waiting.
    public var maximumTotalWait: TimeInterval

    public init(maximumAttempts: Int = 4, initialBackoff: TimeInterval = 1, maximumBackoff: TimeInterval = 30, maximumTotalWait: TimeInterval = 120) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.maximumTotalWait = maximumTotalWait
    }

    /// Sends each request once.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// Returns the backoff before retry number `retry` (1 for the first retry).
    ///
    /// The wait lies between half and all of `initialBackoff × 2^(retry-1)`, capped at
    /// `maximumBackoff`; `jitter` in 0..<1 picks the point, so clients that failed together do
    /// not retry together.
    public func backoff(retry: Int, jitter: Double) -> TimeInterval {
        let exponent = Double(max(0, retry - 1))
        let ceiling = min(maximumBackoff, initialBackoff * pow(2, exponent))
        let unit = min(max(jitter, 0), 1)
        return ceiling / 2 + ceiling / 2 * unit
    }
}
