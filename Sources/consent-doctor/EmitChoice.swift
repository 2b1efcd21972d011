import ConsentDoctor
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The `--emit` choice of a command and how the command prints it.
///
/// Without `--format`, the emitted artefact itself goes to standard output or `--output`, so
/// `consent-doctor check --emit az > fix.sh` writes a runnable script. With `--format`, the report
/// is printed as usual and its `commands` hold the artefact's lines.
struct EmitChoice {
    var form: EmitForm?
    /// Whether `--format` was given, which prints the report instead of the artefact.
    var formatGiven: Bool
    /// The `--graph-url` root, for the URLs of `az rest` calls.
    var graphRoot: String?

    /// Reads `--emit`, `--format` and `--graph-url`.
    ///
    /// - Throws: `UsageError` for an unknown form, or for `--redact` with an artefact, which
    ///   needs the real values.
    static func from(_ arguments: ParsedArguments) throws -> EmitChoice {
        let formatGiven = arguments.has(CommonOptions.format.primaryName)
        guard let name = arguments.value(CommonOptions.emit.primaryName) else {
            return EmitChoice(form: nil, formatGiven: formatGiven, graphRoot: nil)
        }
        guard let form = EmitForm(argument: name) else {
            let names = EmitForm.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError(message: "unknown --emit form '\(name)'. Use one of: \(names).")
        }
        if !formatGiven && arguments.has(CommonOptions.redact.primaryName) {
            throw UsageError(message: "--redact cannot be combined with --emit alone: the emitted \(form.rawValue) needs the real values. Add --format to print a redacted report with the commands.")
        }
        var graphRoot: String?
        if let value = arguments.value(GraphAccessOptions.graphURL.primaryName) {
            graphRoot = try? GraphEndpoints(graphURL: value).graphRoot
        }
        return EmitChoice(form: form, formatGiven: formatGiven, graphRoot: graphRoot)
    }

    /// Writes the report, or the artefact for `plan` when `--emit` was given without `--format`.
    ///
    /// - Returns: nil on success, or the exit status to use when the output cannot be written.
    func write(_ report: Report, plan: FixPlan?, destination: ReportDestination, context: CommandContext) -> Int32? {
        guard let form else {
            return destination.write(report, context: context)
        }
        let omittedErrors = report.omittedErrors ?? []
        let lines = plan.map { RemediationEmitter.lines(for: $0, form: form, graphRoot: graphRoot, omittedErrors: omittedErrors) } ?? []
        if formatGiven {
            var withCommands = report
            withCommands.commands = lines
            return destination.write(withCommands, context: context)
        }

        // The report's notes name the counted errors, but the artefact alone would hide them.
        if let notice = OmittedErrorNotice.text(omittedErrors) {
            context.writeError("Warning: \(notice)\n")
        }
        guard !lines.isEmpty else {
            let reason = plan == nil ? "the input needs no change in the directory" : "the cloud is not one the tool knows"
            context.writeError("Nothing to emit: \(reason).\n")
            return nil
        }
        let text = lines.joined(separator: "\n") + "\n"
        guard let path = destination.outputPath else {
            context.writeOutput(text)
            return nil
        }
        // The bash forms start with #!/usr/bin/env bash, so a regular file of them is made
        // executable within the umask, also when it exists already or a symbolic link names it.
        let executable = form == .az || form == .rest
        do {
            try OutputFile.write(Data(text.utf8), to: path, executable: executable)
            return nil
        } catch {
            context.reportError("cannot write the \(form.rawValue) output to '\(path)': \(error.reason). \(error.advice)")
            return ExitCode.cannotCreate
        }
    }
}
