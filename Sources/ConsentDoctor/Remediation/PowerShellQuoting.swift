/// PowerShell quoting for values placed in generated scripts.
public enum PowerShellQuoting {
    /// The characters PowerShell accepts as a single quote: the ASCII apostrophe and the
    /// typographic quotes U+2018, U+2019, U+201A and U+201B.
    static let singleQuotes: Set<Unicode.Scalar> = ["\u{27}", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]

    /// Returns `value` as a verbatim (single-quoted) string literal. Inside one, PowerShell
    /// expands nothing, and a quote character is written twice.
    public static func quote(_ value: String) -> String {
        var result = "'"
        for scalar in value.unicodeScalars {
            result.unicodeScalars.append(scalar)
            if singleQuotes.contains(scalar) {
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "'"
    }
}
