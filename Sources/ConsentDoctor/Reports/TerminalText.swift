/// Makes text from Graph or a paste safe to print on a terminal.
public enum TerminalText {
    /// Returns `text` with every control character and every bidirectional override written as
    /// a visible `\u{…}` escape, so a display name cannot move the cursor, change colours or
    /// reorder the displayed text.
    public static func safe(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F:
            // C0 and C1 controls, including newline, tab and ESC.
            return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            // Directional marks, embeddings, overrides and isolates.
            return true
        default:
            return false
        }
    }
}
