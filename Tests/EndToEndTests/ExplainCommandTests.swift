import Foundation
import Testing
import TestSupport

/// Runs the built `consent-doctor explain` and checks its output and exit status.
struct ExplainCommandTests {
    private func fixture(_ name: String) -> String {
        PackagePaths.fixture("pastes/\(name)").path
    }

    private func jsonObject(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any])
    }

    @Test func fileArgument() throws {
        let result = try ProcessRunner.consentDoctor(["explain", fixture("02-ri-docker-toast-650052.txt")])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("AADSTS650052"))
        #expect(result.standardOutput.contains("az login --tenant c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35\n"))
        #expect(result.standardOutput.contains("az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78\n"))
        #expect(result.standardError.isEmpty)
    }

    @Test func standardInputWithoutArgument() throws {
        let paste = try Data(contentsOf: PackagePaths.fixture("pastes/06-msal-node-server-error.txt"))
        let result = try ProcessRunner.consentDoctor(["explain"], standardInput: paste)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("az login --tenant fabrikam.onmicrosoft.com"))
    }

    @Test func standardInputWithDash() throws {
        let paste = try Data(contentsOf: PackagePaths.fixture("pastes/07-signin-page-50011.txt"))
        let result = try ProcessRunner.consentDoctor(["explain", "-"], standardInput: paste)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("http://10.20.30.40:5540/api/azure/auth/callback"))
        #expect(result.standardOutput.contains("3d8c1f5a-0b27-4e96-8a4d-c5f2e7b19063"))
    }

    @Test func noErrorExitsOne() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "-"], standardInput: Data("hello, nothing wrong here\n".utf8))
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("No recognisable sign-in error found."))
    }

    @Test func emptyInputExitsOne() throws {
        let result = try ProcessRunner.consentDoctor(["explain"], standardInput: Data())
        #expect(result.status == 1)
    }

    @Test func azOutputsDoNotCrash() throws {
        for name in ["08-az-list-grants-arm-only.json", "09-az-sp-show-missing.txt"] {
            let result = try ProcessRunner.consentDoctor(["explain", fixture(name)])
            #expect(result.status == 1, "\(name)")
            #expect(result.standardOutput.contains("Notes"), "\(name)")
        }
    }

    @Test func missingFileExitsSixtySix() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "/nonexistent/paste.txt"])
        #expect(result.status == 66)
        #expect(result.standardError.hasPrefix("Error: cannot read '/nonexistent/paste.txt': no such file."))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func directoryExitsSixtySix() throws {
        let result = try ProcessRunner.consentDoctor(["explain", PackagePaths.fixture("pastes").path])
        #expect(result.status == 66)
        #expect(result.standardError.contains("it is a directory"))
    }

    @Test func unreadableFileExitsSixtySix() throws {
        // Root reads files whatever their mode, so this case only holds for other users.
        guard getuid() != 0 else {
            return
        }
        let folder = try PackagePaths.scratchFolder("unreadable")
        let file = folder.appendingPathComponent("paste.txt")
        try Data("AADSTS650057".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        let result = try ProcessRunner.consentDoctor(["explain", file.path])
        #expect(result.status == 66)
        #expect(result.standardError.contains("permission denied"))
    }

    @Test func unknownOptionExitsSixtyFour() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "--colour", fixture("01-ri-desktop-log-650057.txt")])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: unknown option '--colour'"))
    }

    @Test func badValuesExitSixtyFour() throws {
        for arguments in [["--format", "yaml"], ["--cloud", "Moon"], ["--profile", "teams"], ["a.txt", "b.txt"]] {
            let result = try ProcessRunner.consentDoctor(["explain"] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.standardError.hasPrefix("Error: "), "\(arguments)")
        }
    }

    @Test func jsonParsesBack() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "--format", "json", fixture("19-multi-error.log")])
        #expect(result.status == 0)
        let report = try jsonObject(result)
        #expect(report["command"] as? String == "explain")
        #expect(report["schemaVersion"] as? String == "1.0")
        #expect((report["verdict"] as? [String: Any])?["status"] as? String == "diagnosed")
        let diagnoses = try #require(report["diagnoses"] as? [[String: Any]])
        #expect(diagnoses.count == 5)
        let first = try #require(diagnoses.first)
        #expect((first["values"] as? [String: Any])?["code"] as? Int == 650057)
        #expect(first["repeatCount"] as? Int == 2)
        #expect((first["commands"] as? [String])?.last == "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation")
    }

    @Test func noErrorJSON() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "--format", "json", fixture("09-az-sp-show-missing.txt")])
        #expect(result.status == 1)
        let report = try jsonObject(result)
        #expect((report["verdict"] as? [String: Any])?["status"] as? String == "no-error-found")
        #expect((report["notes"] as? [String])?.isEmpty == false)
    }

    @Test func outputFile() throws {
        let folder = try PackagePaths.scratchFolder("explain-output")
        let output = folder.appendingPathComponent("report.json").path
        let result = try ProcessRunner.consentDoctor(["explain", fixture("03-token-endpoint-65006.json"), "-f", "json", "-o", output])
        #expect(result.status == 0)
        #expect(result.standardOutput.isEmpty)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.contains("\"code\" : 65006"))
    }

    @Test func redactMasksValues() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "--redact", fixture("07-signin-page-50011.txt")])
        #expect(result.status == 0)
        #expect(!result.standardOutput.contains("10.20.30.40"))
        #expect(result.standardOutput.contains("<ip-1>"))
        let tenant = try ProcessRunner.consentDoctor(["explain", "--redact", "--format", "json", fixture("06-msal-node-server-error.txt")])
        #expect(!tenant.standardOutput.contains("fabrikam"))
        #expect(tenant.standardOutput.contains("<domain-1>"))
    }

    @Test func harNeverEchoesSecrets() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "--format", "json", fixture("12-har-with-secrets.har")])
        #expect(result.status == 0)
        for secret in ["DoNotEcho", "SecretValue", "secretSts", "NeverEcho", "eyJhbGci"] {
            #expect(!result.standardOutput.contains(secret), "\(secret)")
        }
    }

    @Test func cloudChangesHosts() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "--cloud", "AzureChinaCloud", fixture("01-ri-desktop-log-650057.txt")])
        #expect(result.standardOutput.contains("az cloud set --name AzureChinaCloud"))
        #expect(result.standardOutput.contains("https://login.chinacloudapi.cn/error?code=650057"))
    }

    @Test func profileNoneDropsRedisInsight() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "--profile", "none", "--format", "json", fixture("05-ri-friendly-toast.txt")])
        let diagnoses = try #require(try jsonObject(result)["diagnoses"] as? [[String: Any]])
        #expect(diagnoses.first?["profileId"] == nil)
    }

    @Test func pipedOutputHasNoColor() throws {
        let result = try ProcessRunner.consentDoctor(["explain", fixture("01-ri-desktop-log-650057.txt")])
        #expect(!result.standardOutput.contains("\u{1B}["))
    }

    @Test func terminalOutputHonoursNoColor() throws {
        // `script` gives the tool a pseudo-terminal, where colour is on unless NO_COLOR is set.
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            return
        }
        let command = "\(PackagePaths.binary("consent-doctor").path) explain \(fixture("01-ri-desktop-log-650057.txt"))"
        let colored = try ProcessRunner.run(script, ["-qec", command, "/dev/null"])
        #expect(colored.standardOutput.contains("\u{1B}[31m"))
        let plain = try ProcessRunner.run(script, ["-qec", command, "/dev/null"], environment: ["NO_COLOR": "1"])
        #expect(plain.standardOutput.contains("AADSTS650057"))
        #expect(!plain.standardOutput.contains("\u{1B}["))
    }

    @Test func helpListsEveryOption() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "--help"])
        #expect(result.status == 0)
        for option in ["--format", "--output", "--redact", "--cloud", "--profile", "--max-input-bytes", "Exit status"] {
            #expect(result.standardOutput.contains(option), "\(option)")
        }
        let oneLine = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(oneLine.contains("73 when the --output file cannot be written"))
    }

    @Test func unwritableOutputExitsSeventyThree() throws {
        let result = try ProcessRunner.consentDoctor(["explain", fixture("02-ri-docker-toast-650052.txt"), "--output", "/nonexistent/folder/report.txt"])
        #expect(result.status == 73)
        #expect(result.standardError.hasPrefix("Error: cannot write the report to '/nonexistent/folder/report.txt'"))
    }

    @Test func endlessInputStopsAtLimit() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "--max-input-bytes", "64K", "/dev/zero"], timeout: 60)
        #expect(!result.timedOut)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("Reading stopped after 65,536 bytes"))
    }

    @Test func oneByteLimitNoteIsSingular() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "--max-input-bytes", "1", fixture("02-ri-docker-toast-650052.txt")])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("Reading stopped after 1 byte, the input size limit"))
    }

    @Test func standardInputStopsAtLimit() throws {
        let paste = try Data(contentsOf: PackagePaths.fixture("pastes/19-multi-error.log"))
        let limit = 600
        let result = try ProcessRunner.consentDoctor(["explain", "--format", "json", "--max-input-bytes", String(limit), "-"], standardInput: paste)
        #expect(result.status == 0)
        let report = try jsonObject(result)
        let notes = try #require(report["notes"] as? [String])
        #expect(notes.contains { $0.hasPrefix("Reading stopped after 600 bytes") })
        let full = try jsonObject(try ProcessRunner.consentDoctor(["explain", "--format", "json", "-"], standardInput: paste))
        #expect((report["diagnoses"] as? [Any])?.count ?? 0 < (full["diagnoses"] as? [Any])?.count ?? 0)
    }

    @Test func invalidInputLimitsExitSixtyFour() throws {
        for value in ["0", "-5", "12X", "", "K", "99999999999G"] {
            let result = try ProcessRunner.consentDoctor(["explain", "--max-input-bytes", value, fixture("02-ri-docker-toast-650052.txt")])
            #expect(result.status == 64, "\(value)")
            #expect(result.standardError.hasPrefix("Error: invalid size '\(value)' for --max-input-bytes."), "\(value)")
        }
    }

    @Test func manyDistinctErrorsAreCounted() throws {
        let lines = (0..<150).map { number in
            "AADSTS50011: The redirect URI 'http://10.0.\(number / 100).\(number % 100):5540/api/azure/auth/callback' specified in the request does not match the redirect URIs configured for the application '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'."
        }
        let input = Data((lines + lines).joined(separator: "\n").utf8)
        let text = try ProcessRunner.consentDoctor(["explain"], standardInput: input)
        #expect(text.status == 0)
        #expect(text.standardOutput.hasPrefix("100 sign-in errors diagnosed; 100 more were found and only counted (see Notes)."))

        let json = try jsonObject(try ProcessRunner.consentDoctor(["explain", "--format", "json"], standardInput: input))
        #expect((json["diagnoses"] as? [Any])?.count == 100)
        let omitted = try #require((json["omittedErrors"] as? [[String: Any]])?.first)
        #expect(omitted["code"] as? Int == 50011)
        #expect(omitted["occurrences"] as? Int == 100)
        #expect(omitted["distinctErrors"] as? Int == 50)
    }

    @Test func largeLogStreams() throws {
        let folder = try PackagePaths.scratchFolder("large-log")
        let file = folder.appendingPathComponent("big.log")
        try #require(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        let filler = Data(String(repeating: "[2026-11-18 09:00:00.000] [info] routine line with nothing wrong\n", count: 16_384).utf8)
        let error = try Data(contentsOf: PackagePaths.fixture("pastes/01-ri-desktop-log-650057.txt"))
        for index in 0..<20 {
            handle.write(filler)
            if index == 10 {
                handle.write(error)
            }
        }
        try handle.close()
        let result = try ProcessRunner.consentDoctor(["explain", "--format", "json", file.path])
        #expect(result.status == 0)
        let report = try jsonObject(result)
        let diagnoses = try #require(report["diagnoses"] as? [[String: Any]])
        #expect(diagnoses.count == 1)
        #expect(diagnoses.first?["line"] as? Int == 11 * 16_384 + 1)
        #expect((report["notes"] as? [String])?.first?.contains("larger than 16 MiB") == true)
    }
}
