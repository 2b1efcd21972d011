import Foundation

/// Writes to standard output and standard error without trapping on a failed write.
///
/// `FileHandle.write(_:)` stops the process when the write fails (a full disk, `/dev/full`), so
/// every write goes through `write(contentsOf:)` here. A failed write to standard output is
/// remembered, and `ToolMain` turns it into exit status 73 instead of reporting success.
enum StandardStreams {
    private static let failure = FailureRecord()

    /// Opens `/dev/null` read-only on each of descriptors 0, 1 and 2 that is closed at start-up.
    ///
    /// Without this, the first file or socket the tool opens would get descriptor 1 or 2, and
    /// report text could land in it. A read-only descriptor makes every write fail with EBADF,
    /// so a closed standard output is still reported with exit status 73.
    ///
    /// - Returns: The descriptors that were closed, so a command can report a closed standard
    ///   input instead of reading the empty `/dev/null` in its place.
    @discardableResult
    static func reserveClosedDescriptors() -> Set<Int32> {
        var closed: Set<Int32> = []
        for descriptor in Int32(0)...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            closed.insert(descriptor)
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
        return closed
    }

    /// Writes `text` to standard output and records the error when the write fails.
    static func writeOutput(_ text: String) {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            failure.record(StandardOutputFailure(error))
        }
    }

    /// Writes `text` to standard error. A failure is ignored, because there is nowhere left to report it.
    static func writeError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// The first failed write to standard output, or nil when every write succeeded.
    static var outputFailure: StandardOutputFailure? {
        failure.first
    }
}

/// A lock-protected record of the first output failure.
private final class FailureRecord: @unchecked Sendable {
    private let lock = NSLock()
    private var firstFailure: StandardOutputFailure?

    func record(_ failure: StandardOutputFailure) {
        lock.withLock {
            if firstFailure == nil {
                firstFailure = failure
            }
        }
    }

    var first: StandardOutputFailure? {
        lock.withLock { firstFailure }
    }
}
