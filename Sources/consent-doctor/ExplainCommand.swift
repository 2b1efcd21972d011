import ConsentDoctor
import Foundation

/// The `explain` command: reads a pasted sign-in error and prints what is wrong and the exact fix.
enum ExplainCommand: ToolCommand {
    static let profileOption = OptionSpec(
        names: ["--profile"],
        valueName: "NAME",
        help: "App profile for the commands: redisinsight, none, or auto (the default), which picks RedisInsight when the error names its appId or comes from RedisInsight."
    )

    static let maximumInputOption = OptionSpec(
        names: ["--max-input-bytes"],
        valueName: "SIZE",
        help: "Stop reading the input after SIZE bytes and report what was found before, with a note. A number of bytes, or with a K, M or G suffix for KiB, MiB or GiB; the default is 4G."
    )

    static let spec = CommandSpec(
        name: "explain",
        abstract: "Explain a pasted sign-in error and print the exact commands that fix it.",
        usage: ["explain [FILE|-] [options]"],
        discussion: """
        Reads FILE, or standard input when FILE is '-' or missing. The paste may be plain text, a
        token endpoint JSON response, a redirect URL, the sign-in error page (copied text or saved
        HTML), msal-node, MSAL.NET, MSAL for iOS or azure-identity output, a RedisInsight
        notification or log, Azure CLI output, or a HAR file. Inputs above 16 MiB are scanned as
        text in bounded memory. Each error is reported once, in order of appearance; the first
        100 distinct errors are diagnosed, and the rest are counted per code in the notes.

        Exit status: 0 when at least one error was diagnosed, 1 when the input held no
        recognisable error, 64 for invalid arguments or an --output file that is FILE, 66 when the input cannot be read (also a closed standard input), 73 when
        the --output file cannot be written.
        """,
        options: CommonOptions.reportOptions + [CommonOptions.cloud, profileOption, maximumInputOption, CommonOptions.emit],
        maximumPositionals: 1
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let destination = try ReportDestination.from(arguments)
        let emit = try EmitChoice.from(arguments)
        let options = ExplainOptions(cloud: try chosenCloud(arguments), profile: try profileChoice(arguments))
        let maximumInputBytes = try maximumInputBytes(arguments)
        let path = arguments.positionals.first ?? "-"
        if let outputPath = destination.outputPath {
            try InputOutputOverlap.check(inputs: [NamedFile(option: "FILE", path: path)], outputs: [NamedFile(option: "--output", path: outputPath)])
        }

        let reading: PasteReading
        do {
            reading = try read(path: path, maximumInputBytes: maximumInputBytes, context: context)
        } catch let error as PasteInputError {
            context.reportError(error.description)
            return ExitCode.noInput
        }

        let report = ExplainReport.make(reading: reading, options: options, generatedAt: Timestamp.now())
        let plan = RemediationEmitter.merged(report.diagnoses.compactMap(\.plan))
        if let status = emit.write(report, plan: plan, destination: destination, context: context) {
            return status
        }
        return report.diagnoses.isEmpty ? ExitCode.problemsFound : ExitCode.success
    }

    private static func read(path: String, maximumInputBytes: Int, context: CommandContext) throws -> PasteReading {
        if path == "-" {
            if context.standardInputClosed {
                throw PasteInputError.standardInputClosed
            }
            if context.standardInputIsTerminal {
                context.writeError("Reading the paste from standard input; end it with Ctrl-D.\n")
            }
            var source = FileChunkSource(standardInputNamed: "standard input")
            return try PasteReader.read(&source, maximumInputBytes: maximumInputBytes)
        }
        var source = try FileChunkSource(path: path)
        defer { source.close() }
        return try PasteReader.read(&source, maximumInputBytes: maximumInputBytes)
    }

    /// Reads `--max-input-bytes`: a positive number of bytes, optionally with a K, M or G suffix
    /// (KiB, MiB or GiB, with or without `iB`), case ignored.
    ///
    /// - Throws: `UsageError` for anything else, or a size that does not fit in 63 bits.
    static func maximumInputBytes(_ arguments: ParsedArguments) throws -> Int {
        guard let text = arguments.value(maximumInputOption.primaryName) else {
            return PasteReader.defaultMaximumInputBytes
        }
        let invalid = UsageError(message: "invalid size '\(text)' for --max-input-bytes. Give a positive number of bytes, optionally with K, M or G for KiB, MiB or GiB, such as 64M.")
        var digits = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        if digits.hasSuffix("IB") {
            digits = digits.dropLast(2)
        }
        var shift = 0
        switch digits.last {
        case "K": shift = 10
        case "M": shift = 20
        case "G": shift = 30
        default: break
        }
        if shift > 0 {
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), number > 0 else {
            throw invalid
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: 1 << shift)
        guard !overflow else {
            throw invalid
        }
        return bytes
    }

    /// Reads `--profile`.
    ///
    /// - Throws: `UsageError` for an unknown profile name.
    static func profileChoice(_ arguments: ParsedArguments) throws -> ExplainOptions.ProfileChoice {
        guard let name = arguments.value(profileOption.primaryName)?.lowercased() else {
            return .automatic
        }
        switch name {
        case "auto", "automatic":
            return .automatic
        case "none":
            return .none
        default:
            guard let profile = AppProfile.builtIn(matching: name) else {
                let names = (["auto", "none"] + AppProfile.builtIn.map(\.id)).joined(separator: ", ")
                throw UsageError(message: "unknown profile '\(name)'. Use one of: \(names).")
            }
            return .fixed(profile)
        }
    }
}

/// The current time for report headers.
enum Timestamp {
    /// Returns the current time as ISO 8601 in UTC, such as `2026-12-04T20:17:05Z`.
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
