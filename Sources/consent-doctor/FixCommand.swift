import ConsentDoctor

/// The `fix` command. Placeholder until its implementation lands.
enum FixCommand: ToolCommand {
    static let spec = CommandSpec(
        name: "fix",
        abstract: "Not implemented yet.",
        usage: ["fix [options]"],
        discussion: "",
        options: CommonOptions.reportOptions,
        maximumPositionals: 1
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        context.reportError("'fix' is not implemented yet.")
        return ExitCode.software
    }
}
