import ConsentDoctor
import Foundation

extension FixCommand {
    /// Lists the writes on standard error, prompts `Apply them? [y/N]` and reads the answer from
    /// standard input.
    ///
    /// - Returns: Whether the answer was `y` or `yes`, in any case.
    static func askForConfirmation(plan: FixPlan, tenant: String?, context: CommandContext) -> Bool {
        let writes = PlannedWrite.list(for: plan)
        // Step reasons and warnings name objects by their display names from Graph.
        var lines = ["\(ToolName.value) fix will make \(writes.count == 1 ? "this Graph write" : "these \(writes.count) Graph writes") in tenant \(TerminalText.safe(tenant ?? "of the token")):"]
        for (offset, write) in writes.enumerated() {
            lines.append("  \(offset + 1). \(TerminalText.safe(write.requestLine))")
            lines.append("     \(TerminalText.safe(write.step.reason))")
        }
        for warning in plan.warnings {
            lines.append("Warning: \(TerminalText.safe(warning))")
        }
        context.writeError(lines.joined(separator: "\n") + "\nApply them? [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }

    /// Prints why the writes stopped and what changed before, on standard error.
    static func reportFailure(_ failure: ApplyFailure, application: PlanApplication, context: CommandContext) {
        var message = failure.description
        if case .graph(let error) = failure, failure.isPermissionDenied {
            let requestId = error.requestId.map { " (request-id \($0))" } ?? ""
            message = "Graph denied \(error.method) \(error.path) with status \(error.status.map(String.init) ?? "403")\(requestId). \(writePermissions)"
        }
        context.reportError("\(message) \(summary(of: application))")
    }

    /// Prints that a signal stopped the run, with the writes made, possibly made and not
    /// attempted, on standard error.
    ///
    /// - Returns: 128 plus the signal number: 130 for SIGINT, 143 for SIGTERM.
    static func reportInterruption(_ signalNumber: Int32, application: PlanApplication, context: CommandContext) -> Int32 {
        let (name, status) = InterruptibleRun.describe(signalNumber)
        context.reportError("Interrupted by \(name), so fix stopped before its next write. \(summary(of: application))")
        return status
    }

    /// Returns the sentences on what the writes changed, for error messages.
    static func summary(of application: PlanApplication) -> String {
        WriteSummary.sentences(for: application).joined(separator: " ")
    }

    /// Returns the exit status when fix does not write because the `--tenant` value could not be
    /// confirmed: the status of the failed organization read (77 denied, 69 unreachable or
    /// throttled), or 1.
    static func unconfirmedTenantStatus(_ snapshot: DirectorySnapshot) -> Int32 {
        switch snapshot.organization?.failure?.kind {
        case .permissionDenied, .unauthorized:
            return ExitCode.permissionDenied
        case .unreachable, .throttled:
            return ExitCode.unavailable
        default:
            return ExitCode.problemsFound
        }
    }

    /// Returns 77 when Graph denied a request, 69 when it could not be reached or kept
    /// throttling, the token source's status for a sign-in failure, and 1 otherwise.
    static func exitStatus(for failure: ApplyFailure) -> Int32 {
        switch failure {
        case .graph(let error):
            switch error.kind {
            case .permissionDenied, .unauthorized:
                return ExitCode.permissionDenied
            case .unreachable, .throttled:
                return ExitCode.unavailable
            case .malformedResponse, .httpError, .notInInput:
                return ExitCode.problemsFound
            }
        case .identity(let error):
            return GraphAccessOptions.exitStatus(for: error)
        case .invalidValue, .stateChanged, .manualChangeNeeded:
            return ExitCode.problemsFound
        }
    }
}
