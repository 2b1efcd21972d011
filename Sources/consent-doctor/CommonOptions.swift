import ConsentDoctor
import Foundation

/// Options shared by every command that produces a report.
enum CommonOptions {
    static let format = OptionSpec(
        names: ["--format", "-f"],
        valueName: "FORMAT",
        help: "Output format: text (the default), json, markdown or html."
    )
    static let output = OptionSpec(
        names: ["--output", "-o"],
        valueName: "FILE",
        help: "Write the report to FILE instead of standard output. A FILE of '-' means standard output. A regular file is replaced as a whole once the report is complete, keeping its mode and owner, and a file you may not write is left as it is (exit status 73). A symbolic link is followed and the file it names is written. A device or FIFO is written directly."
    )
    static let redact = OptionSpec(
        names: ["--redact"],
        valueName: nil,
        help: "Mask e-mail addresses, user names, user object ids, IP addresses and tenant domains, so the report can be shared outside the company. The same value gets the same placeholder throughout one report. Only the report is masked: a snapshot saved with check --save-snapshot keeps the real values."
    )
    static let cloud = OptionSpec(
        names: ["--cloud"],
        valueName: "NAME",
        help: "Cloud whose hosts appear in links and commands: AzureCloud (the default), AzureUSGovernment or AzureChinaCloud."
    )

    static let emit = OptionSpec(
        names: ["--emit"],
        valueName: "FORM",
        help: "Print the fix as a runnable artefact instead of the report: az (a bash script of Azure CLI commands), powershell (Microsoft Graph PowerShell), rest (a bash script of az rest calls) or url (the admin consent URL). With --format, the report is printed and its commands hold the artefact."
    )

    static let reportOptions = [format, output, redact]
}

/// Where and how a command writes its report.
struct ReportDestination {
    var format: ReportFormat
    /// The `--output` file, or nil for standard output (no `--output`, or `--output -`).
    var outputPath: String?
    var redact: Bool

    /// Reads `--format`, `--output` and `--redact`.
    ///
    /// - Throws: `UsageError` for an unknown format or an empty `--output`.
    static func from(_ arguments: ParsedArguments) throws -> ReportDestination {
        let outputPath = arguments.value(CommonOptions.output.primaryName)
        if outputPath?.isEmpty == true {
            throw UsageError(message: "--output is empty. Give a file name, or leave out --output to print to standard output.")
        }
        let filePath = outputPath == "-" ? nil : outputPath
        var format = ReportFormat.text
        if let name = arguments.value(CommonOptions.format.primaryName) {
            guard let chosen = ReportFormat(rawValue: name.lowercased()) else {
                let names = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw UsageError(message: "unknown format '\(name)'. Use one of: \(names).")
            }
            format = chosen
        }
        return ReportDestination(
            format: format,
            outputPath: filePath,
            redact: arguments.has(CommonOptions.redact.primaryName)
        )
    }

    /// Renders the report and writes it to the output file or standard output.
    ///
    /// - Returns: nil on success, or the exit status to use when the file cannot be written.
    func write(_ report: Report, context: CommandContext) -> Int32? {
        let shown = redact ? ReportRedactor.redact(report) : report
        let color = outputPath == nil && format == .text && context.colorAllowed
        let text = ReportRenderer.render(shown, format: format, options: RenderOptions(color: color))

        guard let outputPath else {
            context.writeOutput(text)
            return nil
        }
        do {
            try OutputFile.write(Data(text.utf8), to: outputPath)
            return nil
        } catch {
            context.reportError("cannot write the report to '\(outputPath)': \(error.reason). \(error.advice)")
            return ExitCode.cannotCreate
        }
    }
}

/// Reads `--cloud`.
///
/// - Throws: `UsageError` for an unknown cloud name.
func chosenCloud(_ arguments: ParsedArguments) throws -> Cloud {
    guard let name = arguments.value(CommonOptions.cloud.primaryName) else {
        return .azureCloud
    }
    guard let cloud = Cloud.named(name) else {
        let names = Cloud.all.map(\.name).joined(separator: ", ")
        throw UsageError(message: "unknown cloud '\(name)'. Use one of: \(names).")
    }
    return cloud
}
