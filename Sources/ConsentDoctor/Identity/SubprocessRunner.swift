import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with a time limit and collects its output.
enum SubprocessRunner {
    struct Output: Sendable {
        var status: Int32
        var standardOutput: Data
        var standardError: Data
        var timedOut: Bool
    }

    /// Runs the program on a Dispatch thread, so the calling task's thread is never blocked.
    ///
    /// - Throws: The error `Process.run()` throws when the program cannot start.
    static func run(executable: String, arguments: [String], environment: [String: String], timeout: TimeInterval) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try runBlocking(executable: executable, arguments: arguments, environment: environment, timeout: timeout) })
            }
        }
    }

    private static func runBlocking(executable: String, arguments: [String], environment: [String: String], timeout: TimeInterval) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outputPipe
        process.standardError = errorPipe

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try withDefaultSignalMask { try process.run() }

        // Drain both pipes on their own threads so a full pipe never stalls the child.
        let output = PipeCollector(outputPipe)
        let errors = PipeCollector(errorPipe)

        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
        return Output(status: process.terminationStatus, standardOutput: output.finish(), standardError: errors.finish(), timedOut: timedOut)
    }
}

/// Runs `body` with no signals blocked on the calling thread, then restores the thread's mask.
///
/// A child process inherits the signal mask of the thread that starts it, and Dispatch's worker
/// threads block most signals. Without this, the child would ignore SIGTERM from a timeout
/// and SIGINT from the terminal.
private func withDefaultSignalMask<Result>(_ body: () throws -> Result) rethrows -> Result {
    var empty = sigset_t()
    var previous = sigset_t()
    sigemptyset(&empty)
    pthread_sigmask(SIG_SETMASK, &empty, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return try body()
}

/// Reads a pipe to its end on a background thread.
private final class PipeCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Waits for the end of the pipe and returns everything read.
    func finish() -> Data {
        done.wait()
        return data
    }
}
