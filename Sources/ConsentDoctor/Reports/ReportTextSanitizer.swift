/// A cleaner for report values that are shown as text in any document format.
///
/// Values in a report come from pastes and from Graph responses, so they may contain control
/// characters and Unicode direction overrides that hide or reorder what a reader sees. Swift
/// strings are always valid Unicode (invalid UTF-8 has already become U+FFFD when the paste was
/// decoded), so what remains to handle is characters that are valid but unsafe to display.
public enum ReportTextSanitizer {
    /// Returns `text` with line breaks normalised to `\n` and every other control character,
    /// direction override and noncharacter replaced by a visible `[U+XXXX]` marker.
    ///
    /// Tabs are kept. The marker names the code point, so a support engineer can still see that
    /// the original value carried it.
    public static func clean(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previousWasCarriageReturn = false

        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }

            switch scalar {
            case "\r":
                result.append("\n")
            case "\n":
                // A "\r\n" pair has already produced its line break.
                if !previousWasCarriageReturn {
                    result.append("\n")
                }
            case "\t":
                result.append(scalar)
            default:
                if isUnsafe(scalar) {
                    result.append(contentsOf: marker(for: scalar).unicodeScalars)
                } else {
                    result.append(scalar)
                }
            }
        }
        return String(result)
    }

    /// Returns `clean(text)` with every line break replaced by a space, for one-line contexts
    /// such as table cells and headings.
    public static func cleanSingleLine(_ text: String) -> String {
        clean(text).replacingOccurrences(of: "\n", with: " ")
    }

    /// Returns whether a scalar must not reach a reader as itself: C0 and C1 controls, DEL, the
    /// bidirectional formatting characters, zero-width characters and the byte-order mark, line
    /// and paragraph separators, and noncharacters.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x00...0x1F, 0x7F...0x9F:
            return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            return true
        case 0x200B...0x200D, 0x2060, 0xFEFF:
            // Zero-width space, non-joiner and joiner, word joiner, and the zero-width no-break
            // space (byte-order mark): invisible, so `local\u{200B}host` would read as `localhost`.
            return true
        case 0x2028, 0x2029:
            return true
        case 0xFDD0...0xFDEF:
            return true
        default:
            // U+FFFE, U+FFFF and the last two code points of every plane are noncharacters.
            return value & 0xFFFE == 0xFFFE
        }
    }

    private static func marker(for scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return "[U+\(padded)]"
    }
}
