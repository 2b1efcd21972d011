import Foundation

/// The outcome of running a process to completion.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
    public var standardOutputData: Data
}

/// Runs executables for end-to-end tests and collects their output.
public enum ProcessRunner {
    /// Runs `executable` with `arguments`, feeding `standardInput` and waiting for it to exit.
    ///
    /// - Parameters:
    ///   - environment: Variables added to a minimal environment (PATH, HOME, LANG). Variables
    ///     that could point the tool at a real Microsoft endpoint are never inherited.
    /// - Returns: The exit status and both output streams.
    public static func run(
        _ executable: URL,
        _ arguments: [String],
        standardInput: Data? = nil,
        environment: [String: String] = [:],
        currentDirectory: URL? = nil
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
            standardOutputData: output
        )
    }

    /// Runs the built `consent-doctor` binary.
    public static func consentDoctor(
        _ arguments: [String],
        standardInput: Data? = nil,
        environment: [String: String] = [:]
    ) throws -> ProcessResult {
        try run(PackagePaths.binary("consent-doctor"), arguments, standardInput: standardInput, environment: environment)
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
