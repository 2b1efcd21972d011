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
    ///   - executable: Whether a regular file that is written should be runnable, as a script is.
    ///     A new file gets `0o777` less the umask instead of `0o666` less the umask. An existing
    ///     file, also one reached through a symbolic link, keeps its mode and gains the execute bit
    ///     of each class that may read it, less the umask, as `chmod +x` would.
    /// - Throws: `OutputFileError` with the step that failed and its `errno`. An existing regular
    ///   file that the effective user may not write (`faccessat` with `W_OK`) throws `EACCES` at
    ///   the open step and stays as it was, although the folder would allow a rename over it.
    public static func write(_ data: Data, to path: String, executable: Bool = false) throws(OutputFileError) {
        switch try OutputTarget.resolve(path) {
        case .special:
            try writeInPlace(data, path: path, reportedPath: path, create: false, executable: false)
        case .regular(let realPath, let existing):
            guard faccessat(AT_FDCWD, realPath, W_OK, AT_EACCESS) == 0 else {
                throw OutputFileError(path: path, step: .open, code: errno)
            }
            try replace(data, at: realPath, reportedPath: path, existing: existing, executable: executable)
        case .missing(let newPath):
            try replace(data, at: newPath, reportedPath: path, existing: nil, executable: executable)
        }
    }

    /// Writes `data` to a temporary file next to `target` and renames it over `target`.
    ///
    /// A new file gets its mode from `open`, so the umask applies. An existing file's mode is kept,
    /// and when its owner or group cannot be given to the new file, the existing file is written in
    /// place instead, so that it keeps them as it would under a shell redirection.
    private static func replace(_ data: Data, at target: String, reportedPath: String, existing: stat?, executable: Bool) throws(OutputFileError) {
        guard let temporary = createTemporaryFile(near: target, executable: executable) else {
            return try writeInPlace(data, path: target, reportedPath: reportedPath, create: true, executable: executable)
        }

        var renamed = false
        defer {
            if !renamed {
                unlink(temporary.path)
            }
        }
        if let existing {
            guard fchown(temporary.descriptor, existing.st_uid, existing.st_gid) == 0 else {
                close(temporary.descriptor)
                return try writeInPlace(data, path: target, reportedPath: reportedPath, create: true, executable: executable)
            }
            let mode = existing.st_mode & 0o777
            _ = fchmod(temporary.descriptor, executable ? withExecuteBits(mode) : mode)
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
    private static func writeInPlace(_ data: Data, path: String, reportedPath: String, create: Bool, executable: Bool) throws(OutputFileError) {
        var flags = O_WRONLY | O_NOCTTY | O_CLOEXEC
        if create {
            flags |= O_CREAT | O_TRUNC
        }
        let descriptor = open(path, flags, executable ? 0o777 : 0o666)
        guard descriptor >= 0 else {
            throw OutputFileError(path: reportedPath, step: .open, code: errno)
        }

        var status = stat()
        if executable, fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
            _ = fchmod(descriptor, withExecuteBits(status.st_mode & 0o777))
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
    private static func createTemporaryFile(near target: String, executable: Bool) -> (descriptor: Int32, path: String)? {
        let folder = OutputTarget.folder(of: target)
        let name = OutputTarget.name(of: target)
        for _ in 0..<8 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let path = folder == "/" ? "/.\(name).\(suffix).tmp" : "\(folder)/.\(name).\(suffix).tmp"
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, executable ? 0o777 : 0o666)
            if descriptor >= 0 {
                return (descriptor, path)
            }
            if errno != EEXIST {
                return nil
            }
        }
        return nil
    }

    /// Returns `mode` with the execute bit added for each class (owner, group, others) that has
    /// the read bit, less the process's umask.
    static func withExecuteBits(_ mode: mode_t) -> mode_t {
        let readable = mode & (S_IRUSR | S_IRGRP | S_IROTH)
        return mode | ((readable >> 2) & ~currentUmask())
    }

    /// Returns the process's file mode creation mask.
    ///
    /// Linux shows it in `/proc/self/status` since version 4.7, which leaves it unchanged. Without
    /// that line, `umask` is set and restored, which another thread creating a file at that moment
    /// could observe.
    static func currentUmask() -> mode_t {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
           let mask = mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8) {
            return mask
        }
        let mask = umask(0o022)
        umask(mask)
        return mask
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
