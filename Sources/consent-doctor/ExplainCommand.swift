import ConsentDoctor

/// The `explain` command. Placeholder until its implementation lands.
enum ExplainCommand: ToolCommand {
    static let spec = CommandSpec(
        name: "explain",
        abstract: "Not implemented yet.",
        usage: ["explain [options]"],
        discussion: "",
        options: CommonOptions.reportOptions,
        maximumPositionals: 1
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        context.reportError("'explain' is not implemented yet.")
        return ExitCode.software
    }
}
