import ConsentDoctor
import Foundation

/// The `codes` command: looks AADSTS codes up offline, by number or by words.
enum CodesCommand: ToolCommand {
    static let searchOption = OptionSpec(
        names: ["--search", "-s"],
        valueName: "WORDS",
        help: "List the codes whose number, symbolic name, category, fixer (such as tenant-admin) or explanation contains every word, ignoring case. Words after the option are added to the search."
    )
    static let formatOption = OptionSpec(
        names: ["--format", "-f"],
        valueName: "FORMAT",
        help: "Output format: text (the default) or json."
    )

    static let spec = CommandSpec(
        name: "codes",
        abstract: "Look up AADSTS codes offline: name, category, who fixes it and the link.",
        usage: ["codes [CODE] [options]", "codes --search WORDS [options]"],
        discussion: """
        With CODE (650057 or AADSTS650057), prints that code with the tool's explanation. With
        --search, lists the matching codes. With neither, lists every code the tool knows.

        Exit status: 0 when something was found, 1 when the code is unknown or nothing matched,
        64 for invalid arguments.
        """,
        options: [formatOption, CommonOptions.cloud, searchOption],
        maximumPositionals: 16
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let cloud = try chosenCloud(arguments)
        let json = try wantsJSON(arguments)
        let search = arguments.value(searchOption.primaryName)
        if search == nil, arguments.positionals.count > 1 {
            throw UsageError(message: "unexpected argument '\(arguments.positionals[1])' for 'codes'. Give one code, or use --search for words.")
        }

        if let search {
            let query = ([search] + arguments.positionals).joined(separator: " ")
            let codes = CodeCatalog.search(query).compactMap { CodeSummary.make($0.code, cloud: cloud) }
            write(CodeLookupResult(query: query, codes: codes), json: json, detailed: false, context: context)
            if codes.isEmpty && !json {
                context.writeOutput("No code matches '\(TerminalText.safe(query))'.\n")
            }
            return codes.isEmpty ? ExitCode.problemsFound : ExitCode.success
        }

        if let argument = arguments.positionals.first {
            // A code copied from a message often brings spaces or a line break along.
            let text = argument.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let code = SignInErrorCode(text) else {
                throw UsageError(message: "'\(text)' is not an AADSTS code. Give a number such as 650057 or AADSTS650057.")
            }
            guard let summary = CodeSummary.make(code, cloud: cloud) else {
                write(CodeLookupResult(query: text, codes: []), json: json, detailed: true, context: context)
                if !json {
                    context.writeOutput("\(code) is not in the bundled table. Microsoft's page for it: \(cloud.errorPageURL(for: code))\n")
                }
                return ExitCode.problemsFound
            }
            write(CodeLookupResult(query: text, codes: [summary]), json: json, detailed: true, context: context)
            return ExitCode.success
        }

        let codes = CodeCatalog.entries.compactMap { CodeSummary.make($0.code, cloud: cloud) }
        write(CodeLookupResult(query: nil, codes: codes), json: json, detailed: false, context: context)
        return ExitCode.success
    }

    private static func wantsJSON(_ arguments: ParsedArguments) throws -> Bool {
        guard let format = arguments.value(formatOption.primaryName)?.lowercased() else {
            return false
        }
        switch format {
        case "text": return false
        case "json": return true
        default: throw UsageError(message: "unknown format '\(format)' for 'codes'. Use text or json.")
        }
    }

    private static func write(_ result: CodeLookupResult, json: Bool, detailed: Bool, context: CommandContext) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(result)) ?? Data("{}".utf8)
            context.writeOutput(String(decoding: data, as: UTF8.self) + "\n")
            return
        }
        guard !result.codes.isEmpty else {
            return
        }
        context.writeOutput(detailed ? detail(result.codes[0]) : list(result.codes))
    }

    private static func list(_ codes: [CodeSummary]) -> String {
        let titleWidth = min(60, codes.map(\.title.count).max() ?? 0)
        return codes.map { code in
            let label = "AADSTS\(code.code)".padding(toLength: 15, withPad: " ", startingAt: 0)
            let title = code.title.count > titleWidth ? String(code.title.prefix(titleWidth - 3)) + "..." : code.title
            let category = code.category.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)
            return "\(label)\(title.padding(toLength: titleWidth + 2, withPad: " ", startingAt: 0))\(category)\(code.fixedBy.rawValue)"
        }.joined(separator: "\n") + "\n"
    }

    /// Returns the code's symbolic name, or why it has none: the published table lists some codes
    /// without a name, and codes the tool adds have no table entry at all.
    private static func nameText(_ code: CodeSummary) -> String {
        if let name = code.name {
            return name
        }
        return code.inPublishedTable ? "(none: the published table lists this code without a name)" : "(none: the code is not in the published table)"
    }

    private static func detail(_ code: CodeSummary) -> String {
        var lines = ["AADSTS\(code.code): \(code.title)"]
        lines.append("  Name:      \(nameText(code))")
        lines.append("  Category:  \(code.category.rawValue)")
        lines.append("  Fixed by:  \(code.fixedBy.phrase)")
        lines.append("  Link:      \(code.link)")
        if !code.inPublishedTable {
            lines.append("  Note:      Microsoft's published table does not list this code; the tool adds it.")
        }
        if let summary = code.summary {
            lines.append("")
            lines += TextRenderer.wrapLine(summary, width: 96).map { "  " + $0 }
        }
        if let cause = code.cause {
            lines.append("")
            lines += TextRenderer.wrapLine(cause, width: 96).map { "  " + $0 }
        }
        if !code.advice.isEmpty {
            lines.append("")
            for (offset, step) in code.advice.enumerated() {
                let wrapped = TextRenderer.wrapLine(step, width: 92)
                lines.append("  \(offset + 1). " + (wrapped.first ?? ""))
                lines += wrapped.dropFirst().map { "     " + $0 }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
