extension TextRenderer {
    /// Renders `check` and `fix` reports: verdict, findings, then the plan.
    static func renderFindings(_ report: Report, style: inout TextStyle) -> String {
        // Placeholder until the check text layout lands.
        report.findings.map { "[\($0.status.rawValue)] \($0.title)" }.joined(separator: "\n") + "\n"
    }
}
