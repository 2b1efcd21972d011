import Foundation

/// Writes to standard output and standard error without trapping on a failed write.
///
/// `FileHandle.write(_:)` stops the process when the write fails (a full disk, `/dev/full`), so
/// every write goes through `write(contentsOf:)` here. A failed write to standard output is
/// remembered, and `ToolMain` turns it into exit status 73 instead of reporting success.
enum StandardStreams {
    private static let failure = FailureRecord()

    /// Writes `text` to standard output and records the reason when the write fails.
    static func writeOutput(_ text: String) {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            failure.record(reason(for: error))
        }
    }

    /// Writes `text` to standard error. A failure is ignored, because there is nowhere left to report it.
    static func writeError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// The reason the first failed write to standard output failed, or nil when every write succeeded.
    static var outputFailureReason: String? {
        failure.reason
    }

    private static func reason(for error: any Error) -> String {
        let code = (error as NSError).code
        if (error as NSError).domain == NSPOSIXErrorDomain, let message = strerror(Int32(code)) {
            return String(cString: message)
        }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain, let message = strerror(Int32(underlying.code)) {
            return String(cString: message)
        }
        return error.localizedDescription
    }
}

/// A lock-protected record of the first output failure.
private final class FailureRecord: @unchecked Sendable {
    private let lock = NSLock()
    private var firstReason: String?

    func record(_ reason: String) {
        lock.withLock {
            if firstReason == nil {
                firstReason = reason
            }
        }
    }

    var reason: String? {
        lock.withLock { firstReason }
    }
}
