/// The one-line form in which text from Graph, a paste, a file or an argument reaches a terminal.
public enum TerminalText {
    /// Returns `text` on one line, as `ReportTextSanitizer.cleanSingleLine` does. Each line break
    /// (CR, LF or CR LF) becomes a space, tabs stay, and every other control character, direction
    /// override, invisible character or noncharacter becomes a visible `[U+XXXX]` marker. So a
    /// value cannot move the cursor, change colours, reorder the displayed text or start a line.
    public static func safe(_ text: String) -> String {
        ReportTextSanitizer.cleanSingleLine(text)
    }
}
