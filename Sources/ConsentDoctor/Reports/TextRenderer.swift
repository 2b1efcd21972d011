/// Renders a report for a terminal: plain text, with ANSI colour only when `RenderOptions.color` is set.
public enum TextRenderer {
    public static func render(_ report: Report, options: RenderOptions) -> String {
        var style = TextStyle(color: options.color)
        switch report.command {
        case .explain:
            return renderDiagnoses(report, style: &style)
        case .check, .fix:
            return renderFindings(report, style: &style)
        }
    }
}

/// ANSI styling that turns into plain text when colour is off.
public struct TextStyle: Sendable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func blue(_ text: String) -> String { wrap(text, "34") }
    public func dim(_ text: String) -> String { wrap(text, "2") }

    private func wrap(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
