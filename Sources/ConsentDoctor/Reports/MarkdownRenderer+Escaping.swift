extension MarkdownRenderer {
    /// ASCII punctuation that can start emphasis, code, links, raw HTML, autolinks, tables,
    /// strikethrough, headings or math in CommonMark and GitHub Flavored Markdown. Any ASCII
    /// punctuation may be backslash-escaped, so escaping these leaves the rendered text unchanged.
    private static let inlineMetacharacters: Set<Character> = [
        "\\", "`", "*", "_", "[", "]", "<", ">", "|", "&", "~", "#", "$", "!",
    ]

    /// Returns `text` as one line of literal Markdown text: unsafe characters cleaned, line breaks
    /// turned into spaces and every metacharacter backslash-escaped. Safe in table cells, headings
    /// and list items.
    ///
    /// It also escapes the `:` of `scheme://` and the dot of `www.`, because GitHub's extended
    /// autolinks would otherwise turn a URL from a paste into a link. E-mail addresses still
    /// become `mailto:` links there, and no escape prevents that.
    static func inline(_ text: String) -> String {
        let characters = Array(ReportTextSanitizer.cleanSingleLine(text))
        var result = ""
        for (index, character) in characters.enumerated() {
            if inlineMetacharacters.contains(character)
                || (character == ":" && startsURLAuthority(characters, after: index))
                || (character == "." && endsWorldWideWebPrefix(characters, at: index)) {
                result.append("\\")
            }
            result.append(character)
        }
        return result
    }

    /// Returns `text` as a table cell. An empty cell gets a space so the row keeps its columns.
    static func cell(_ text: String) -> String {
        let escaped = inline(text)
        return escaped.isEmpty ? " " : escaped
    }

    /// Returns `text` as literal Markdown that may span lines, for a paragraph or after a list
    /// marker. Each line is escaped like `inline`, and a character that would start a block
    /// (list item, heading underline, thematic break) at the start of a line is escaped too.
    /// Lines join with hard line breaks, so the value stays one paragraph, and continuation lines
    /// start with `indent` spaces, which keeps them inside a list item.
    static func paragraph(_ text: String, indent: Int = 0) -> String {
        let lines = ReportTextSanitizer.clean(text)
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.drop { $0 == " " || $0 == "\t" } }
            .filter { !$0.isEmpty }
            .map { escapeLineStart(inline(String($0))) }
        return lines.joined(separator: "\\\n" + String(repeating: " ", count: indent))
    }

    /// Returns `lines` as a fenced code block for a POSIX shell. The fence is one backtick longer
    /// than the longest backtick run in the content, so no line of the content can close it.
    static func fencedBlock(_ lines: [String], language: String = "sh") -> String {
        let content = ReportTextSanitizer.clean(lines.joined(separator: "\n"))
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: content) + 1))
        return "\(fence)\(language)\n\(content)\n\(fence)"
    }

    /// Returns a table with a header row and one row per entry, every cell escaped.
    static func table(header: [String], rows: [[String]]) -> String {
        var lines = ["| " + header.map(cell).joined(separator: " | ") + " |"]
        lines.append("|" + header.map { _ in " --- |" }.joined())
        for row in rows {
            lines.append("| " + row.map(cell).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// Returns whether the `:` at `index` is followed by `//`, as in `https://`.
    private static func startsURLAuthority(_ characters: [Character], after index: Int) -> Bool {
        index + 2 < characters.count && characters[index + 1] == "/" && characters[index + 2] == "/"
    }

    /// Returns whether the `.` at `index` ends a `www` that starts a word, as in `www.example.com`.
    private static func endsWorldWideWebPrefix(_ characters: [Character], at index: Int) -> Bool {
        guard index >= 3, String(characters[index - 3 ..< index]).lowercased() == "www" else {
            return false
        }
        return index == 3 || !(characters[index - 4].isLetter || characters[index - 4].isNumber)
    }

    private static func escapeLineStart(_ line: String) -> String {
        guard let first = line.first else {
            return line
        }
        if first == "-" || first == "+" || first == "=" {
            return "\\" + line
        }
        // An ordered list marker: up to nine digits followed by `.` or `)`.
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let next = line.dropFirst(digits.count).first
            if next == "." || next == ")" {
                return digits + "\\" + line.dropFirst(digits.count)
            }
        }
        return line
    }

    private static func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
