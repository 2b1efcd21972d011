import Testing
@testable import ConsentDoctor

/// Checks the cleaning and escaping that every document renderer relies on.
struct ReportTextTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\n\nb", "a\n\nb"),
        ("a\tb", "a\tb"),
        ("\u{0}", "[U+0000]"),
        ("\u{1B}[31m", "[U+001B][31m"),
        ("\u{7F}", "[U+007F]"),
        ("\u{85}", "[U+0085]"),
        ("\u{202E}txt.exe", "[U+202E]txt.exe"),
        ("\u{2066}x\u{2069}", "[U+2066]x[U+2069]"),
        ("\u{200F}", "[U+200F]"),
        ("\u{2028}", "[U+2028]"),
        ("local\u{200B}host", "local[U+200B]host"),
        ("\u{200C}\u{200D}\u{2060}", "[U+200C][U+200D][U+2060]"),
        ("\u{FEFF}x", "[U+FEFF]x"),
        ("Zürich 東京 🙂", "Zürich 東京 🙂"),
        ("\u{FFFD}", "\u{FFFD}"),
    ])
    func sanitizerClean(input: String, expected: String) {
        #expect(ReportTextSanitizer.clean(input) == expected)
    }

    /// Swift rejects noncharacters in string literals, so these strings are built from scalars.
    @Test(arguments: [0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF] as [UInt32])
    func sanitizerNoncharacter(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let expected = "[U+\(String(value, radix: 16, uppercase: true))]"

        #expect(ReportTextSanitizer.clean("a" + String(scalar) + "b") == "a\(expected)b")
    }

    @Test
    func sanitizerSingleLine() {
        #expect(ReportTextSanitizer.cleanSingleLine("a\r\nb\nc") == "a b c")
    }

    @Test(arguments: [
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("\"", "&quot;"),
        ("'", "&#39;"),
        ("&amp;", "&amp;amp;"),
        ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        ("\u{202E}", "[U+202E]"),
    ])
    func htmlEscape(input: String, expected: String) {
        #expect(HTMLDocument.escape(input) == expected)
    }

    @Test
    func attributeValueEscaped() {
        let document = HTMLDocument(title: "t", body: [
            .tag(.p, attributes: [HTMLAttribute(.ariaLabel, "\" onmouseover=\"alert(1)")], [.text("x")]),
        ])

        #expect(document.serialized().contains("<p aria-label=\"&quot; onmouseover=&quot;alert(1)\">x</p>"))
    }

    @Test
    func doctypeFirst() {
        let html = HTMLDocument(title: "t", body: []).serialized()

        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test(arguments: [
        (SampleReports.checkHealthy, "No check failed and every check could run (5 checks in all)."),
        (SampleReports.checkProblems, "2 of 4 checks failed."),
        (SampleReports.checkIncomplete, "Nothing failed, but 2 of 3 checks could not run, so the tenant is not known to be healthy."),
        (SampleReports.explain, "Diagnosed 3 errors."),
        (SampleReports.explainNoError, "The input contains no recognisable sign-in error."),
    ])
    func verdictSentence(report: Report, expected: String) {
        #expect(ReportLabels.verdictSentence(report) == expected)
    }

    @Test
    func countsLine() {
        let verdict = Verdict(status: .problems, pass: 3, fail: 1, warning: 1, unknown: 0, info: 2)

        #expect(ReportLabels.countsLine(verdict) == "3 passed, 1 failed, 1 warning, 0 unknown, 2 info")
    }

    @Test
    func valueRowsSkipMissing() {
        let rows = ReportLabels.valueRows(ExtractedValues(code: .invalidResource, traceId: "t", message: ""))

        #expect(rows.map(\.label) == ["Code", "Trace ID"])
        #expect(rows.map(\.value) == ["AADSTS650057", "t"])
    }

    @Test
    func diagnosisTitleWithoutCode() {
        let diagnosis = Diagnosis(index: 1, form: .redisInsightLog, values: ExtractedValues(applicationErrorCode: 12400), summary: "s", cause: "c")

        #expect(ReportLabels.diagnosisTitle(diagnosis) == "Application error 12400")
    }
}
