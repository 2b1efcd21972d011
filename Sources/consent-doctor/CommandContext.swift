import ConsentDoctor
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a command may touch of the process: environment, terminals and the output streams.
/// Commands go through it so that the printing and exiting stay in one place.
struct CommandContext {
    var environment: [String: String]
    var standardOutputIsTerminal: Bool
    var standardInputIsTerminal: Bool
    var standardErrorIsTerminal: Bool
    /// Whether standard input was closed at start-up, when `/dev/null` took its place.
    var standardInputClosed = false

    /// Returns the context of this process, where `closedDescriptors` are the standard
    /// descriptors that were closed at start-up.
    static func current(closedDescriptors: Set<Int32> = []) -> CommandContext {
        CommandContext(
            environment: ProcessInfo.processInfo.environment,
            standardOutputIsTerminal: isatty(STDOUT_FILENO) == 1,
            standardInputIsTerminal: isatty(STDIN_FILENO) == 1,
            standardErrorIsTerminal: isatty(STDERR_FILENO) == 1,
            standardInputClosed: closedDescriptors.contains(STDIN_FILENO)
        )
    }

    /// Whether text written to standard output may use colour: a terminal that is not `TERM=dumb`,
    /// and `NO_COLOR` unset or empty.
    var colorAllowed: Bool {
        standardOutputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    func writeOutput(_ text: String) {
        StandardStreams.writeOutput(text)
    }

    func writeError(_ text: String) {
        StandardStreams.writeError(text)
    }

    /// Prints `Error: message` on one line of standard error, with the first word of `message`
    /// in lower case unless it is a name (see `ErrorSentence`). The message passes through
    /// `TerminalText.safe`, because it may quote arguments, file names or Graph's text. A line
    /// break becomes a space, and other unsafe characters become `[U+XXXX]` markers.
    func reportError(_ message: String) {
        writeError("Error: \(TerminalText.safe(ErrorSentence.continuing(message)))\n")
    }

    /// Prints a progress or diagnostic line on standard error, used by `--verbose`.
    func log(_ message: String) {
        writeError("\(message)\n")
    }
}
