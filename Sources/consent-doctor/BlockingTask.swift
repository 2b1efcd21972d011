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
