/// Renders a report as Markdown for tickets.
public enum MarkdownRenderer {
    public static func render(_ report: Report) -> String {
        // Placeholder until the Markdown layout lands.
        "# consent-doctor \(report.command.rawValue) report\n"
    }
}
