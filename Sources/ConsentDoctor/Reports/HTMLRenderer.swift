/// Renders a report as one self-contained HTML page that loads nothing and runs nothing.
///
/// The page is built as an `HTMLNode` tree and serialised by `HTMLDocument`, which escapes every
/// value. Its sections, in order: the verdict, the findings or diagnoses, the commands, the plan
/// and its warnings, the writes of `fix`, notes, the Graph requests, and the report details
/// (tenant, cloud, tool version and generation time).
public enum HTMLRenderer {
    public static func render(_ report: Report) -> String {
        document(for: report).serialized()
    }

    /// Returns the page as a tree, for callers that want to inspect it before serialising.
    public static func document(for report: Report) -> HTMLDocument {
        var sections: [HTMLNode] = [verdictSection(report)]

        switch report.command {
        case .explain:
            sections += diagnosisSections(report)
        case .check, .fix:
            sections += findingSections(report)
        }
        if let commands = commandsSection(title: "Commands to run", lines: report.commands) {
            sections.append(commands)
        }
        if let plan = report.plan {
            sections += planSections(plan)
        }
        if let writes = writesSection(report.writes) {
            sections.append(writes)
        }
        if let notes = listSection(title: "Notes", classes: [.notes], items: report.notes) {
            sections.append(notes)
        }
        if let requests = requestsSection(report.requests) {
            sections.append(requests)
        }

        let verdictWord = ReportLabels.verdict(report.verdict.status)
        return HTMLDocument(
            title: "\(ReportLabels.title(report)): \(verdictWord)",
            body: [
                header(report),
                .tag(.main, sections),
                footer(report),
            ]
        )
    }

    static func header(_ report: Report) -> HTMLNode {
        var context: [String] = []
        if let tenant = report.tenant {
            context.append("Tenant \(tenant)")
        }
        if let cloud = report.cloud {
            context.append("Cloud \(cloud)")
        }
        context.append("Generated \(report.generatedAt)")

        return .tag(.header, [
            .tag(.h1, text: ReportLabels.title(report)),
            .tag(.p, classes: [.subtitle], text: context.joined(separator: " · ")),
        ])
    }

    static func verdictSection(_ report: Report) -> HTMLNode {
        let status = report.verdict.status
        var children: [HTMLNode] = [
            .tag(.h2, [
                .text("Verdict: "),
                .tag(.span, classes: [.verdictLabel], text: ReportLabels.verdict(status)),
            ]),
            .tag(.p, text: ReportLabels.verdictSentence(report)),
        ]
        if report.command != .explain {
            children.append(.tag(.p, classes: [.counts], text: ReportLabels.countsLine(report.verdict)))
        }
        return .tag(
            .section,
            classes: [.verdict, verdictClass(status)],
            attributes: [HTMLAttribute(.id, "verdict"), HTMLAttribute(.ariaLabel, "Verdict")],
            children
        )
    }

    static func footer(_ report: Report) -> HTMLNode {
        var rows: [(String, String)] = [("Command", report.command.rawValue)]
        rows.append(("Tenant", report.tenant ?? "not known"))
        rows.append(("Cloud", report.cloud ?? "not known"))
        if let profileId = report.profileId {
            rows.append(("App profile", profileId))
        }
        rows.append(("Tool", "\(report.toolName) \(report.toolVersion)"))
        rows.append(("Generated at", report.generatedAt))
        rows.append(("Schema version", report.schemaVersion))

        return .tag(.footer, classes: [.metadata], attributes: [HTMLAttribute(.id, "report-details")], [
            .tag(.h2, text: "Report details"),
            definitionList(rows),
        ])
    }

    /// Returns a section with a heading and a bulleted list, or nil when there are no items.
    static func listSection(title: String, classes: [HTMLClass], items: [String]) -> HTMLNode? {
        guard !items.isEmpty else {
            return nil
        }
        return .tag(.section, classes: classes, [
            .tag(.h2, text: title),
            .tag(.ul, items.map { .tag(.li, text: $0) }),
        ])
    }

    /// Returns a `dl` with one `dt`/`dd` pair per row.
    static func definitionList(_ rows: [(String, String)]) -> HTMLNode {
        var children: [HTMLNode] = []
        for (term, description) in rows {
            children.append(.tag(.dt, text: term))
            children.append(.tag(.dd, text: description))
        }
        return .tag(.dl, children)
    }

    /// Returns the status word as a coloured badge.
    static func badge(_ status: FindingStatus) -> HTMLNode {
        .tag(.span, classes: [.badge, statusClass(status)], text: ReportLabels.status(status))
    }

    static func statusClass(_ status: FindingStatus) -> HTMLClass {
        switch status {
        case .pass: .statusPass
        case .fail: .statusFail
        case .warning: .statusWarning
        case .unknown: .statusUnknown
        case .info: .statusInfo
        }
    }

    static func verdictClass(_ status: Verdict.Status) -> HTMLClass {
        switch status {
        case .healthy: .verdictHealthy
        case .problems: .verdictProblems
        case .incomplete: .verdictIncomplete
        case .diagnosed: .verdictDiagnosed
        case .noErrorFound: .verdictNoErrorFound
        }
    }
}
