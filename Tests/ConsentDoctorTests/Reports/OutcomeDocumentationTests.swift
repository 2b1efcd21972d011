import ConsentDoctor
import Foundation
import Testing
import TestSupport

/// Checks that every word a report shows for a write's outcome is documented, with the JSON
/// value behind it.
struct OutcomeDocumentationTests {
    static let step = FixStep(kind: .createServicePrincipal, reason: "The service principal is missing.", appId: "acca5fbb-b7e4-4009-81f1-37e38fd66d78")

    /// One record per word the renderers can show, with the JSON `outcome` value it comes from.
    static let records: [(record: WriteRecord, json: String)] = [
        (WriteRecord(step: step, outcome: .done), "done"),
        (WriteRecord(step: step, outcome: .alreadyDone), "already-done"),
        (WriteRecord(step: step, outcome: .failed), "failed"),
        (WriteRecord(step: step, outcome: .failed, mayHaveBeenApplied: true), "failed"),
        (WriteRecord(step: step, outcome: .notAttempted), "not-attempted"),
    ]

    private func document(_ name: String) throws -> String {
        try String(contentsOf: PackagePaths.root.appendingPathComponent("docs/\(name)"), encoding: .utf8)
    }

    @Test func labelsCoverMaybeApplied() {
        let labels = Self.records.map { ReportLabels.outcome(of: $0.record) }
        #expect(labels == ["DONE", "ALREADY DONE", "FAILED", "MAYBE APPLIED", "NOT ATTEMPTED"])
    }

    @Test func fixDocumentListsEveryOutcome() throws {
        let text = try document("fix.md")
        for (record, json) in Self.records {
            let label = ReportLabels.outcome(of: record)
            #expect(text.contains("| `\(label)` | `\(json)`"), "\(label)")
        }
        #expect(text.contains("| `MAYBE APPLIED` | `failed`, with `\"mayHaveBeenApplied\": true` |"))
    }

    @Test func reportsDocumentListsEveryWord() throws {
        let text = try document("reports.md")
        for (record, json) in Self.records {
            #expect(text.contains("`\(ReportLabels.outcome(of: record))`"), "\(json)")
            #expect(text.contains("`\(json)`"), "\(json)")
        }
    }

    @Test func schemaNamesMaybeApplied() throws {
        let text = try document("report-schema.json")
        #expect(text.contains("MAYBE APPLIED"))
    }
}
