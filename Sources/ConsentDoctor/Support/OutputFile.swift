import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a report, artefact or snapshot to a path a user named, the way a shell redirection
/// would treat that path, but without leaving a half-written regular file behind.
///
/// - A regular file, or a path where nothing exists yet, gets a temporary file in the same folder
///   that is renamed over it once every byte is written and closed.
/// - A symbolic link is followed, so the file it names is written and the link stays.
/// - A character or block device, FIFO or socket is opened and written directly, because renaming
///   over it would replace the device node instead of writing to it.
/// - When the folder accepts no new file (a read-only folder holding a writable file, or a kernel
///   folder such as `/proc/PID`), the file is written in place, so the error is the file's own.
///
/// Every failed open, write, close or rename throws, including `ENOSPC` from a full device.
public enum OutputFile {
    /// Writes `data` to the file at `path`.
    ///
    /// - Parameters:
    ///   - permissions: Mode bits for a regular file that is written, such as `0o755` for a
    ///     script. Nil keeps the mode of a file that exists and gives a new one `0o666` less the umask.
    /// - Throws: `OutputFileError` with the step that failed and its `errno`.
    public static func write(_ data: Data, to path: String, permissions: mode_t? = nil) throws(OutputFileError) {
        switch try OutputTarget.resolve(path) {
        case .special:
            try writeInPlace(data, path: path, reportedPath: path, create: false, permissions: nil)
        case .regular(let realPath, let existing):
            try replace(data, at: realPath, reportedPath: path, existing: existing, permissions: permissions)
        case .missing(let newPath):
            try replace(data, at: newPath, reportedPath: path, existing: nil, permissions: permissions)
        }
    }

    /// Writes `data` to a temporary file next to `target` and renames it over `target`.
    private static func replace(_ data: Data, at target: String, reportedPath: String, existing: stat?, permissions: mode_t?) throws(OutputFileError) {
        guard let temporary = createTemporaryFile(near: target) else {
            return try writeInPlace(data, path: target, reportedPath: reportedPath, create: true, permissions: permissions)
        }

        var renamed = false
        defer {
            if !renamed {
                unlink(temporary.path)
            }
        }
        if let existing {
            // Replacing keeps the old file's mode and, where the process may set it, its owner.
            // A failed fchown leaves the new file owned by this process, as any newly created file is.
            _ = fchown(temporary.descriptor, existing.st_uid, existing.st_gid)
            _ = fchmod(temporary.descriptor, existing.st_mode & 0o777)
        }
        if let permissions {
            _ = fchmod(temporary.descriptor, permissions)
        }
        do {
            try writeAll(data, to: temporary.descriptor, path: reportedPath)
        } catch {
            close(temporary.descriptor)
            throw error
        }
        if close(temporary.descriptor) != 0 {
            throw OutputFileError(path: reportedPath, step: .close, code: errno)
        }
        if rename(temporary.path, target) != 0 {
            throw OutputFileError(path: reportedPath, step: .replace, code: errno)
        }
        renamed = true
    }

    /// Opens `path` for writing and writes `data` to it. With `create`, a missing file is created and
    /// an existing one truncated first.
    private static func writeInPlace(_ data: Data, path: String, reportedPath: String, create: Bool, permissions: mode_t?) throws(OutputFileError) {
        var flags = O_WRONLY | O_NOCTTY | O_CLOEXEC
        if create {
            flags |= O_CREAT | O_TRUNC
        }
        let descriptor = open(path, flags, 0o666)
        guard descriptor >= 0 else {
            throw OutputFileError(path: reportedPath, step: .open, code: errno)
        }

        var status = stat()
        if let permissions, fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
            _ = fchmod(descriptor, permissions)
        }
        do {
            try writeAll(data, to: descriptor, path: reportedPath)
        } catch {
            close(descriptor)
            throw error
        }
        if close(descriptor) != 0 {
            throw OutputFileError(path: reportedPath, step: .close, code: errno)
        }
    }

    /// Creates an empty file with a random name in the folder of `target`, or returns nil when the
    /// folder accepts no new file.
    private static func createTemporaryFile(near target: String) -> (descriptor: Int32, path: String)? {
        let folder = OutputTarget.folder(of: target)
        let name = OutputTarget.name(of: target)
        for _ in 0..<8 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let path = folder == "/" ? "/.\(name).\(suffix).tmp" : "\(folder)/.\(name).\(suffix).tmp"
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, 0o666)
            if descriptor >= 0 {
                return (descriptor, path)
            }
            if errno != EEXIST {
                return nil
            }
        }
        return nil
    }

    /// Writes every byte of `data` to `descriptor`, retrying after partial writes and signals.
    ///
    /// SIGPIPE is blocked on this thread while writing, so a FIFO or pipe whose reader has gone
    /// makes the write fail with `EPIPE` instead of ending the process.
    static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(OutputFileError) {
        let failure: Int32? = withSIGPIPEBlocked {
            data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR {
                            continue
                        }
                        return errno
                    }
                    offset += written
                }
                return nil
            }
        }
        if let failure {
            throw OutputFileError(path: path, step: .write, code: failure)
        }
    }
}
