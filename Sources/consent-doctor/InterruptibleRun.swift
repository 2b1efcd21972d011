import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Catches SIGINT and SIGTERM while `fix` writes, so Ctrl-C cancels the running work instead of
/// ending the process between two writes without a word.
///
/// The first signal cancels the task started by `run(_:)`. The task then stops before its next
/// write (an in-flight request is aborted within about a second), and the command prints what was
/// written. A second signal ends the process at once, with a short note.
final class InterruptibleRun: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var receivedSignal: Int32?
    private var sources: [DispatchSourceSignal] = []
    private static let signals = [SIGINT, SIGTERM]

    /// Starts catching SIGINT and SIGTERM until `stop()`.
    init() {
        for number in Self.signals {
            // A dispatch source receives the signal only when the default action, ending the
            // process, is switched off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                self?.received(number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Restores the default signal actions.
    func stop() {
        for source in sources {
            source.cancel()
        }
        sources = []
        for number in Self.signals {
            signal(number, SIG_DFL)
        }
    }

    /// The first signal received, or nil.
    var signalNumber: Int32? {
        lock.withLock { receivedSignal }
    }

    /// Returns the signal's name and the exit status for it: 128 plus its number, as shells
    /// report a process ended by that signal (130 for SIGINT, 143 for SIGTERM).
    static func describe(_ number: Int32) -> (name: String, exitStatus: Int32) {
        (number == SIGTERM ? "SIGTERM" : "SIGINT", 128 + number)
    }

    /// Runs `operation` on the concurrent executor and waits for it on this thread. A signal,
    /// also one that arrived before this call, cancels it.
    func run<Value: Sendable>(_ operation: @escaping @Sendable () async throws -> Value) throws -> Value {
        let box = ResultBox<Value>()
        let finished = DispatchSemaphore(value: 0)
        lock.withLock {
            let started = Task {
                do {
                    box.set(.success(try await operation()))
                } catch {
                    box.set(.failure(error))
                }
                finished.signal()
            }
            task = started
            if receivedSignal != nil {
                started.cancel()
            }
        }
        finished.wait()
        return try box.get().get()
    }

    private func received(_ number: Int32) {
        let first = lock.withLock { () -> Bool in
            guard receivedSignal == nil else {
                return false
            }
            receivedSignal = number
            task?.cancel()
            return true
        }
        guard first else {
            let (name, status) = Self.describe(number)
            StandardStreams.writeError("\n\(name) again: stopped at once. Run consent-doctor check to see the tenant's current state.\n")
            exit(status)
        }
    }
}
