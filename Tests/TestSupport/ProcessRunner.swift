import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The outcome of running a process to completion.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
    public var standardOutputData: Data
    /// Whether the process was killed because it ran longer than the timeout.
    public var timedOut = false
}

/// Runs executables for end-to-end tests and collects their output.
public enum ProcessRunner {
    /// Runs `executable` with `arguments`, feeding `standardInput` and waiting for it to exit.
    ///
    /// - Parameters:
    ///   - environment: Variables added to a minimal environment (PATH, HOME, LANG). Variables
    ///     that could point the tool at a real Microsoft endpoint are never inherited.
    ///   - timeout: Seconds after which the process is killed with SIGKILL; nil waits forever.
    /// - Returns: The exit status and both output streams.
    public static func run(
        _ executable: URL,
        _ arguments: [String],
        standardInput: Data? = nil,
        environment: [String: String] = [:],
        currentDirectory: URL? = nil,
        timeout: TimeInterval? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let currentDirectory {
            process.currentDirectoryURL = currentDirectory
        }

        let inherited = ProcessInfo.processInfo.environment
        var variables: [String: String] = [
            "PATH": inherited["PATH"] ?? "/usr/bin:/bin",
            "HOME": inherited["HOME"] ?? "/tmp",
            "LANG": "C.UTF-8",
        ]
        variables.merge(environment) { _, new in new }
        process.environment = variables

        let inputPipe = Pipe()
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errorPipe

        try process.run()

        let killedByTimeout = DataBox()
        if let timeout {
            let running = RunningProcess(process)
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if running.process.isRunning {
                    killedByTimeout.set(Data([1]))
                    kill(running.process.processIdentifier, SIGKILL)
                }
            }
        }

        // Read both streams on their own threads so a full pipe never blocks the child.
        let outputBox = DataBox()
        let errorBox = DataBox()
        let group = DispatchGroup()
        for (pipe, box) in [(outputPipe, outputBox), (errorPipe, errorBox)] {
            group.enter()
            DispatchQueue.global().async {
                box.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }

        if let standardInput {
            inputPipe.fileHandleForWriting.write(standardInput)
        }
        try? inputPipe.fileHandleForWriting.close()

        group.wait()
        process.waitUntilExit()

        let output = outputBox.get()
        return ProcessResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: errorBox.get(), as: UTF8.self),
            standardOutputData: output,
            timedOut: !killedByTimeout.get().isEmpty
        )
    }

    /// Runs the built `consent-doctor` binary.
    public static func consentDoctor(
        _ arguments: [String],
        standardInput: Data? = nil,
        environment: [String: String] = [:],
        timeout: TimeInterval? = nil
    ) throws -> ProcessResult {
        try run(PackagePaths.binary("consent-doctor"), arguments, standardInput: standardInput, environment: environment, timeout: timeout)
    }
}

/// A started process handed to the timeout timer. `Process` is thread-safe for `isRunning`
/// and `processIdentifier`, which is all the timer reads.
final class RunningProcess: @unchecked Sendable {
    let process: Process

    init(_ process: Process) {
        self.process = process
    }
}

/// A lock-protected buffer that a reader thread fills.
final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ newData: Data) {
        lock.lock()
        data = newData
        lock.unlock()
    }

    func get() -> Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
