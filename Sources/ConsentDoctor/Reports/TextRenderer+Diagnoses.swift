extension TextRenderer {
    /// Renders `explain` reports: one block per diagnosis.
    static func renderDiagnoses(_ report: Report, style: inout TextStyle) -> String {
        // Placeholder until the explain text layout lands.
        report.diagnoses.map { "\($0.values.code?.description ?? "unknown"): \($0.summary)" }.joined(separator: "\n") + "\n"
    }
}
