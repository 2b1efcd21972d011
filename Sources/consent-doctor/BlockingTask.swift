import Foundation

/// Runs async library calls from the synchronous command code.
enum BlockingTask {
    /// Runs `operation` on the concurrent executor and waits for its result on this thread.
    static func run<Value: Sendable>(_ operation: @escaping @Sendable () async throws -> Value) throws -> Value {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                box.set(.success(try await operation()))
            } catch {
                box.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        return try box.get().get()
    }
}

/// A lock-protected slot for a task's result.
private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?

    func set(_ newResult: Result<Value, any Error>) {
        lock.withLock { result = newResult }
    }

    func get() -> Result<Value, any Error> {
        lock.withLock { result ?? .failure(CancellationError()) }
    }
}
