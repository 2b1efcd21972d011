import Foundation

/// Writes whole lines to a file handle from many threads without interleaving them.
public final class LogWriter: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle

    public init(handle: FileHandle) {
        self.handle = handle
    }

    /// Opens `path` for writing, creating or truncating it.
    ///
    /// - Throws: `CommandLineError` when the file cannot be created.
    public convenience init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CommandLineError(description: "The log file '\(path)' cannot be created: check that its folder exists and is writable.")
        }
        self.init(handle: handle)
    }

    public func write(_ line: String) {
        lock.withLock {
            handle.write(Data((line + "\n").utf8))
        }
    }
}
