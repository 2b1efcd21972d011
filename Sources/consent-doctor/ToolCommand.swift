/// A subcommand of the tool.
protocol ToolCommand {
    static var spec: CommandSpec { get }

    /// Runs the command and returns the process exit status. Usage errors are thrown as `UsageError`.
    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32
}

/// The subcommands, in the order `--help` lists them.
enum Commands {
    static var all: [any ToolCommand.Type] {
        [
            ExplainCommand.self,
            CodesCommand.self,
            CheckCommand.self,
            FixCommand.self,
        ]
    }

    static func named(_ name: String) -> (any ToolCommand.Type)? {
        all.first { $0.spec.name == name }
    }
}
