import ConsentDoctor
import Foundation

/// The `explain` command: reads a pasted sign-in error and prints what is wrong and the exact fix.
enum ExplainCommand: ToolCommand {
    static let profileOption = OptionSpec(
        names: ["--profile"],
        valueName: "NAME",
        help: "App profile for the commands: redisinsight, none, or auto (the default), which picks RedisInsight when the error names its appId or comes from RedisInsight."
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
        text in bounded memory. Each error is reported once, in order of appearance.

        Exit status: 0 when at least one error was diagnosed, 1 when the input held no
        recognisable error, 64 for invalid arguments, 66 when the input cannot be read.
        """,
        options: CommonOptions.reportOptions + [CommonOptions.cloud, profileOption, CommonOptions.emit],
        maximumPositionals: 1
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let destination = try ReportDestination.from(arguments)
        let emit = try EmitChoice.from(arguments)
        let options = ExplainOptions(cloud: try chosenCloud(arguments), profile: try profileChoice(arguments))
        let path = arguments.positionals.first ?? "-"

        let reading: PasteReading
        do {
            reading = try read(path: path, context: context)
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

    private static func read(path: String, context: CommandContext) throws -> PasteReading {
        if path == "-" {
            if context.standardInputIsTerminal {
                context.writeError("Reading the paste from standard input; end it with Ctrl-D.\n")
            }
            var source = FileChunkSource(standardInputNamed: "standard input")
            return try PasteReader.read(&source)
        }
        var source = try FileChunkSource(path: path)
        defer { source.close() }
        return try PasteReader.read(&source)
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
