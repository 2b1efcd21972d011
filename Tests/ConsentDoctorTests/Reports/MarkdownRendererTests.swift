import Testing
@testable import ConsentDoctor

struct MarkdownRendererTests {
    static let hostileReports: [(name: String, report: Report)] = [
        ("check", HostileReports.check),
        ("explain", HostileReports.explain),
        ("metadata", HostileReports.checkWithHostileMetadata),
    ]

    /// Returns the lines outside fenced code blocks.
    static func linesOutsideFences(_ markdown: String) -> [String] {
        var result: [String] = []
        var openFence: String?
        for line in markdown.components(separatedBy: "\n") {
            if let fence = openFence {
                if line == fence {
                    openFence = nil
                }
                continue
            }
            if line.hasPrefix("```") {
                openFence = String(line.prefix { $0 == "`" })
                continue
            }
            result.append(line)
        }
        return result
    }

    /// Returns the positions of `character` in `line` that no backslash escapes.
    static func unescaped(_ character: Character, in line: String) -> Int {
        var count = 0
        var backslashes = 0
        for current in line {
            if current == character && backslashes % 2 == 0 {
                count += 1
            }
            backslashes = current == "\\" ? backslashes + 1 : 0
        }
        return count
    }

    // MARK: - Escaping

    @Test(arguments: [
        ("a|b", "a\\|b"),
        ("<script>", "\\<script\\>"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("`code`", "\\`code\\`"),
        ("*a* _b_", "\\*a\\* \\_b\\_"),
        ("line\nbreak", "line break"),
        ("back\\slash", "back\\\\slash"),
        ("&amp;", "\\&amp;"),
        ("\u{202E}x", "\\[U+202E\\]x"),
        ("https://example.invalid/a", "https\\://example.invalid/a"),
        ("see www.example.invalid", "see www\\.example.invalid"),
        ("WWW.example.invalid", "WWW\\.example.invalid"),
        ("awww.example", "awww.example"),
        ("09:14:02Z", "09:14:02Z"),
    ])
    func inlineEscaping(input: String, expected: String) {
        #expect(MarkdownRenderer.inline(input) == expected)
    }

    @Test(arguments: [
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("12) item", "12\\) item"),
        ("# heading", "\\# heading"),
        ("> quote", "\\> quote"),
        ("===", "\\==="),
        ("a\n---", "a\\\n\\---"),
        ("    indented", "indented"),
    ])
    func paragraphEscaping(input: String, expected: String) {
        #expect(MarkdownRenderer.paragraph(input) == expected)
    }

    @Test
    func fenceLongerThanContent() {
        let block = MarkdownRenderer.fencedBlock(["echo ```", "echo ````x"])

        #expect(block == "`````sh\necho ```\necho ````x\n`````")
    }

    @Test
    func fenceMinimumThree() {
        #expect(MarkdownRenderer.fencedBlock(["az login"]) == "```sh\naz login\n```")
    }

    @Test
    func emptyCellKeepsColumn() {
        let table = MarkdownRenderer.table(header: ["A", "B"], rows: [["", "x"]])

        #expect(table == "| A | B |\n| --- | --- |\n|   | x |")
    }

    // MARK: - Hostile reports

    @Test(arguments: hostileReports.map(\.name))
    func tablesKeepColumns(name: String) throws {
        let report = try #require(Self.hostileReports.first { $0.name == name }?.report)
        let lines = Self.linesOutsideFences(MarkdownRenderer.render(report))

        var columns: Int?
        for line in lines {
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            let pipes = Self.unescaped("|", in: line)
            if let columns {
                #expect(pipes == columns, "row has \(pipes - 1) columns: \(line.prefix(80))")
            } else {
                columns = pipes
            }
        }
    }

    @Test(arguments: hostileReports.map(\.name))
    func noRawMarkup(name: String) throws {
        let report = try #require(Self.hostileReports.first { $0.name == name }?.report)
        let lines = Self.linesOutsideFences(MarkdownRenderer.render(report))

        for line in lines {
            #expect(Self.unescaped("<", in: line) == 0, "raw < in: \(line.prefix(80))")
            #expect(Self.unescaped("[", in: line) == 0, "raw [ in: \(line.prefix(80))")
            #expect(Self.unescaped("`", in: line) == 0, "raw backtick in: \(line.prefix(80))")
            #expect(Self.unescaped("]", in: line) == 0, "raw ] in: \(line.prefix(80))")
            #expect(line.contains("](javascript:") == line.contains("\\](javascript:"), "link syntax in: \(line.prefix(80))")
        }
    }

    @Test(arguments: hostileReports.map(\.name))
    func noInjectedBlocks(name: String) throws {
        let report = try #require(Self.hostileReports.first { $0.name == name }?.report)
        let lines = Self.linesOutsideFences(MarkdownRenderer.render(report))

        for line in lines {
            let trimmed = line.drop { $0 == " " }
            for start in ["# heading", "- item", "1. ordered", "---"] {
                #expect(!trimmed.hasPrefix(start), "a value started a block: \(line.prefix(80))")
            }
            #expect(!line.hasPrefix("    "), "an indented code block: \(line.prefix(80))")
        }
    }

    @Test(arguments: hostileReports.map(\.name))
    func noControlCharacters(name: String) throws {
        let report = try #require(Self.hostileReports.first { $0.name == name }?.report)
        let markdown = MarkdownRenderer.render(report)

        let unsafe = markdown.unicodeScalars.filter { ReportTextSanitizer.isUnsafe($0) && $0 != "\n" }

        #expect(unsafe.isEmpty, "unsafe scalars: \(unsafe.map { String($0.value, radix: 16) })")
    }

    @Test
    func hostileCommandStaysInFence() {
        let markdown = MarkdownRenderer.render(HostileReports.check)
        let lines = markdown.components(separatedBy: "\n")
        let opening = lines.firstIndex { $0.hasPrefix("````sh") }

        #expect(opening != nil)
        if let opening {
            let content = ReportTextSanitizer.clean(HostileReports.value("report.command-line"))
            let contentLines = content.components(separatedBy: "\n").count
            #expect(lines[opening + 1 ..< opening + 1 + contentLines].joined(separator: "\n") == content)
            #expect(lines[opening + 1 + contentLines] == "````")
        }
    }

    // MARK: - Layout

    @Test
    func findingsTable() {
        let markdown = MarkdownRenderer.render(SampleReports.checkProblems)

        #expect(markdown.contains("| Status | Check | Detail |"))
        #expect(markdown.contains("| FAIL | Service principal for AzureRedisCacheAadApp |"))
    }

    @Test
    func verdictLine() {
        let markdown = MarkdownRenderer.render(SampleReports.checkIncomplete)

        #expect(markdown.contains("**Verdict: INCOMPLETE.** Nothing failed, but 2 of 3 checks could not run"))
    }

    @Test
    func diagnosisSections() {
        let markdown = MarkdownRenderer.render(SampleReports.explain)

        #expect(markdown.contains("## 1. AADSTS650057\n"))
        #expect(markdown.contains("## 2. AADSTS650052\n"))
        #expect(markdown.contains("## 3. AADSTS50011 InvalidReplyTo\n"))
        #expect(markdown.contains("| Tenant | \(SampleReports.tenant) |"))
    }
}
