import Foundation

/// A lock-protected slot for a task's result.
final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?

    func set(_ newResult: Result<Value, any Error>) {
        lock.withLock { result = newResult }
    }

    func get() -> Result<Value, any Error> {
        lock.withLock { result ?? .failure(CancellationError()) }
    }
}
