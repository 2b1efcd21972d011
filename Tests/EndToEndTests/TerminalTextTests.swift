import Foundation
import Testing
import TestSupport

/// Values with control characters, direction overrides and line breaks reach the terminal in one
/// form: a line break becomes a space and everything else unsafe becomes `[U+XXXX]`, in reports,
/// error messages and logs alike.
struct TerminalTextTests {
    typealias C = CheckRun

    /// Characters that must never reach the terminal as themselves in these tests.
    private func expectNoRawControls(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let unsafe = text.unicodeScalars.filter { [0x07, 0x0D, 0x1B, 0x202E].contains($0.value) }
        #expect(unsafe.isEmpty, sourceLocation: sourceLocation)
        #expect(!text.contains("\\u{"), sourceLocation: sourceLocation)
    }

    @Test func snapshotDisplayNameMarked() throws {
        let folder = try PackagePaths.scratchFolder("terminal-text")
        let saved = folder.appendingPathComponent("saved.json")
        let save = try C.run(["check", "--az-output", PackagePaths.fixture("az-output/10-sp-show-client.json").path, "--save-snapshot", saved.path])
        #expect(save.status == 1)

        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: saved)) as? [String: Any])
        var principals = try #require(object["servicePrincipals"] as? [String: Any])
        var client = try #require(principals[C.clientAppId] as? [String: Any])
        var value = try #require(client["value"] as? [String: Any])
        value["displayName"] = "Redis\u{202E}\nInsight\u{1B}[2J"
        client["value"] = value
        principals[C.clientAppId] = client
        object["servicePrincipals"] = principals
        let edited = folder.appendingPathComponent("edited.json")
        try JSONSerialization.data(withJSONObject: object).write(to: edited)

        let result = try C.run(["check", "--snapshot", edited.path])

        #expect(result.status == 1)
        #expect(result.standardOutput.contains("Redis[U+202E] Insight[U+001B][2J"))
        expectNoRawControls(result.standardOutput)
    }

    @Test func errorMessageStaysOnOneLine() throws {
        let result = try C.run(["explain", "--format", "text\r\nError: forged\u{1B}]0;title\u{7}"])

        #expect(result.status == 64)
        let firstLine = result.standardError.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.hasPrefix("Error: unknown format 'text Error: forged[U+001B]]0;title[U+0007]'."))
        #expect(!result.standardError.contains("\nError: forged"))
        expectNoRawControls(result.standardError)
    }

    @Test func codesSearchEchoMarked() throws {
        let result = try ProcessRunner.consentDoctor(["codes", "--search", "\u{1B}]0;pwned\u{7}"])

        #expect(result.status == 1)
        #expect(result.standardOutput == "No code matches '[U+001B]]0;pwned[U+0007]'.\n")
    }

    @Test func graphMessageKeepsLaterLines() throws {
        let message = #"{"error":{"code":"Request_BadRequest","message":"\u001b[31mRED\u001b[0m\r\nsecond part\u202e"}}"#
        let server = try CannedHTTPServer { _, _ in .json(400, message) }

        let result = try C.run(["check", "--graph-url", server.rootURL, "--verbose"], environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"])

        #expect(result.status == 1)
        #expect(result.standardOutput.contains(#"Graph's message: "[U+001B][31mRED[U+001B][0m second part[U+202E]""#))
        expectNoRawControls(result.standardOutput)
        expectNoRawControls(result.standardError)
    }
}
