import Foundation
import Testing
@testable import ConsentDoctor

/// Opens the rendered pages in headless Chromium: saves screenshots under
/// `.build/reports/screenshots/` for a person to look at, and checks the DOM the browser built.
///
/// Skipped when Chromium is missing; `make test` and CI install it.
@Suite(
    .serialized,
    .enabled(
        if: HeadlessChromium.executable != nil,
        "Chromium is not installed (looked at $CHROMIUM, /usr/bin/chromium and /usr/bin/chromium-browser), so the browser checks are skipped."
    )
)
struct HTMLBrowserTests {
    static let pages: [(name: String, report: Report)] = SampleReports.all + [
        ("hostile-metadata", HostileReports.checkWithHostileMetadata),
    ]

    static func write(_ report: Report, name: String) throws -> URL {
        let folder = HeadlessChromium.outputFolder.appendingPathComponent("test")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appendingPathComponent("\(name).html")
        try Data(HTMLRenderer.render(report).utf8).write(to: page)
        return page
    }

    @Test(arguments: pages.map(\.name))
    func screenshot(name: String) throws {
        let report = try #require(Self.pages.first { $0.name == name }?.report)
        let page = try Self.write(report, name: name)
        let folder = HeadlessChromium.outputFolder.appendingPathComponent("screenshots")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let image = folder.appendingPathComponent("\(name).png")
        try? FileManager.default.removeItem(at: image)

        try HeadlessChromium.screenshot(of: page, to: image)

        let bytes = try Data(contentsOf: image)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(bytes.count > 10_000)
    }

    @Test(arguments: pages.map(\.name))
    func browserDOM(name: String) throws {
        let report = try #require(Self.pages.first { $0.name == name }?.report)
        let page = try Self.write(report, name: name)

        let dom = try ParsedHTML.parse(HeadlessChromium.dumpDOM(of: page))
        let elements = [dom] + dom.descendants
        let elementNames = Set(elements.map(\.name))
        let attributeNames = Set(elements.flatMap { $0.attributes.map(\.name) })

        #expect(elementNames.isDisjoint(with: ["script", "img", "svg", "iframe", "a", "object", "embed", "link", "base", "form"]))
        #expect(!attributeNames.contains { $0.lowercased().hasPrefix("on") })
        #expect(elementNames.isSubset(of: HTMLDocument.allowedElementNames))
        #expect(attributeNames.isSubset(of: HTMLDocument.allowedAttributeNames))

        let verdict = try #require(dom.elements("section").first { $0.attribute("id") == "verdict" })
        #expect(verdict.textContent.contains(ReportLabels.verdict(report.verdict.status)))
        #expect(verdict.textContent.contains(ReportLabels.verdictSentence(report)))
    }

    @Test
    func hostileTextSurvives() throws {
        let page = try Self.write(HostileReports.check, name: "hostile-check-text")
        let dom = try ParsedHTML.parse(HeadlessChromium.dumpDOM(of: page))
        let texts = dom.textNodes

        for field in HostileReports.checkFieldNames {
            let expected = ReportTextSanitizer.clean(HostileReports.value(field))
            #expect(texts.contains { $0.contains(expected) }, "field \(field) is not shown as text")
        }
    }
}
