/// Renders a report as GitHub Flavored Markdown for a ticket: a verdict line, the findings as a
/// table or one section per diagnosis, fenced command blocks, warnings and the report details.
///
/// Every value from the report is escaped (see `MarkdownRenderer+Escaping.swift`), so a value
/// from a paste or from Graph cannot add table columns, links, images or raw HTML.
public enum MarkdownRenderer {
    public static func render(_ report: Report) -> String {
        var blocks: [String] = ["# " + inline(ReportLabels.title(report))]
        blocks.append(verdictBlock(report))

        switch report.command {
        case .explain:
            blocks += diagnosisBlocks(report)
        case .check, .fix:
            blocks += findingBlocks(report)
        }
        if !report.commands.isEmpty {
            blocks.append("## Commands to run")
            blocks.append(fencedBlock(report.commands))
        }
        if let plan = report.plan {
            blocks += planBlocks(plan)
        }
        if !report.writes.isEmpty {
            blocks.append("## Changes made")
            blocks.append(writesTable(report.writes))
        }
        if !report.notes.isEmpty {
            blocks.append("## Notes")
            blocks.append(bulletList(report.notes))
        }
        if !report.requests.isEmpty {
            blocks.append("## Graph requests")
            blocks.append(requestsTable(report.requests))
        }
        blocks.append("## Report details")
        blocks.append(detailsTable(report))

        return blocks.joined(separator: "\n\n") + "\n"
    }

    static func verdictBlock(_ report: Report) -> String {
        var lines = ["**Verdict: \(inline(ReportLabels.verdict(report.verdict.status))).** \(inline(ReportLabels.verdictSentence(report)))"]
        if report.command != .explain {
            lines.append(inline(ReportLabels.countsLine(report.verdict)) + ".")
        }
        // Two trailing spaces would be invisible, so the lines join with a backslash hard break.
        return lines.joined(separator: "\\\n")
    }

    static func findingBlocks(_ report: Report) -> [String] {
        guard !report.findings.isEmpty else {
            return ["## Findings", "The report holds no findings."]
        }

        let shared = report.sharedReasons ?? []
        var blocks: [String] = []
        if !shared.isEmpty {
            blocks.append("## Why some checks could not run")
            let items = shared.enumerated().map { offset, reason in "\(offset + 1). " + paragraph(reason, indent: 3) }
            blocks.append(items.joined(separator: "\n"))
        }

        let rows = report.findings.map { finding in
            [ReportLabels.status(finding.status), finding.title, findingDetail(finding, shared: shared)]
        }
        blocks += ["## Findings", table(header: ["Status", "Check", "Detail"], rows: rows)]

        let withEvidence = report.findings.filter { !$0.evidence.isEmpty }
        if !withEvidence.isEmpty {
            blocks.append("### Evidence")
            let items = withEvidence.map { finding in
                let values = finding.evidence.map { "  - \(inline($0.label)): \(inline($0.value))" }
                return (["- **\(inline(finding.title))**"] + values).joined(separator: "\n")
            }
            blocks.append(items.joined(separator: "\n"))
        }
        return blocks
    }

    /// Returns the detail cell of a finding: the detail, then why it could not run, with shared
    /// reasons replaced by their number, then the codes users see.
    static func findingDetail(_ finding: Finding, shared: [String] = []) -> String {
        var parts = [finding.detail]
        if let reason = finding.reason {
            parts.append("Why it could not run: \(SharedReasons.referencing(reason, shared: shared))")
        }
        if !finding.relatedCodes.isEmpty {
            parts.append("Users see: \(finding.relatedCodes.map(\.description).joined(separator: ", ")).")
        }
        return parts.joined(separator: " ")
    }

    static func planBlocks(_ plan: FixPlan) -> [String] {
        var blocks = ["## Plan"]
        if plan.steps.contains(where: { $0.kind != .signIn }) {
            let items = plan.steps.enumerated().map { offset, step in
                "\(offset + 1). **\(inline(ReportLabels.stepTitle(step)))**\\\n   \(paragraph(step.reason, indent: 3))"
            }
            blocks.append(items.joined(separator: "\n"))
        } else {
            blocks.append("Nothing to change.")
        }
        if !plan.warnings.isEmpty {
            blocks.append("### Warnings")
            blocks.append(bulletList(plan.warnings))
        }
        return blocks
    }

    static func writesTable(_ writes: [WriteRecord]) -> String {
        let rows = writes.map { write in
            var request = "none sent"
            if let method = write.method {
                request = "\(method) \(write.path ?? "")"
                if let status = write.status {
                    request += " (HTTP \(status))"
                }
            }
            var result: [String] = []
            if let objectId = write.objectId {
                result.append("object id \(objectId)")
            }
            if let requestId = write.requestId {
                result.append("request id \(requestId)")
            }
            if let message = write.message {
                result.append(message)
            }
            return [ReportLabels.outcome(of: write), ReportLabels.stepTitle(write.step), request, result.joined(separator: "; ")]
        }
        return table(header: ["Outcome", "Step", "Graph request", "Result"], rows: rows)
    }

    static func requestsTable(_ requests: [GraphRequestRecord]) -> String {
        let rows = requests.map { request in
            [request.method, request.path, request.status.map(String.init) ?? "no response", request.requestId ?? ""]
        }
        return table(header: ["Method", "Path", "Status", "Request id"], rows: rows)
    }

    static func detailsTable(_ report: Report) -> String {
        var rows = [
            ["Command", report.command.rawValue],
            ["Tenant", report.tenant ?? "not known"],
            ["Cloud", report.cloud ?? "not known"],
        ]
        if let profileId = report.profileId {
            rows.append(["App profile", profileId])
        }
        rows.append(["Tool", "\(report.toolName) \(report.toolVersion)"])
        rows.append(["Generated at", report.generatedAt])
        rows.append(["Schema version", report.schemaVersion])
        return table(header: ["Field", "Value"], rows: rows)
    }

    static func bulletList(_ items: [String]) -> String {
        items.map { "- " + paragraph($0, indent: 2) }.joined(separator: "\n")
    }
}
