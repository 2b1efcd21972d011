import Foundation

/// The clock and the wait used by retries and polling, injected so tests never really wait.
public protocol Sleeper: Sendable {
    /// Returns the current time.
    func now() -> Date
    /// Waits for the given number of seconds, or throws `CancellationError` when cancelled.
    func sleep(seconds: TimeInterval) async throws
}

/// The real clock and `Task.sleep`.
public struct SystemSleeper: Sleeper {
    public init() {}

    public func now() -> Date {
        Date()
    }

    public func sleep(seconds: TimeInterval) async throws {
        guard seconds > 0 else {
            return
        }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}
