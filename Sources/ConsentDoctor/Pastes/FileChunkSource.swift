#if canImport(Glibc)
import Glibc
#endif

/// The reasons an input file cannot be read. Each case renders as a sentence with the path and what to do.
public enum PasteInputError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case isDirectory(path: String)
    case permissionDenied(path: String)
    case readFailed(path: String, reason: String)
    /// Standard input was closed when the process started.
    case standardInputClosed
    /// The descriptor is open for writing only, so `read` fails with `EBADF`.
    case openForWritingOnly(path: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "cannot read '\(path)': no such file. Check the path, or pass '-' to read the paste from standard input."
        case .isDirectory(let path):
            return "cannot read '\(path)': it is a directory. Pass the file that holds the paste."
        case .permissionDenied(let path):
            return "cannot read '\(path)': permission denied. Check the file's permissions or copy it somewhere readable."
        case .readFailed(let path, let reason):
            return "cannot read '\(path)': \(reason)."
        case .standardInputClosed:
            return "cannot read standard input: it is closed. Give the command a standard input to read, such as '< paste.txt', or name the file instead of '-'."
        case .openForWritingOnly(let path):
            return "cannot read '\(path)': it is open for writing only (bad file descriptor). Reopen standard input for reading, such as '< paste.txt', or name the file instead of '-'."
        }
    }
}

/// Reads a file or standard input in chunks with POSIX `read`, so the whole input is never in memory.
public struct FileChunkSource: ChunkSource {
    public static let chunkSize = 1 << 20

    private let descriptor: Int32
    private let path: String
    private let closesDescriptor: Bool

    /// Opens `path` for reading.
    ///
    /// - Throws: `PasteInputError` when the file is missing, is a directory or cannot be opened.
    public init(path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Self.error(for: errno, path: path)
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw PasteInputError.isDirectory(path: path)
        }
        let opened = open(path, O_RDONLY)
        guard opened >= 0 else {
            throw Self.error(for: errno, path: path)
        }
        descriptor = opened
        self.path = path
        closesDescriptor = true
    }

    /// Reads standard input, named `displayName` in errors.
    public init(standardInputNamed displayName: String = "standard input") {
        descriptor = STDIN_FILENO
        path = displayName
        closesDescriptor = false
    }

    public mutating func nextChunk() throws -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        var filled = 0
        while filled < Self.chunkSize {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + filled, Self.chunkSize - filled)
            }
            if count < 0 {
                if errno == EINTR {
                    continue
                }
                throw Self.error(for: errno, path: path)
            }
            if count == 0 {
                break
            }
            filled += count
        }
        guard filled > 0 else {
            return nil
        }
        chunk.removeSubrange(filled...)
        return chunk
    }

    /// Closes the file. Standard input stays open.
    public func close() {
        if closesDescriptor {
            _ = Glibc.close(descriptor)
        }
    }

    private static func error(for code: Int32, path: String) -> PasteInputError {
        switch code {
        case ENOENT, ENOTDIR:
            return .notFound(path: path)
        case EACCES, EPERM:
            return .permissionDenied(path: path)
        case EISDIR:
            return .isDirectory(path: path)
        case EBADF:
            return .openForWritingOnly(path: path)
        default:
            return .readFailed(path: path, reason: String(cString: strerror(code)))
        }
    }
}
