extension HTMLRenderer {
    /// Returns the diagnoses heading and one section per diagnosed error, for `explain`.
    static func diagnosisSections(_ report: Report) -> [HTMLNode] {
        guard !report.diagnoses.isEmpty else {
            return [.tag(.section, attributes: [HTMLAttribute(.id, "diagnoses")], [
                .tag(.h2, text: "Diagnoses"),
                .tag(.p, classes: [.muted], text: "No AADSTS code or known application error was found in the input."),
            ])]
        }

        let sections = report.diagnoses.map(diagnosisSection)
        return [.tag(.section, attributes: [HTMLAttribute(.id, "diagnoses")], [.tag(.h2, text: "Diagnoses")] + sections)]
    }

    static func diagnosisSection(_ diagnosis: Diagnosis) -> HTMLNode {
        var children: [HTMLNode] = [
            .tag(.h3, text: "\(diagnosis.index). \(ReportLabels.diagnosisTitle(diagnosis))"),
        ]

        var facts: [(String, String)] = []
        if let fixer = ReportLabels.fixer(diagnosis) {
            facts.append(("Who fixes it", fixer))
        }
        if let category = diagnosis.codeEntry?.category {
            facts.append(("Category", category.rawValue))
        }
        facts.append(("Found in", ReportLabels.source(diagnosis)))
        if let profileId = diagnosis.profileId {
            facts.append(("App profile", profileId))
        }
        children.append(definitionList(facts))

        children.append(.tag(.p, classes: [.detail], [.tag(.strong, text: "What is wrong: "), .text(diagnosis.summary)]))
        children.append(.tag(.p, [.tag(.strong, text: "Why: "), .text(diagnosis.cause)]))

        let rows = ReportLabels.valueRows(diagnosis.values)
        if !rows.isEmpty {
            children.append(.tag(.h3, text: "Values from the paste"))
            children.append(valuesTable(rows))
        }
        if !diagnosis.remediation.isEmpty {
            children.append(.tag(.h3, text: "What to do"))
            children.append(.tag(.ol, diagnosis.remediation.map { .tag(.li, text: $0) }))
        }
        if !diagnosis.commands.isEmpty {
            children.append(.tag(.h3, text: "Commands"))
            children.append(commandBlock(diagnosis.commands))
        }
        if let url = diagnosis.adminConsentURL {
            // Shown as text, never as a link, like every URL in the report.
            children.append(.tag(.p, [.tag(.strong, text: "Admin consent in the browser: "), .tag(.code, classes: [.url], text: url)]))
        }
        if let warnings = diagnosis.plan?.warnings, !warnings.isEmpty {
            children.append(.tag(.h3, text: "Warnings"))
            children.append(.tag(.ul, classes: [.warnings], warnings.map { .tag(.li, text: $0) }))
        }
        if !diagnosis.notes.isEmpty {
            children.append(.tag(.h3, text: "Notes"))
            children.append(.tag(.ul, diagnosis.notes.map { .tag(.li, text: $0) }))
        }
        if let url = diagnosis.errorPageURL {
            // Shown as text, never as a link: the value may come from the paste.
            children.append(.tag(.p, [.tag(.strong, text: "Error page: "), .tag(.code, classes: [.url], text: url)]))
        }

        return .tag(
            .section,
            classes: [.diagnosis],
            attributes: [HTMLAttribute(.id, "diagnosis-\(diagnosis.index)")],
            children
        )
    }

    static func valuesTable(_ rows: [(label: String, value: String)]) -> HTMLNode {
        let tableRows = rows.map { row in
            HTMLNode.tag(.tr, [
                .tag(.th, attributes: [HTMLAttribute(.scope, "row")], [.text(row.label)]),
                .tag(.td, [.tag(.code, text: row.value)]),
            ])
        }
        return .tag(.table, classes: [.values], attributes: [HTMLAttribute(.ariaLabel, "Values from the paste")], [.tag(.tbody, tableRows)])
    }
}
