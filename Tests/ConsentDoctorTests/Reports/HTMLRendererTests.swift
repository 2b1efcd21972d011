import Testing
@testable import ConsentDoctor

/// Parses every rendered page with libxml2 and checks its structure and that no report value
/// turned into markup.
struct HTMLRendererTests {
    static let sampleNames = SampleReports.all.map(\.name) + ["hostile-metadata"]

    static func report(named name: String) throws -> Report {
        if name == "hostile-metadata" {
            return HostileReports.checkWithHostileMetadata
        }
        return try #require(SampleReports.all.first { $0.name == name }?.report)
    }

    static func parsed(_ report: Report) throws -> ParsedElement {
        try ParsedHTML.parse(HTMLRenderer.render(report))
    }

    // MARK: - Structure

    @Test(arguments: sampleNames)
    func verdictSectionFirst(name: String) throws {
        let report = try Self.report(named: name)
        let root = try Self.parsed(report)
        let main = try #require(root.elements("main").first)
        let first = try #require(main.childElements.first)

        #expect(first.name == "section")
        #expect(first.attribute("id") == "verdict")
        #expect(first.textContent.contains(ReportLabels.verdict(report.verdict.status)))
    }

    @Test(arguments: sampleNames)
    func bodyLayout(name: String) throws {
        let root = try Self.parsed(Self.report(named: name))
        let body = try #require(root.elements("body").first)

        #expect(root.name == "html")
        #expect(body.childElements.map(\.name) == ["header", "main", "footer"])
    }

    @Test(arguments: ["check-healthy", "check-problems", "check-incomplete", "fix-writes", "hostile-check"])
    func sectionPerFinding(name: String) throws {
        let report = try Self.report(named: name)
        let root = try Self.parsed(report)
        let sections = root.elements("section", withClass: "finding")

        #expect(sections.count == report.findings.count)
        for (section, finding) in zip(sections, report.findings) {
            let badge = try #require(section.elements("span", withClass: "badge").first)
            #expect(badge.textContent == ReportLabels.status(finding.status))
            #expect(section.classes.contains("status-\(finding.status.rawValue)"))
        }
    }

    @Test(arguments: ["explain-three-errors", "hostile-explain"])
    func sectionPerDiagnosis(name: String) throws {
        let report = try Self.report(named: name)
        let root = try Self.parsed(report)
        let sections = root.elements("section", withClass: "diagnosis")

        #expect(sections.count == report.diagnoses.count)
        for (section, diagnosis) in zip(sections, report.diagnoses) {
            let heading = try #require(section.elements("h3").first)
            #expect(heading.textContent.hasPrefix("\(diagnosis.index). "))
            let commands = section.elements("pre").map(\.textContent)
            #expect(commands == [ReportTextSanitizer.clean(diagnosis.commands.joined(separator: "\n"))])
        }
    }

    @Test
    func explainShowsValues() throws {
        let root = try Self.parsed(SampleReports.explain)
        let second = try #require(root.elements("section", withClass: "diagnosis").dropFirst().first)
        let cells = second.elements("td").map(\.textContent)

        #expect(cells.contains(SampleReports.tenant))
        #expect(cells.contains("1e9a7c34-6d2b-4f80-b5e1-93a0c8d7f612"))
        #expect(cells.contains("0b6d8e2f-a4c1-4d37-9e58-f12a7b3c9d04"))
        #expect(cells.contains("2026-10-02 16:41:55Z"))
        #expect(second.textContent.contains("a tenant administrator"))
    }

    @Test
    func explainCounts() throws {
        let root = try Self.parsed(SampleReports.explain)
        let verdict = try #require(root.elements("section").first { $0.attribute("id") == "verdict" })

        #expect(verdict.textContent.contains("Diagnosed 3 errors."))
    }

    @Test
    func commandsInPreCode() throws {
        let report = SampleReports.checkProblems
        let root = try Self.parsed(report)
        let section = try #require(root.elements("section").first { $0.attribute("id") == "commands" })
        let pre = try #require(section.elements("pre").first)

        #expect(pre.childElements.map(\.name) == ["code"])
        #expect(pre.textContent == report.commands.joined(separator: "\n"))
    }

    @Test
    func sectionOrder() throws {
        let root = try Self.parsed(SampleReports.fixWrites)
        let main = try #require(root.elements("main").first)
        let ids = main.childElements.compactMap { $0.attribute("id") }

        #expect(ids == ["verdict", "findings", "plan", "writes"])
    }

    @Test
    func planWarnings() throws {
        let root = try Self.parsed(SampleReports.checkProblems)
        let warnings = try #require(root.elements("section", withClass: "warnings").first)

        #expect(warnings.elements("li").count == 1)
        #expect(warnings.textContent.contains("per-user grants"))
    }

    @Test
    func writeOutcomes() throws {
        let root = try Self.parsed(SampleReports.fixWrites)
        let writes = try #require(root.elements("section", withClass: "writes").first)
        let badges = writes.elements("span", withClass: "badge").map(\.textContent)

        #expect(badges == ["DONE", "ALREADY DONE", "FAILED", "NOT ATTEMPTED"])
    }

    @Test
    func footerMetadata() throws {
        let report = SampleReports.checkIncomplete
        let root = try Self.parsed(report)
        let footer = try #require(root.elements("footer").first)
        let descriptions = footer.elements("dd").map(\.textContent)

        #expect(descriptions.contains("contoso.onmicrosoft.com"))
        #expect(descriptions.contains("AzureUSGovernment"))
        #expect(descriptions.contains("consent-doctor \(ToolInfo.version)"))
        #expect(descriptions.contains(SampleReports.generatedAt))
    }

    @Test
    func unknownReasonShown() throws {
        let root = try Self.parsed(SampleReports.checkIncomplete)
        let reasons = root.elements("p", withClass: "reason").map(\.textContent)

        #expect(reasons.count == 2)
        #expect(reasons.first?.contains("403 Authorization_RequestDenied") == true)
    }

    @Test
    func securityMetadata() throws {
        let root = try Self.parsed(SampleReports.checkHealthy)
        let metas = root.elements("meta")
        let policy = metas.first { $0.attribute("http-equiv") == "Content-Security-Policy" }
        let referrer = metas.first { $0.attribute("name") == "referrer" }

        #expect(policy?.attribute("content") == HTMLDocument.contentSecurityPolicy)
        #expect(referrer?.attribute("content") == "no-referrer")
        #expect(root.elements("meta").first?.attribute("charset") == "utf-8")
    }

    // MARK: - Safety

    @Test(arguments: sampleNames)
    func onlyFixedVocabulary(name: String) throws {
        let root = try Self.parsed(Self.report(named: name))
        let elements = [root] + root.descendants
        let elementNames = Set(elements.map(\.name))
        let attributeNames = Set(elements.flatMap { $0.attributes.map(\.name) })

        #expect(elementNames.isSubset(of: HTMLDocument.allowedElementNames))
        #expect(attributeNames.isSubset(of: HTMLDocument.allowedAttributeNames))
        #expect(elementNames.isDisjoint(with: ["script", "iframe", "img", "svg", "object", "embed", "a", "link", "form", "base"]))
        #expect(!attributeNames.contains { $0.lowercased().hasPrefix("on") })
        #expect(attributeNames.isDisjoint(with: ["href", "src", "style", "srcdoc", "action"]))
    }

    @Test(arguments: sampleNames)
    func oneStyleElement(name: String) throws {
        let root = try Self.parsed(Self.report(named: name))
        let styles = root.elements("style")

        #expect(styles.count == 1)
        #expect(styles.first?.textContent == "\n" + HTMLStyleSheet.css)
    }

    @Test(arguments: HostileReports.checkFieldNames + ["report.schemaVersion", "report.toolName", "report.toolVersion", "report.generatedAt"])
    func hostileCheckFieldIsText(field: String) throws {
        let root = try Self.parsed(HostileReports.checkWithHostileMetadata)
        let expected = ReportTextSanitizer.clean(HostileReports.value(field))

        #expect(root.textNodes.contains { $0.contains(expected) })
    }

    @Test(arguments: HostileReports.explainFieldNames)
    func hostileExplainFieldIsText(field: String) throws {
        let root = try Self.parsed(HostileReports.explain)
        let expected = ReportTextSanitizer.clean(HostileReports.value(field))

        #expect(root.textNodes.contains { $0.contains(expected) })
    }

    @Test(arguments: ["hostile-metadata", "hostile-explain"])
    func hostileMarkupEscaped(name: String) throws {
        let html = HTMLRenderer.render(try Self.report(named: name))

        for tag in ["<script", "<img", "<svg", "<iframe", "<a ", "<b ", "<link", "</pre></code>", "</style><style>"] {
            #expect(!html.contains(tag), "raw \(tag) in the page")
        }
        #expect(!html.contains("\u{202E}"))
        #expect(!html.contains("\u{1B}"))
        #expect(!html.contains("\u{0}"))
    }

    @Test
    func titleEscaped() throws {
        let report = HostileReports.checkWithHostileMetadata
        let html = HTMLRenderer.render(report)
        let rawTitle = try #require(html.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first)
        let title = try #require(try ParsedHTML.parse(html).elements("title").first)

        #expect(!rawTitle.contains("<"))
        #expect(!rawTitle.contains(">"))
        #expect(!rawTitle.contains("\""))
        #expect(title.textContent == ReportTextSanitizer.clean("\(report.toolName) fix report: PROBLEMS"))
    }

    @Test
    func styleSheetLoadsNothing() {
        let css = HTMLStyleSheet.css.lowercased()

        #expect(!css.contains("url("))
        #expect(!css.contains("@import"))
        #expect(!css.contains("@font-face"))
        #expect(!css.contains("</"))
        #expect(css.contains("@media print"))
    }

    @Test
    func noLoadingMarkup() {
        for (name, report) in SampleReports.all where !name.hasPrefix("hostile") {
            let html = HTMLRenderer.render(report)
            #expect(!html.contains("<link"))
            #expect(!html.contains(" src="))
            #expect(!html.contains(" href="))
            #expect(!html.contains("<script"))
        }
    }
}
