import Foundation
import Testing
import TestSupport

/// Checks the report formats, `--output` and `--redact` of the built `check`.
struct CheckReportTests {
    typealias C = CheckRun

    /// Runs one check per format into files and returns each file's text, keyed by format.
    private func reports(_ emulator: EmulatorProcess, _ arguments: [String] = [], token: String = "static-reader-token") throws -> [String: String] {
        let folder = try PackagePaths.scratchFolder("check-formats")
        var texts: [String: String] = [:]
        for format in ["text", "json", "markdown", "html"] {
            let file = folder.appendingPathComponent("report.\(format)")
            let result = try C.check(emulator, arguments + ["--format", format, "--output", file.path], token: token)
            #expect(result.standardOutput.isEmpty, "\(format)")
            #expect(result.standardError.isEmpty, "\(format): \(result.standardError)")
            texts[format] = try String(contentsOf: file, encoding: .utf8)
        }
        return texts
    }

    /// Returns a redaction placeholder as a format writes it: Markdown escapes the angle
    /// brackets with backslashes and HTML as entities.
    private func placeholder(_ name: String, _ format: String) -> String {
        switch format {
        case "markdown":
            return "\\<\(name)\\>"
        case "html":
            return "&lt;\(name)&gt;"
        default:
            return "<\(name)>"
        }
    }

    private func occurrences(of part: String, in text: String) -> Int {
        text.components(separatedBy: part).count - 1
    }

    @Test func everyFormatToFile() throws {
        try SharedEmulators.use("redis-grant-missing") { emulator in
            let texts = try reports(emulator)
            let command = "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation"

            #expect(texts["text"]?.hasPrefix("consent-doctor check: PROBLEMS") == true)
            #expect(texts["markdown"]?.hasPrefix("# ") == true)
            #expect(texts["markdown"]?.contains("```sh\naz login --tenant a1f6c8e3-4b2d-4e97-9c05-7d3b8f2e1a64\n\(command)\n```") == true)
            #expect(texts["html"]?.hasPrefix("<!DOCTYPE html>") == true)
            #expect(texts["html"]?.contains(command) == true)
            let json = try JSONDecoder().decode(CheckReport.self, from: Data((texts["json"] ?? "").utf8))
            #expect(json.commands.last == command)
            for format in ["text", "markdown", "html"] {
                #expect(texts[format]?.contains(command) == true, "\(format)")
            }
        }
    }

    @Test func exitStatusWithOutputFile() throws {
        try SharedEmulators.use("healthy") { emulator in
            let folder = try PackagePaths.scratchFolder("check-output")
            let result = try C.check(emulator, ["--output", folder.appendingPathComponent("r.md").path, "-f", "markdown"])
            #expect(result.status == 0)
            let failed = try C.check(emulator, ["--output", "/nonexistent/folder/r.md"])
            #expect(failed.status == 73)
            #expect(failed.standardError == "Error: cannot write the report to '/nonexistent/folder/r.md': no such file or directory. Check that the folder exists.\n")
        }
    }

    @Test func sharedFailureOnceInEveryFormat() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let texts = try reports(emulator, token: "not-a-known-token")

        for format in ["text", "markdown", "html"] {
            let text = try #require(texts[format])
            #expect(occurrences(of: "Graph rejected the token for POST", in: text) == 1, "\(format)")
            #expect(occurrences(of: "Sign in again", in: text) == 1, "\(format)")
            #expect(text.contains("Why some checks could not run"), "\(format)")
            #expect(occurrences(of: "see reason 1 above", in: text.lowercased()) >= 12, "\(format)")
        }
        let json = try #require(texts["json"])
        let report = try JSONDecoder().decode(CheckReport.self, from: Data(json.utf8))
        #expect(report.sharedReasons?.count == 1)
        #expect(occurrences(of: "Graph rejected the token for POST /$batch", in: json) >= 14)
    }

    @Test func redactIsConsistentAcrossFormats() throws {
        try SharedEmulators.use("only-per-user-grants") { emulator in
            let users = ["c1f330da-b62c-585b-8fdc-bc2e0bff7738", "5fa70329-82c6-57f9-aa32-9aa43a0a2350"]
            let domain = "cd-per-user.onmicrosoft.com"
            let plain = try reports(emulator, ["--expect-tenant", domain])
            let redacted = try reports(emulator, ["--expect-tenant", domain, "--redact"])

            for format in ["text", "json", "markdown", "html"] {
                let clear = try #require(plain[format])
                let masked = try #require(redacted[format])
                #expect(clear.contains(users[0]), "\(format)")
                #expect(clear.contains(domain), "\(format)")
                for value in users + [domain] {
                    #expect(!masked.contains(value), "\(format) still contains \(value)")
                }
                // The same value gets the same placeholder in every format.
                #expect(masked.contains(placeholder("user-1", format)), "\(format)")
                #expect(masked.contains(placeholder("user-2", format)), "\(format)")
                #expect(!masked.contains("user-3"), "\(format)")
                #expect(masked.contains(placeholder("domain-1", format)), "\(format)")
                #expect(!masked.contains("domain-2"), "\(format)")
                #expect(masked.contains("61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"), "\(format)")
                #expect(masked.contains("8a3e6c2d-5f7b-4d19-a0c4-b2e8f1d6a735"), "\(format)")
            }
            let json = try JSONDecoder().decode(CheckReport.self, from: Data((redacted["json"] ?? "").utf8))
            let userEvidence = json.finding("grants.per-user")?.evidence.filter { $0.label.hasPrefix("user object id") }.map(\.value)
            #expect(userEvidence == ["<user-1>", "<user-2>", "<user-1>", "<user-1>", "<user-2>"])
            #expect(json.finding("tenant.match")?.status == "pass")
        }
    }

    @Test func colourOnlyInTerminal() throws {
        try SharedEmulators.use("redis-grant-missing") { emulator in
            let piped = try C.check(emulator)
            #expect(!piped.standardOutput.contains("\u{1B}["))
        }
    }
}
