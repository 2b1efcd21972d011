/// Masks personal and tenant-identifying values in a report before it is rendered.
public enum ReportRedactor {
    /// Returns a copy of `report` with sensitive values replaced by placeholders.
    public static func redact(_ report: Report) -> Report {
        // NOTE: placeholder that masks nothing yet; the masking rules land with `explain`.
        report
    }
}
