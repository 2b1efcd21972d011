import Foundation
import Testing
import TestSupport
@testable import ConsentDoctor

/// Compares the Markdown and JSON of every sample report with the files in `Fixtures/golden/`.
///
/// After an intended change to a renderer, rewrite the files and review the diff:
///
///     UPDATE_GOLDEN=1 swift test --filter GoldenFileTests
struct GoldenFileTests {
    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"

    @Test(arguments: SampleReports.all.map(\.name))
    func markdown(name: String) throws {
        let report = try #require(SampleReports.all.first { $0.name == name }?.report)
        try Self.compare(MarkdownRenderer.render(report), with: "golden/\(name).md")
    }

    @Test(arguments: SampleReports.all.map(\.name))
    func json(name: String) throws {
        let report = try #require(SampleReports.all.first { $0.name == name }?.report)
        try Self.compare(JSONRenderer.render(report), with: "golden/\(name).json")
    }

    /// Expects `actual` to equal the golden file, or rewrites the file when `UPDATE_GOLDEN=1`.
    static func compare(_ actual: String, with relativePath: String) throws {
        let url = PackagePaths.fixture(relativePath)
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }

        let expected = try PackagePaths.fixtureText(relativePath)
        guard actual != expected else {
            return
        }
        let actualLines = actual.components(separatedBy: "\n")
        let expectedLines = expected.components(separatedBy: "\n")
        let firstDifference = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        let expectedLine = firstDifference < expectedLines.count ? expectedLines[firstDifference] : "(end of file)"
        let actualLine = firstDifference < actualLines.count ? actualLines[firstDifference] : "(end of output)"
        Issue.record("""
            \(relativePath) differs at line \(firstDifference + 1). \
            Run UPDATE_GOLDEN=1 swift test --filter GoldenFileTests to rewrite it if the change is intended.
            expected: \(expectedLine)
            actual:   \(actualLine)
            """)
    }
}
