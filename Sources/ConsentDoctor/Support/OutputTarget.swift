import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The kind of file a user-named output path leads to once its symbolic links are followed.
enum OutputTarget {
    /// A device, FIFO or socket, which is opened through the path as given.
    case special
    /// An existing regular file, with its path free of symbolic links and its status.
    case regular(realPath: String, existing: stat)
    /// Nothing exists at `path`, which is the output path itself or the file its dangling symbolic link names.
    case missing(path: String)

    /// The maximum number of symbolic links followed for one path, the same as Linux's `MAXSYMLINKS`.
    static let maximumLinks = 40

    /// Returns what `path` leads to.
    ///
    /// - Throws: `OutputFileError` for a folder, a path that cannot be looked up (`EACCES`,
    ///   `ENOTDIR`) or a loop of symbolic links.
    static func resolve(_ path: String) throws(OutputFileError) -> OutputTarget {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            guard code == ENOENT else {
                throw OutputFileError(path: path, step: .resolve, code: code)
            }
            return .missing(path: try endOfLinks(path))
        }

        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            throw OutputFileError(path: path, step: .open, code: EISDIR)
        case S_IFREG:
            guard let real = realPath(path) else {
                throw OutputFileError(path: path, step: .resolve, code: errno)
            }
            return .regular(realPath: real, existing: status)
        default:
            return .special
        }
    }

    /// Returns the last name in the chain of symbolic links that starts at `path`: `path` itself
    /// when it is no link, or the missing file a dangling link names, which a shell would create.
    static func endOfLinks(_ path: String) throws(OutputFileError) -> String {
        var current = path
        for _ in 0..<maximumLinks {
            var status = stat()
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else {
                return current
            }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else {
                throw OutputFileError(path: path, step: .resolve, code: errno)
            }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : "\(folder(of: current))/\(target)"
        }
        throw OutputFileError(path: path, step: .resolve, code: ELOOP)
    }

    /// Returns the folder part of `path`: `.` for a bare name and `/` for a name in the root.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else {
            return "."
        }
        let folder = path[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }

    /// Returns the last part of `path`, after its last slash.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else {
            return path
        }
        return String(path[path.index(after: slash)...])
    }

    /// Returns the absolute path of `path` with every symbolic link resolved, or nil with `errno`
    /// set when a part of it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = Glibc.realpath(path, nil) else {
            return nil
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
