import ConsentDoctor

/// Renders `--help` text for commands and for the tool.
enum HelpRenderer {
    static func commandHelp(_ spec: CommandSpec) -> String {
        var lines: [String] = []
        lines.append("\(ToolName.value) \(spec.name): \(spec.abstract)")
        lines.append("")
        lines.append("Usage:")
        for usage in spec.usage {
            lines.append("  \(ToolName.value) \(usage)")
        }
        if !spec.discussion.isEmpty {
            lines.append("")
            lines.append(spec.discussion)
        }
        lines.append("")
        lines.append("Options:")
        let allOptions = spec.options + [OptionSpec(names: ["--help", "-h"], valueName: nil, help: "Show this help.")]
        let labels = allOptions.map(optionLabel)
        let width = min(32, labels.map(\.count).max() ?? 0)
        for (option, label) in zip(allOptions, labels) {
            let padding = label.count < width ? String(repeating: " ", count: width - label.count) : ""
            let helpLines = TextRenderer.wrapLine(option.help, width: 100 - width - 4)
            if label.count > width {
                lines.append("  \(label)")
                for line in helpLines {
                    lines.append("  \(String(repeating: " ", count: width))  \(line)")
                }
            } else {
                lines.append("  \(label)\(padding)  \(helpLines.first ?? "")")
                for line in helpLines.dropFirst() {
                    lines.append("  \(String(repeating: " ", count: width))  \(line)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func optionLabel(_ option: OptionSpec) -> String {
        let names = option.names.joined(separator: ", ")
        guard let valueName = option.valueName else {
            return names
        }
        return "\(names) \(valueName)"
    }
}

enum ToolName {
    static let value = "consent-doctor"
}
