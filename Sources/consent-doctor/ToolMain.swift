import ConsentDoctor

/// Dispatches to a subcommand and turns errors into messages and exit statuses.
enum ToolMain {
    /// Runs the command line and returns the exit status. A report that could not be written to
    /// standard output turns any status into 73 (EX_CANTCREAT), so a lost report never looks like success.
    static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        let status = dispatch(arguments, context: context)
        guard let failure = StandardStreams.outputFailure else {
            return status
        }
        context.reportError(failure.message)
        return ExitCode.cannotCreate
    }

    private static func dispatch(_ arguments: [String], context: CommandContext) -> Int32 {
        guard let first = arguments.first else {
            context.writeError(toolHelp())
            return ExitCode.usage
        }
        if ArgumentParser.helpNames.contains(first) || first == "help" {
            if arguments.count > 1, let command = Commands.named(arguments[1]) {
                context.writeOutput(HelpRenderer.commandHelp(command.spec))
            } else {
                context.writeOutput(toolHelp())
            }
            return ExitCode.success
        }
        if first == "--version" {
            context.writeOutput("\(ToolInfo.name) \(ToolInfo.version)\n")
            return ExitCode.success
        }
        guard let command = Commands.named(first) else {
            context.reportError("unknown command '\(first)'. Run '\(ToolName.value) --help' for the list of commands.")
            return ExitCode.usage
        }

        do {
            let parsed = try ArgumentParser.parse(Array(arguments.dropFirst()), spec: command.spec)
            if parsed.has("--help") {
                context.writeOutput(HelpRenderer.commandHelp(command.spec))
                return ExitCode.success
            }
            return try command.run(parsed, context: context)
        } catch let error as UsageError {
            context.reportError(error.message)
            context.writeError("Run '\(ToolName.value) \(command.spec.name) --help' for usage.\n")
            return ExitCode.usage
        } catch {
            context.reportError("\(error)")
            return ExitCode.software
        }
    }

    static func toolHelp() -> String {
        var lines = [
            "\(ToolName.value) \(ToolInfo.version): diagnose and repair Entra ID admin consent for multi-tenant apps.",
            "",
            "Usage: \(ToolName.value) COMMAND [options]",
            "",
            "Commands:",
        ]
        let width = Commands.all.map { $0.spec.name.count }.max() ?? 0
        for command in Commands.all {
            let name = command.spec.name
            lines.append("  \(name)\(String(repeating: " ", count: width - name.count))  \(command.spec.abstract)")
        }
        lines.append("")
        lines.append("Run '\(ToolName.value) COMMAND --help' for the options of a command, '\(ToolName.value) --version' for the version.")
        return lines.joined(separator: "\n") + "\n"
    }
}
