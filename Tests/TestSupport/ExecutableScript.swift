import Foundation

/// A writer of executable shell scripts that tests run as fake commands, such as a fake `az`.
public enum ExecutableScript {
    /// Writes `text` to `url` with mode 755, through a `/bin/sh` child process.
    ///
    /// Tests run in parallel threads of one process. When this process held the file open for
    /// writing, a process spawned by another test at that moment could inherit the descriptor,
    /// and running the script would then fail with "Text file busy" (ETXTBSY). The child writes
    /// the file and exits, so this process never has the file open for writing.
    public static func write(_ text: String, to url: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "cat > \"$1\" && chmod 755 \"$1\"", "sh", url.path]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScriptWriteError(path: url.path, status: process.terminationStatus)
        }
    }
}

/// A failure to write an executable script, with the path and the writer's exit status.
public struct ScriptWriteError: Error, CustomStringConvertible {
    public let path: String
    public let status: Int32

    public var description: String {
        "Writing the script \(path) failed: /bin/sh exited with status \(status)."
    }
}
