import ConsentDoctor
import Foundation

/// Writes the library's log messages to standard error: warnings always, the rest with `--verbose`.
struct StandardErrorLogSink: LogSink {
    var verbose: Bool

    func log(_ level: LogLevel, _ message: String) {
        guard verbose || level >= .warning else {
            return
        }
        StandardStreams.writeError("\(level): \(message)\n")
    }
}
