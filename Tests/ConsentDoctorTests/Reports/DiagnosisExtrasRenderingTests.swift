import Testing
@testable import ConsentDoctor

/// Checks that every format shows a diagnosis's repeat count, admin consent URL and notes.
struct DiagnosisExtrasRenderingTests {
    static let diagnosis: Diagnosis = {
        var diagnosis = SampleReports.everyField.diagnoses[0]
        diagnosis.repeatCount = 3
        diagnosis.notes = ["The client appId in the paste is not a GUID."]
        diagnosis.adminConsentURL = "https://login.microsoftonline.com/contoso.example/adminconsent?client_id=61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"
        return diagnosis
    }()

    static let report = Report(
        command: .explain,
        generatedAt: "2026-12-04T20:17:05Z",
        verdict: Verdict(status: .diagnosed),
        diagnoses: [diagnosis]
    )

    @Test(arguments: [ReportFormat.text, .markdown, .html])
    func extrasAppear(format: ReportFormat) {
        let rendered = ReportRenderer.render(Self.report, format: format)

        #expect(rendered.contains("seen 3 times"))
        #expect(rendered.contains("adminconsent"))
        #expect(rendered.contains("The client appId in the paste is not a GUID."))
    }
}

/// Checks that a write with no definite answer is not labelled as a plain failure.
struct UncertainWriteRenderingTests {
    @Test(arguments: [ReportFormat.text, .markdown, .html])
    func uncertainWriteIsLabelled(format: ReportFormat) {
        let rendered = ReportRenderer.render(SampleReports.everyField, format: format)

        #expect(rendered.contains("MAYBE APPLIED"))
    }
}
