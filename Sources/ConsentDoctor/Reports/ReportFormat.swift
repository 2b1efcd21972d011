/// The output formats every command supports.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json
    case markdown
    case html
}

/// Options that affect how a report is rendered.
public struct RenderOptions: Sendable {
    /// Whether to use ANSI colour in text output. Callers set it only for a terminal without `NO_COLOR`.
    public var color: Bool

    public init(color: Bool = false) {
        self.color = color
    }
}

/// Renders a report in any format. Every renderer is a pure function of the report.
public enum ReportRenderer {
    /// Returns the report as text in `format`, ending with a newline.
    public static func render(_ report: Report, format: ReportFormat, options: RenderOptions = RenderOptions()) -> String {
        switch format {
        case .text:
            return TextRenderer.render(report, options: options)
        case .json:
            return JSONRenderer.render(report)
        case .markdown:
            return MarkdownRenderer.render(report)
        case .html:
            return HTMLRenderer.render(report)
        }
    }
}
