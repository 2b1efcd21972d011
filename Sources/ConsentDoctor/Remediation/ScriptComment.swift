/// Comment lines for emitted scripts. Bash and PowerShell both end a `#` comment at the end of
/// the line, so a value inside a comment is harmless once nothing in it can start a new line.
enum ScriptComment {
    /// The column comments wrap at.
    static let width = 100

    /// Returns `text` as lines that start with `prefix` (such as `# `), wrapped between words at
    /// `width` columns. A word longer than a line, such as a command, stays whole.
    static func lines(_ text: String, prefix: String = "# ", width: Int = width) -> [String] {
        let words = clean(text).split(separator: " ", omittingEmptySubsequences: true)
        var lines: [String] = []
        var current = ""
        for word in words {
            if current.isEmpty {
                current = String(word)
            } else if prefix.count + current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(prefix + current)
                current = String(word)
            }
        }
        if !current.isEmpty {
            lines.append(prefix + current)
        }
        return lines
    }

    /// Returns `text` with every control character, line or paragraph separator and invisible
    /// formatting character (such as a bidirectional override) replaced by a space, so the text
    /// stays on one line and reads as it is.
    static func clean(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
                result.append(" ")
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
