import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension OutputFile {
    /// Returns whether writing to `first` and to `second` would write the same file, after
    /// following symbolic links, hard links and relative paths.
    public static func sameDestination(_ first: String, _ second: String) -> Bool {
        Destination(path: first) == Destination(path: second)
    }

    /// Returns whether writing to `path` would write the file, device or pipe that is open as
    /// standard output.
    public static func isStandardOutput(_ path: String) -> Bool {
        guard let standardOutput = Destination(descriptor: STDOUT_FILENO) else {
            return false
        }
        return Destination(path: path) == standardOutput
    }
}

/// The identity of an output destination: the device and inode of an existing file, or the
/// absolute path, free of symbolic links, where a new file would be created.
private enum Destination: Equatable {
    case existing(device: UInt64, inode: UInt64)
    case new(path: String)

    init(path: String) {
        var status = stat()
        if stat(path, &status) == 0 {
            self = .existing(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            return
        }

        let missing = (try? OutputTarget.endOfLinks(path)) ?? path
        let folder = OutputTarget.folder(of: missing)
        let name = OutputTarget.name(of: missing)
        let realFolder = OutputTarget.realPath(folder) ?? Self.absolute(folder)
        self = .new(path: realFolder == "/" ? "/\(name)" : "\(realFolder)/\(name)")
    }

    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return nil
        }
        self = .existing(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Returns `path` made absolute against the current folder, with `.` and `..` removed.
    private static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (joined as NSString).standardizingPath
    }
}
