extension TextRenderer {
    /// Renders `check` and `fix` reports: the verdict with counts, the tenant, the reasons several
    /// findings share, and each finding with its detail, reason and evidence. Then come the Graph
    /// writes of a `fix` dry run, the commands to run with the plan's warnings, the writes
    /// `fix --apply` made, and the notes. Every value is passed through `TerminalText.safe`.
    static func renderFindings(_ report: Report, style: inout TextStyle) -> String {
        var lines = verdictLines(report, style: style)
        let shared = report.sharedReasons ?? []
        if !shared.isEmpty {
            lines.append("")
            lines.append(style.bold("Why some checks could not run") + ":")
            for (offset, reason) in shared.enumerated() {
                lines.append("  \(offset + 1). \(TerminalText.safe(reason))")
            }
        }
        for finding in report.findings {
            lines.append("")
            lines += findingLines(finding, shared: shared, style: style)
        }
        lines += planLines(report, style: style)
        lines += writeLines(report, style: style)
        if !report.notes.isEmpty {
            lines.append("")
            lines.append(style.bold("Notes"))
            lines += report.notes.map { "  - \(TerminalText.safe($0))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The width of the status column, fitting `UNKNOWN` and a space.
    private static let statusWidth = 9

    private static func verdictLines(_ report: Report, style: TextStyle) -> [String] {
        let verdict = report.verdict
        let word = verdict.status.rawValue.uppercased()
        let coloured: String
        switch verdict.status {
        case .healthy:
            coloured = style.green(word)
        case .problems:
            coloured = style.red(word)
        case .incomplete, .diagnosed, .noErrorFound:
            coloured = style.yellow(word)
        }
        let counts = [
            "\(verdict.pass) passed",
            "\(verdict.fail) failed",
            "\(verdict.warning) \(verdict.warning == 1 ? "warning" : "warnings")",
            "\(verdict.unknown) unknown",
            "\(verdict.info) info",
        ].joined(separator: ", ")

        var lines = ["\(style.bold("consent-doctor \(report.command.rawValue)")): \(coloured) (\(counts))"]
        var context = ["Tenant: \(TerminalText.safe(report.tenant ?? "unknown"))"]
        if let cloud = report.cloud {
            context.append("Cloud: \(TerminalText.safe(cloud))")
        }
        if let profileId = report.profileId {
            context.append("Profile: \(TerminalText.safe(profileId))")
        }
        lines.append(context.joined(separator: "  "))
        return lines
    }

    private static func findingLines(_ finding: Finding, shared: [String], style: TextStyle) -> [String] {
        let word = statusWord(finding.status)
        let padded = word + String(repeating: " ", count: max(1, statusWidth - word.count))
        let indent = String(repeating: " ", count: statusWidth)

        var lines = ["\(colour(padded, for: finding.status, style: style))\(style.bold(TerminalText.safe(finding.title))) [\(TerminalText.safe(finding.id))]"]
        lines.append(indent + TerminalText.safe(finding.detail))
        if let reason = finding.reason {
            lines.append(indent + "Reason: " + TerminalText.safe(SharedReasons.referencing(reason, shared: shared)))
        }
        for evidence in finding.evidence {
            lines.append(indent + style.dim("\(TerminalText.safe(evidence.label)): \(TerminalText.safe(evidence.value))"))
        }
        let codes = finding.relatedCodes.map(\.description).joined(separator: ", ")
        switch finding.status {
        case _ where codes.isEmpty:
            break
        case .fail, .warning:
            lines.append(indent + "Users see: " + codes)
        case .unknown:
            lines.append(indent + "If this fails, users see: " + codes)
        case .pass, .info:
            break
        }
        return lines
    }

    private static func planLines(_ report: Report, style: TextStyle) -> [String] {
        guard let plan = report.plan else {
            return []
        }
        var lines: [String] = [""]
        let plannedWrites = report.command == .fix && report.writes.isEmpty ? PlannedWrite.list(for: plan) : []
        if !plannedWrites.isEmpty {
            lines.append(style.bold("Graph writes to make") + " (in order; none is made without --apply):")
            lines += plannedWriteLines(plannedWrites)
        }
        if !report.commands.isEmpty {
            if !plannedWrites.isEmpty {
                lines.append("")
            }
            lines.append(style.bold("Run these commands") + " (in order, as an admin of the tenant):")
            lines += report.commands.map { "  " + TerminalText.safe($0) }
        } else if plannedWrites.isEmpty && report.writes.isEmpty {
            lines.append(style.bold("Nothing to run") + ": the plan changes nothing.")
        } else if plannedWrites.isEmpty {
            // A fix run that wrote: the writes section below shows what changed.
            lines.removeLast()
        }
        if !plan.warnings.isEmpty {
            lines.append("")
            let heading = !report.commands.isEmpty ? "Before you run them" : (plannedWrites.isEmpty ? "Warnings" : "Before you apply them")
            lines.append(style.bold(heading))
            lines += plan.warnings.map { "  - " + TerminalText.safe($0) }
        }
        return lines
    }

    /// Lists the Graph writes of a `fix` dry run: the request, then the reason below it.
    private static func plannedWriteLines(_ writes: [PlannedWrite]) -> [String] {
        var lines: [String] = []
        for (offset, write) in writes.enumerated() {
            let number = "\(offset + 1). "
            let indent = String(repeating: " ", count: 2 + number.count)
            lines.append("  \(number)\(TerminalText.safe(write.requestLine))")
            lines.append(indent + TerminalText.safe(write.step.reason))
        }
        return lines
    }

    /// The width of the outcome column, fitting `NOT ATTEMPTED` and two spaces.
    private static let outcomeWidth = 15

    /// Lists the writes of `fix --apply`: the outcome and the step, then the request with its
    /// status, request id and object id, then Graph's or the tool's message.
    private static func writeLines(_ report: Report, style: TextStyle) -> [String] {
        guard !report.writes.isEmpty else {
            return []
        }
        var lines = ["", style.bold("Changes made") + " (in order):"]
        let indent = String(repeating: " ", count: 2 + outcomeWidth)
        for write in report.writes {
            let word = ReportLabels.outcome(of: write)
            let padded = word + String(repeating: " ", count: max(2, outcomeWidth - word.count))
            lines.append("  \(outcomeColour(padded, write.outcome, style: style))\(TerminalText.safe(ReportLabels.stepTitle(write.step)))")

            var facts: [String] = []
            if let status = write.status {
                facts.append("HTTP \(status)")
            }
            if let requestId = write.requestId {
                facts.append("request-id \(TerminalText.safe(requestId))")
            }
            if let objectId = write.objectId {
                facts.append("object id \(TerminalText.safe(objectId))")
            }
            if let method = write.method {
                let request = "\(TerminalText.safe(method)) \(TerminalText.safe(write.path ?? ""))"
                lines.append(indent + (facts.isEmpty ? request : "\(request): \(facts.joined(separator: ", "))"))
            } else if !facts.isEmpty {
                lines.append(indent + "No request sent: " + facts.joined(separator: ", "))
            }
            if let message = write.message {
                lines.append(indent + TerminalText.safe(message))
            }
        }
        return lines
    }

    private static func outcomeColour(_ text: String, _ outcome: WriteRecord.Outcome, style: TextStyle) -> String {
        switch outcome {
        case .done, .alreadyDone:
            return style.green(text)
        case .failed:
            return style.red(text)
        case .notAttempted:
            return style.yellow(text)
        }
    }

    private static func statusWord(_ status: FindingStatus) -> String {
        switch status {
        case .pass:
            return "PASS"
        case .fail:
            return "FAIL"
        case .warning:
            return "WARN"
        case .unknown:
            return "UNKNOWN"
        case .info:
            return "INFO"
        }
    }

    private static func colour(_ text: String, for status: FindingStatus, style: TextStyle) -> String {
        switch status {
        case .pass:
            return style.green(text)
        case .fail:
            return style.red(text)
        case .warning, .unknown:
            return style.yellow(text)
        case .info:
            return style.blue(text)
        }
    }
}
