import ConsentDoctor
import Foundation

/// Writes the library's log messages to standard error: warnings always, the rest with `--verbose`.
struct StandardErrorLogSink: LogSink {
    var verbose: Bool

    /// Writes one line. Messages can quote response headers such as a request-id, so they pass
    /// through `TerminalText.safe` like error messages.
    func log(_ level: LogLevel, _ message: String) {
        guard verbose || level >= .warning else {
            return
        }
        StandardStreams.writeError("\(level): \(TerminalText.safe(message))\n")
    }
}
