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

    /// Returns whether writing to both `first` and `second` would write one file, so that the
    /// second write replaces the first. A character device, such as a null device, keeps no
    /// content, so two outputs may share it.
    public static func sharesFile(_ first: String, _ second: String) -> Bool {
        let destination = Destination(path: first)
        return destination == Destination(path: second) && !destination.isCharacterDevice
    }

    /// Returns whether writing to `output` would replace or write into `input`, an existing file
    /// that the command reads. A character device, such as a terminal, may be both.
    public static func overwrites(_ output: String, input: String) -> Bool {
        guard case .existing = Destination(path: input) else {
            return false
        }
        return sharesFile(output, input)
    }

    /// Returns whether writing to `path` would write the file or pipe that is open as standard
    /// output, so that one output replaces or mixes into the other. A character device that is
    /// standard output, such as a terminal or a null device, is not counted, as in `sharesFile`.
    public static func sharesStandardOutput(_ path: String) -> Bool {
        guard let standardOutput = Destination(descriptor: STDOUT_FILENO) else {
            return false
        }
        return Destination(path: path) == standardOutput && !standardOutput.isCharacterDevice
    }
}

/// The identity of an output destination: the device and inode of an existing file, or the
/// absolute path, free of symbolic links, where a new file would be created.
private enum Destination: Equatable {
    case existing(device: UInt64, inode: UInt64, isCharacterDevice: Bool)
    case new(path: String)

    init(path: String) {
        var status = stat()
        if stat(path, &status) == 0 {
            self = Self(status)
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
        self = Self(status)
    }

    private init(_ status: stat) {
        let isCharacterDevice = (status.st_mode & S_IFMT) == S_IFCHR
        self = .existing(device: UInt64(status.st_dev), inode: UInt64(status.st_ino), isCharacterDevice: isCharacterDevice)
    }

    var isCharacterDevice: Bool {
        if case .existing(_, _, let isCharacterDevice) = self {
            return isCharacterDevice
        }
        return false
    }

    /// Returns `path` made absolute against the current folder, with `.` and `..` removed.
    private static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (joined as NSString).standardizingPath
    }
}
