import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A report, artefact or snapshot that could not be written to the file a user named.
public struct OutputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step of writing that failed.
    public enum Step: Sendable, Equatable {
        /// Following the path's symbolic links to the file they name.
        case resolve
        /// Opening or creating the file.
        case open
        case write
        case close
        /// Renaming the finished temporary file over the target.
        case replace
    }

    /// The path as the user gave it.
    public var path: String
    public var step: Step
    /// The `errno` value of the failed system call.
    public var code: Int32

    public init(path: String, step: Step, code: Int32) {
        self.path = path
        self.step = step
        self.code = code
    }

    /// The system's phrase for `code` in lower case, such as `no space left on device`.
    public var reason: String {
        String(cString: strerror(code)).lowercased()
    }

    /// The next step for the user, as one or two sentences.
    public var advice: String {
        switch code {
        case ENOSPC, EDQUOT:
            return "Free some space on the device that holds the file, or write to another file."
        case EACCES, EPERM:
            return "Check the permissions of the file and its folder, or write to another file."
        case EROFS:
            return "The file system is mounted read-only, so write to another file."
        case ENOENT, ENOTDIR:
            return "Check that the folder exists."
        case EISDIR:
            return "Give a file name, not a folder."
        case ELOOP:
            return "The path's symbolic links form a loop or a chain too long to follow, so check where they point."
        case EPIPE:
            return "The process reading the FIFO or pipe closed it before the whole output was written, so keep the reader running until consent-doctor exits."
        case ENXIO:
            return "Nothing accepts data at that path, such as a socket or a device without a driver, so write to a regular file."
        case EINVAL:
            return "The file rejects this data, as kernel files under /proc and /sys do, so write to a regular file."
        default:
            return "Check the path, or write to another file."
        }
    }

    public var description: String {
        "Cannot write \(path): \(reason). \(advice)"
    }
}
