import ConsentDoctor

/// The `codes` command. Placeholder until its implementation lands.
enum CodesCommand: ToolCommand {
    static let spec = CommandSpec(
        name: "codes",
        abstract: "Not implemented yet.",
        usage: ["codes [options]"],
        discussion: "",
        options: CommonOptions.reportOptions,
        maximumPositionals: 1
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        context.reportError("'codes' is not implemented yet.")
        return ExitCode.software
    }
}
