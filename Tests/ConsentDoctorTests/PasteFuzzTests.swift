import Testing
@testable import ConsentDoctor

/// Random mixtures of the fragments the reader reacts to, to show that no input crashes it.
struct PasteFuzzTests {
    private static let fragments = [
        "AADSTS", "AADSTS650057", "AADSTS50011: ", "(AADSTS650052)", ":+", "%3a", "%", "%0d%0a", "\r\n", "\n", "\"", "\\\"",
        "\\u00", "\\", "'", "error_description=", "?error=invalid_client&", "#", "{", "}", "[", "]", "<div>", "<script>$Config={",
        "Trace ID: ", "Correlation Id: ", "Request Id: 11111111-2222-4333-8444-555555555555", "Timestamp: 2026-01-01T00:00:00Z",
        "Failed to get token for x.", "errorCode\":12400", "Failed to get authenticated client", "Insufficient privileges to complete the operation",
        "Client app ID: ", "(", ")", "organization '", "é", "\u{202E}", "\u{1B}[31m", "😀", " ", "redirect URI '", "http://[::1]:5540/",
    ]

    @Test func randomMixturesNeverCrash() {
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                text += Self.fragments[Int.random(in: 0..<Self.fragments.count, using: &generator)]
            }
            var bytes = Array(text.utf8)
            if Bool.random(using: &generator), !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0x80...0xFF, using: &generator)
            }
            let reading = PasteReader.read(bytes: bytes)
            let report = ExplainReport.make(reading: reading, options: ExplainOptions(), generatedAt: "2026-01-01T00:00:00Z")
            _ = TextRenderer.render(ReportRedactor.redact(report), options: RenderOptions(color: false))
            for diagnosis in report.diagnoses {
                #expect(diagnosis.commands.allSatisfy { !$0.contains("\n") })
            }
        }
    }
}
