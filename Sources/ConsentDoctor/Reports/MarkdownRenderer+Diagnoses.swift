extension MarkdownRenderer {
    /// Returns one section per diagnosed error, for `explain`.
    static func diagnosisBlocks(_ report: Report) -> [String] {
        guard !report.diagnoses.isEmpty else {
            return ["## Diagnoses", "No AADSTS code or known application error was found in the input."]
        }
        return report.diagnoses.flatMap(diagnosisBlock)
    }

    static func diagnosisBlock(_ diagnosis: Diagnosis) -> [String] {
        var blocks = ["## \(diagnosis.index). \(inline(ReportLabels.diagnosisTitle(diagnosis)))"]

        var facts: [String] = []
        if let fixer = ReportLabels.fixer(diagnosis) {
            facts.append("**Who fixes it:** \(inline(fixer))")
        }
        if let category = diagnosis.codeEntry?.category {
            facts.append("**Category:** \(inline(category.rawValue))")
        }
        facts.append("**Found in:** \(inline(ReportLabels.source(diagnosis)))")
        if let profileId = diagnosis.profileId {
            facts.append("**App profile:** \(inline(profileId))")
        }
        blocks.append(facts.joined(separator: "\\\n"))

        blocks.append("**What is wrong:** " + paragraph(diagnosis.summary))
        blocks.append("**Why:** " + paragraph(diagnosis.cause))

        let rows = ReportLabels.valueRows(diagnosis.values)
        if !rows.isEmpty {
            blocks.append("### Values from the paste")
            blocks.append(table(header: ["Value", "Text"], rows: rows.map { [$0.label, $0.value] }))
        }
        if !diagnosis.remediation.isEmpty {
            blocks.append("### What to do")
            let steps = diagnosis.remediation.enumerated().map { offset, step in
                "\(offset + 1). \(paragraph(step, indent: 3))"
            }
            blocks.append(steps.joined(separator: "\n"))
        }
        if !diagnosis.commands.isEmpty {
            blocks.append("### Commands")
            blocks.append(fencedBlock(diagnosis.commands))
        }
        if let url = diagnosis.adminConsentURL {
            blocks.append("Admin consent in the browser: \(inline(url))")
        }
        if let warnings = diagnosis.plan?.warnings, !warnings.isEmpty {
            blocks.append("### Warnings")
            blocks.append(bulletList(warnings))
        }
        if !diagnosis.notes.isEmpty {
            blocks.append("### Notes")
            blocks.append(bulletList(diagnosis.notes))
        }
        if let url = diagnosis.errorPageURL {
            blocks.append("Error page: \(inline(url))")
        }
        return blocks
    }
}
