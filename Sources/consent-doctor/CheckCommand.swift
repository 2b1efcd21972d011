import ConsentDoctor

/// The `check` command. Placeholder until its implementation lands.
enum CheckCommand: ToolCommand {
    static let spec = CommandSpec(
        name: "check",
        abstract: "Not implemented yet.",
        usage: ["check [options]"],
        discussion: "",
        options: CommonOptions.reportOptions,
        maximumPositionals: 1
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        context.reportError("'check' is not implemented yet.")
        return ExitCode.software
    }
}
