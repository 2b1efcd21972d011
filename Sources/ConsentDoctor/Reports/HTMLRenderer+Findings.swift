extension HTMLRenderer {
    /// Returns the findings heading and one section per finding, for `check` and `fix`.
    static func findingSections(_ report: Report) -> [HTMLNode] {
        guard !report.findings.isEmpty else {
            return [.tag(.section, attributes: [HTMLAttribute(.id, "findings")], [
                .tag(.h2, text: "Findings"),
                .tag(.p, classes: [.muted], text: "The report holds no findings."),
            ])]
        }

        let shared = report.sharedReasons ?? []
        var sections: [HTMLNode] = []
        for (offset, finding) in report.findings.enumerated() {
            sections.append(findingSection(finding, number: offset + 1, shared: shared))
        }
        var result: [HTMLNode] = []
        if !shared.isEmpty {
            result.append(.tag(.section, attributes: [HTMLAttribute(.id, "shared-reasons")], [
                .tag(.h2, text: "Why some checks could not run"),
                .tag(.ol, shared.map { .tag(.li, text: $0) }),
            ]))
        }
        result.append(.tag(.section, attributes: [HTMLAttribute(.id, "findings")], [.tag(.h2, text: "Findings")] + sections))
        return result
    }

    static func findingSection(_ finding: Finding, number: Int, shared: [String] = []) -> HTMLNode {
        var children: [HTMLNode] = [
            .tag(.h3, [badge(finding.status), .text(finding.title)]),
            .tag(.p, classes: [.findingId], [.text("Check "), .tag(.code, text: finding.id)]),
            .tag(.p, classes: [.detail], text: finding.detail),
        ]
        if let reason = finding.reason {
            let shown = SharedReasons.referencing(reason, shared: shared)
            children.append(.tag(.p, classes: [.reason], [.tag(.strong, text: "Why it could not run: "), .text(shown)]))
        }
        if !finding.evidence.isEmpty {
            children.append(evidenceTable(finding.evidence))
        }
        if !finding.relatedCodes.isEmpty {
            let codes = finding.relatedCodes.map(\.description).joined(separator: ", ")
            children.append(.tag(.p, [.tag(.strong, text: "Users see: "), .text(codes)]))
        }
        return .tag(
            .section,
            classes: [.finding, statusClass(finding.status)],
            attributes: [HTMLAttribute(.id, "finding-\(number)")],
            children
        )
    }

    static func evidenceTable(_ evidence: [Evidence]) -> HTMLNode {
        let rows = evidence.map { item in
            HTMLNode.tag(.tr, [
                .tag(.th, attributes: [HTMLAttribute(.scope, "row")], [.text(item.label)]),
                .tag(.td, [.tag(.code, text: item.value)]),
            ])
        }
        return .tag(.table, classes: [.evidence, .values], attributes: [HTMLAttribute(.ariaLabel, "Evidence")], [.tag(.tbody, rows)])
    }

    /// Returns one card per Graph write made by `fix --apply`, or nil when there were none.
    static func writesSection(_ writes: [WriteRecord]) -> HTMLNode? {
        guard !writes.isEmpty else {
            return nil
        }
        let items = writes.map { write in
            HTMLNode.tag(.li, classes: [.writeRecord, statusClass(outcomeStatus(write.outcome))], [
                .tag(.h3, [outcomeBadge(write), .text(ReportLabels.stepTitle(write.step))]),
                definitionList(writeRows(write)),
            ])
        }
        return .tag(.section, classes: [.writes], attributes: [HTMLAttribute(.id, "writes")], [
            .tag(.h2, text: "Changes made"),
            .tag(.ol, classes: [.writes], items),
        ])
    }

    /// Returns the table of Graph requests behind the findings, or nil when there were none.
    static func requestsSection(_ requests: [GraphRequestRecord]) -> HTMLNode? {
        guard !requests.isEmpty else {
            return nil
        }
        let rows = requests.map { request in
            HTMLNode.tag(.tr, [
                .tag(.td, text: request.method),
                .tag(.td, [.tag(.code, text: request.path)]),
                .tag(.td, text: request.status.map(String.init) ?? "no response"),
                .tag(.td, [.tag(.code, text: request.requestId ?? "")]),
            ])
        }
        return .tag(.section, classes: [.requests], attributes: [HTMLAttribute(.id, "requests")], [
            .tag(.h2, text: "Graph requests"),
            .tag(.table, [
                headerRow(["Method", "Path", "Status", "Request id"]),
                .tag(.tbody, rows),
            ]),
        ])
    }

    static func headerRow(_ titles: [String]) -> HTMLNode {
        .tag(.thead, [.tag(.tr, titles.map { .tag(.th, attributes: [HTMLAttribute(.scope, "col")], [.text($0)]) })])
    }

    /// Returns the status whose colour a write outcome borrows.
    static func outcomeStatus(_ outcome: WriteRecord.Outcome) -> FindingStatus {
        switch outcome {
        case .done, .alreadyDone:
            .pass
        case .failed:
            .fail
        case .notAttempted:
            .unknown
        }
    }

    private static func outcomeBadge(_ write: WriteRecord) -> HTMLNode {
        .tag(.span, classes: [.badge, statusClass(outcomeStatus(write.outcome))], text: ReportLabels.outcome(of: write))
    }

    private static func writeRows(_ write: WriteRecord) -> [(String, String)] {
        var rows: [(String, String)] = []
        if let method = write.method {
            rows.append(("Graph request", "\(method) \(write.path ?? "")"))
        } else {
            rows.append(("Graph request", "none sent"))
        }
        if let status = write.status {
            rows.append(("HTTP status", String(status)))
        }
        if let requestId = write.requestId {
            rows.append(("Request id", requestId))
        }
        if let objectId = write.objectId {
            rows.append(("Object id", objectId))
        }
        if let message = write.message {
            rows.append(("Message", message))
        }
        return rows
    }
}
