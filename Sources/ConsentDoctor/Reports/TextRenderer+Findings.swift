extension TextRenderer {
    /// Renders `check` and `fix` reports: the verdict with counts, the tenant, the reasons several
    /// findings share, each finding with its detail, reason and evidence, the commands to run with
    /// the plan's warnings, the writes of `fix`, then the notes. Every value is passed through
    /// `TerminalText.safe`.
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
        if report.commands.isEmpty {
            lines.append(style.bold("Nothing to run") + ": the plan changes nothing.")
        } else {
            lines.append(style.bold("Run these commands") + " (in order, as an admin of the tenant):")
            lines += report.commands.map { "  " + TerminalText.safe($0) }
        }
        if !plan.warnings.isEmpty {
            lines.append("")
            lines.append(style.bold(report.commands.isEmpty ? "Warnings" : "Before you run them"))
            lines += plan.warnings.map { "  - " + TerminalText.safe($0) }
        }
        return lines
    }

    private static func writeLines(_ report: Report, style: TextStyle) -> [String] {
        guard !report.writes.isEmpty else {
            return []
        }
        var lines = ["", style.bold("Changes made")]
        for write in report.writes {
            var line = "  \(write.outcome.rawValue): \(TerminalText.safe(write.step.reason))"
            if let status = write.status {
                line += " (HTTP \(status))"
            }
            if let message = write.message {
                line += " \(TerminalText.safe(message))"
            }
            lines.append(line)
        }
        return lines
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
