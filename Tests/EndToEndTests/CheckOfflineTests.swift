import Foundation
import Testing
import TestSupport

/// What `check --az-output` must report for one pasted file.
struct AzOutputExpectation: CustomStringConvertible, Sendable {
    var file: String
    var verdict: String
    /// The findings that are not `pass`, as `id=status`, in report order.
    var notPassing: [String]
    var commands: [String]

    var description: String { file }
}

/// Runs `check` on pasted az output and on saved snapshots, and checks the input errors.
struct CheckOfflineTests {
    typealias C = CheckRun

    private static let missingClient = "service-principal.client=unknown"
    private static let unknownOthers = [
        "service-principal.resource-manager=unknown", "service-principal.microsoft-graph=unknown",
        "client.enabled=unknown", "client.assignment-required=unknown",
    ]
    private static let unknownGrants = ["grant.redis-api=unknown", "grant.resource-manager=unknown", "openid.user-consent=unknown", "grants.per-user=unknown"]

    static let expectations: [AzOutputExpectation] = [
        AzOutputExpectation(
            file: "08-az-list-grants-arm-only.json",
            verdict: "problems",
            notPassing: [
                "tenant.match=info", "service-principal.redis-api=unknown", "service-principal.microsoft-graph=unknown",
                "client.enabled=unknown", "client.assignment-required=unknown", "redis-api.scope-exposed=unknown",
                "resource-manager.scope-exposed=unknown", "grant.redis-api=fail", "openid.user-consent=unknown",
                "grants.per-user=info", "consent.admin-workflow=info",
            ],
            commands: [
                "az login --tenant '<tenant-id>'",
                "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation",
            ]
        ),
        AzOutputExpectation(
            file: "09-az-sp-show-missing.txt",
            verdict: "problems",
            notPassing: ["tenant.match=info", missingClient, "service-principal.redis-api=fail"] + unknownOthers
                + ["redis-api.scope-exposed=unknown", "resource-manager.scope-exposed=unknown"] + unknownGrants + ["consent.admin-workflow=info"],
            commands: ["az login --tenant '<tenant-id>'", "az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78"]
        ),
        AzOutputExpectation(
            file: "10-sp-show-client.json",
            verdict: "incomplete",
            notPassing: [
                "tenant.match=info", "service-principal.redis-api=unknown", "service-principal.resource-manager=unknown",
                "service-principal.microsoft-graph=unknown", "redis-api.scope-exposed=unknown", "resource-manager.scope-exposed=unknown",
            ] + unknownGrants + ["consent.admin-workflow=info"],
            commands: []
        ),
        AzOutputExpectation(
            file: "13-list-grants-healthy.txt",
            verdict: "incomplete",
            notPassing: [
                "tenant.match=info", "client.enabled=unknown", "client.assignment-required=unknown",
                "redis-api.scope-exposed=unknown", "resource-manager.scope-exposed=unknown",
                "grants.per-user=info", "consent.admin-workflow=info",
            ],
            commands: []
        ),
        AzOutputExpectation(
            file: "14-sp-show-client-disabled.txt",
            verdict: "problems",
            notPassing: [
                "tenant.match=info", "service-principal.redis-api=unknown", "service-principal.resource-manager=unknown",
                "service-principal.microsoft-graph=unknown", "client.enabled=fail", "client.assignment-required=warning",
                "redis-api.scope-exposed=unknown", "resource-manager.scope-exposed=unknown",
            ] + unknownGrants + ["consent.admin-workflow=info"],
            commands: []
        ),
        AzOutputExpectation(
            file: "15-mixed-concatenated.txt",
            verdict: "problems",
            notPassing: [
                "tenant.match=info", "service-principal.redis-api=unknown", "service-principal.resource-manager=fail",
                "service-principal.microsoft-graph=unknown", "redis-api.scope-exposed=unknown", "resource-manager.scope-exposed=unknown",
            ] + unknownGrants + ["consent.admin-workflow=info"],
            commands: ["az login --tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79", "az ad sp create --id 797f4846-ba00-4fd7-ba43-dac1f8f63013"]
        ),
        AzOutputExpectation(
            file: "16-policies-user-consent-off.txt",
            verdict: "incomplete",
            notPassing: ["tenant.match=info", missingClient, "service-principal.redis-api=unknown"] + unknownOthers
                + ["redis-api.scope-exposed=unknown", "resource-manager.scope-exposed=unknown"] + unknownGrants + ["consent.admin-workflow=info"],
            commands: []
        ),
    ]

    private func azOutput(_ name: String) -> String {
        PackagePaths.fixture("az-output/\(name)").path
    }

    @Test(arguments: expectations)
    func azOutputFile(_ expected: AzOutputExpectation) throws {
        let result = try C.run(["check", "--az-output", azOutput(expected.file), "--format", "json"])
        let report = try C.decode(result)

        #expect(result.status == 1)
        #expect(report.verdict.status == expected.verdict)
        #expect(report.states.filter { !$0.hasSuffix("=pass") } == expected.notPassing)
        #expect(report.commands == expected.commands)
        #expect(report.notes.first == "Read from pasted az output, which cannot show everything a Graph read shows.")
        for finding in report.findings where finding.status == "unknown" {
            let reason = finding.reason ?? ""
            #expect(reason.contains("az ") || reason.contains("does not exist yet"), "\(finding.id): \(reason)")
        }
    }

    @Test func everyAzOutputFileRuns() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: PackagePaths.fixture("az-output").path).sorted()
        for file in files {
            let result = try C.run(["check", "--az-output", azOutput(file)])
            #expect(result.status == 1, "\(file)")
            #expect(result.standardOutput.hasPrefix("consent-doctor check: "), "\(file)")
            #expect(result.standardError.isEmpty, "\(file): \(result.standardError)")
        }
    }

    @Test func missingPartsNameTheCommand() throws {
        let result = try C.run(["check", "--az-output", azOutput("10-sp-show-client.json"), "--format", "json"])
        let report = try C.decode(result)

        #expect(report.finding("service-principal.redis-api")?.reason == "The input has no output of az ad sp show --id acca5fbb-b7e4-4009-81f1-37e38fd66d78 (AzureRedisCacheAadApp). Run it and add its output to check this service principal.")
        #expect(report.finding("grant.redis-api")?.reason?.contains("Run az ad app permission list-grants --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --show-resource-name") == true)
        #expect(report.sharedReasons?.contains { $0.hasPrefix("The input has no grant list.") } == true)
    }

    @Test func severalFilesCombine() throws {
        let files = ["10-sp-show-client.json", "11-sp-show-redis-api.json", "12-sp-show-resource-manager.json", "13-list-grants-healthy.txt"]
        // The first file follows --az-output and the others are listed after it.
        let result = try C.run(["check", "--format", "json", "--az-output"] + files.map(azOutput))
        let report = try C.decode(result)

        #expect(result.status == 0)
        #expect(report.verdict.status == "healthy")
        #expect(report.commands.isEmpty)

        let repeated = try C.run(["check", "--format", "json"] + files.flatMap { ["--az-output", azOutput($0)] })
        #expect(repeated.status == 0)
        #expect(try C.decode(repeated).states == report.states)
    }

    @Test func insufficientPrivilegesInPaste() throws {
        let result = try C.run(["check", "--az-output", azOutput("15-mixed-concatenated.txt"), "--format", "json"])
        let report = try C.decode(result)
        let reason = try #require(report.finding("grant.redis-api")?.reason)
        #expect(reason.contains("az reported insufficient privileges for az ad app permission list-grants"))
        #expect(reason.contains("Application.Read.All"))
    }

    // MARK: - Snapshots

    @Test(arguments: ["redis-grant-missing", "nothing-consented", "only-per-user-grants"])
    func snapshotReplays(tenant: String) throws {
        try SharedEmulators.use(tenant) { emulator in
            let folder = try PackagePaths.scratchFolder("snapshot")
            let file = folder.appendingPathComponent("\(tenant).json").path
            let (live, liveReport) = try C.report(emulator, ["--save-snapshot", file])

            let replay = try C.run(["check", "--snapshot", file, "--format", "json"])
            let replayReport = try C.decode(replay)

            #expect(replay.status == live.status)
            #expect(replayReport.states == liveReport.states)
            #expect(replayReport.commands == liveReport.commands)
            #expect(replayReport.plan?.warnings == liveReport.plan?.warnings)
            #expect(replayReport.findings.map(\.detail) == liveReport.findings.map(\.detail))
            #expect(replayReport.tenant == liveReport.tenant)
            #expect(replayReport.notes.first == "Read from a saved snapshot file, which shows the tenant as it was when the snapshot was taken.")
        }
    }

    @Test func snapshotKeepsUnknowns() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let folder = try PackagePaths.scratchFolder("snapshot-denied")
        let file = folder.appendingPathComponent("denied.json").path
        let (live, liveReport) = try C.report(emulator, ["--save-snapshot", file], token: "static-no-access-token")
        emulator.stop()

        let replay = try C.run(["check", "--snapshot", file, "--format", "json"])
        let replayReport = try C.decode(replay)

        #expect(live.status == 77)
        #expect(replay.status == 77)
        #expect(replayReport.states == liveReport.states)
        #expect(replayReport.sharedReasons == liveReport.sharedReasons)
    }

    @Test func snapshotWithExpectedTenant() throws {
        try SharedEmulators.use("consent-in-other-tenant") { emulator in
            let folder = try PackagePaths.scratchFolder("snapshot-tenant")
            let file = folder.appendingPathComponent("owner.json").path
            _ = try C.check(emulator, ["--save-snapshot", file])

            let replay = try C.run(["check", "--snapshot", file, "--expect-tenant", "cd-cache-owner.onmicrosoft.com", "--format", "json"])
            #expect(replay.status == 0)
            #expect(try C.decode(replay).finding("tenant.match")?.status == "pass")
        }
    }

    // MARK: - Input errors

    @Test func malformedSnapshot() throws {
        let folder = try PackagePaths.scratchFolder("bad-snapshot")
        let cases: [(name: String, content: String, message: String)] = [
            ("not-json.json", "not json at all", "is not valid JSON"),
            ("other.json", #"{"hello": 1}"#, "is JSON but not a consent-doctor snapshot"),
            ("version.json", #"{"formatVersion": 99, "servicePrincipals": {}}"#, "has format version 99"),
            ("invalid.json", #"{"formatVersion": 1, "servicePrincipals": {"x": 5}}"#, "is invalid:"),
        ]
        for item in cases {
            let file = folder.appendingPathComponent(item.name)
            try Data(item.content.utf8).write(to: file)
            let result = try C.run(["check", "--snapshot", file.path])
            #expect(result.status == 65, "\(item.name)")
            #expect(result.standardError.hasPrefix("Error: "), "\(item.name)")
            #expect(result.standardError.contains(file.path), "\(item.name)")
            #expect(result.standardError.contains(item.message), "\(item.name): \(result.standardError)")
            #expect(result.standardOutput.isEmpty, "\(item.name)")
        }
    }

    @Test func snapshotWithInvalidValues() throws {
        let folder = try PackagePaths.scratchFolder("invalid-snapshot")
        let saved = folder.appendingPathComponent("saved.json")
        let save = try C.run(["check", "--az-output", azOutput("10-sp-show-client.json"), "--save-snapshot", saved.path])
        #expect(save.status == 1)
        let text = try String(contentsOf: saved, encoding: .utf8)

        let cases: [(name: String, target: String, replacement: String, message: String)] = [
            ("cloud.json", #""cloud" : "AzureCloud""#, #""cloud" : "Mars""#, #"cloud is "Mars", but it must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud"#),
            ("tenant.json", #""source" : "az-output","#, #""source" : "az-output", "tenant" : "x.com;$(id)","#, #"tenant is "x.com;$(id)", but it must be a tenant id (GUID) or a domain name such as contoso.onmicrosoft.com"#),
            ("round-trips.json", #""roundTrips" : 0"#, #""roundTrips" : -5"#, "roundTrips is -5, but a count must be 0 or more"),
            ("huge.json", #""roundTrips" : 0"#, #""roundTrips" : 1e30"#, "roundTrips is 1e+30, which is too large for an integer"),
            ("version.json", #""formatVersion" : 1"#, #""formatVersion" : 1.0"#, "formatVersion must be the integer 1, written without a decimal point or exponent"),
        ]
        for item in cases {
            #expect(text.contains(item.target), "\(item.name)")
            let file = folder.appendingPathComponent(item.name)
            try Data(text.replacingOccurrences(of: item.target, with: item.replacement).utf8).write(to: file)

            let result = try C.run(["check", "--snapshot", file.path])

            #expect(result.status == 65, "\(item.name)")
            #expect(result.standardError == "Error: the snapshot file \(file.path) is invalid: \(item.message). Save the snapshot again with consent-doctor.\n", "\(item.name)")
            #expect(result.standardOutput.isEmpty, "\(item.name)")
        }
    }

    @Test func snapshotHoldingNull() throws {
        let file = try PackagePaths.scratchFolder("null-snapshot").appendingPathComponent("null.json")
        try Data("null".utf8).write(to: file)

        let result = try C.run(["check", "--snapshot", file.path])

        #expect(result.status == 65)
        #expect(result.standardError == "Error: the snapshot file \(file.path) is valid JSON, but its top level is null instead of an object. A snapshot is an object with formatVersion and servicePrincipals, as --save-snapshot writes it.\n")
    }

    @Test func missingSnapshot() throws {
        let result = try C.run(["check", "--snapshot", "/nonexistent/snapshot.json"])
        #expect(result.status == 66)
        #expect(result.standardError == "Error: cannot read the snapshot file /nonexistent/snapshot.json: no such file or directory. Check the path and its permissions.\n")
    }

    @Test func missingAzOutput() throws {
        let result = try C.run(["check", "--az-output", "/nonexistent/az.txt"])
        #expect(result.status == 66)
        #expect(result.standardError.hasPrefix("Error: cannot read the az output file '/nonexistent/az.txt': no such file or directory."))
    }

    /// Returns a sparse file one byte larger than 64 MiB, which takes no disk space.
    private func oversizedFile(_ name: String) throws -> URL {
        let file = try PackagePaths.scratchFolder("oversized").appendingPathComponent(name)
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("{".utf8)))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 64 * 1024 * 1024 + 1)
        try handle.close()
        return file
    }

    @Test func oversizedSnapshotRejected() throws {
        let file = try oversizedFile("snapshot.json")

        let result = try C.run(["check", "--snapshot", file.path])

        #expect(result.status == 65)
        #expect(result.standardError == "Error: the snapshot file \(file.path) is larger than 64 MiB, the most consent-doctor reads. A saved snapshot of one app's service principals and grants is far smaller, so check that the path names a snapshot.\n")
    }

    @Test func oversizedAzOutputRejected() throws {
        let file = try oversizedFile("az.txt")

        let result = try C.run(["check", "--az-output", azOutput("10-sp-show-client.json"), file.path])

        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix("Error: the az output file '\(file.path)' is larger than 64 MiB, the most consent-doctor reads from one file."))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func duplicateGrantIdsRejected() throws {
        let folder = try PackagePaths.scratchFolder("duplicate-grants")
        let saved = folder.appendingPathComponent("saved.json")
        try SharedEmulators.use("healthy") { emulator in
            let result = try C.check(emulator, ["--save-snapshot", saved.path])
            #expect(result.status == 0)
        }
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: saved)) as? [String: Any])
        var grants = try #require(object["grants"] as? [String: Any])
        let values = try #require(grants["value"] as? [[String: Any]])
        grants["value"] = values + [values[0]]
        object["grants"] = grants
        let edited = folder.appendingPathComponent("edited.json")
        try JSONSerialization.data(withJSONObject: object).write(to: edited)
        let grantId = try #require(values[0]["id"] as? String)

        let result = try C.run(["check", "--snapshot", edited.path])

        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix("Error: the snapshot file \(edited.path) lists the oauth2PermissionGrant id \(grantId) more than once."))
    }

    @Test func unusableAzOutput() throws {
        let folder = try PackagePaths.scratchFolder("bad-az-output")
        let file = folder.appendingPathComponent("notes.txt")
        try Data("nothing from az in here\n".utf8).write(to: file)
        let result = try C.run(["check", "--az-output", file.path])
        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix("Error: no usable az output was found in \(file.path)."))
    }

    @Test func azOutputWithSnapshotIsUsageError() throws {
        let result = try C.run(["check", "--az-output", azOutput("10-sp-show-client.json"), "--snapshot", "/nonexistent/snapshot.json"])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --az-output and --snapshot cannot be combined"))
    }

    @Test func fileWithoutAzOutputOptionIsUsageError() throws {
        let result = try C.run(["check", azOutput("10-sp-show-client.json")])
        #expect(result.status == 64)
        #expect(result.standardError.contains("Files are read only after --az-output."))
    }

    @Test func missingPastedError() throws {
        let result = try C.run(["check", "--az-output", azOutput("10-sp-show-client.json"), "--from-error", "/nonexistent/paste.txt"])
        #expect(result.status == 66)
        #expect(result.standardError.hasPrefix("Error: cannot read '/nonexistent/paste.txt': no such file."))
    }

    @Test func pasteWithoutErrorIsDataError() throws {
        // Bytes from a fixed linear congruential sequence: binary noise without any error in it.
        var state: UInt32 = 12_345
        let noise = Data((0..<4096).map { _ -> UInt8 in
            state = state &* 1_103_515_245 &+ 12_345
            return UInt8(truncatingIfNeeded: state >> 16)
        })
        let file = try PackagePaths.scratchFolder("from-error").appendingPathComponent("rand.bin")
        try noise.write(to: file)

        let result = try C.run(["check", "--az-output", azOutput("10-sp-show-client.json"), "--from-error", file.path])

        #expect(result.status == 65)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == "Error: the file \(file.path) contains no recognisable sign-in error, so --from-error cannot take a tenant from it. Give the file that contains the error, or name the tenant with --expect-tenant.\n")
    }

    @Test func pasteWithoutErrorOnStandardInput() throws {
        let result = try ProcessRunner.consentDoctor(
            ["check", "--az-output", azOutput("10-sp-show-client.json"), "--from-error", "-"],
            standardInput: Data("nothing to see here\n".utf8),
            timeout: C.processTimeout
        )

        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix("Error: standard input contains no recognisable sign-in error"))
    }

    @Test func pastedErrorWithoutTenantAddsNote() throws {
        let paste = PackagePaths.fixture("pastes/05-ri-friendly-toast.txt").path
        let result = try C.run(["check", "--az-output", azOutput("10-sp-show-client.json"), "--from-error", paste, "--format", "json"])
        let report = try C.decode(result)

        #expect(result.status == 1)
        #expect(report.notes.contains("The error in \(paste) names no tenant, so it sets no expected tenant."))
    }

    @Test func unwritableSnapshot() throws {
        let result = try C.run(["check", "--az-output", azOutput("10-sp-show-client.json"), "--save-snapshot", "/nonexistent/folder/s.json"])
        #expect(result.status == 73)
        #expect(result.standardError == "Error: cannot write the snapshot file /nonexistent/folder/s.json: no such file or directory. Check that the folder exists.\n")
    }

    @Test func invalidOptionValues() throws {
        let cases = [
            ["--expect-tenant", "not a tenant"],
            ["--tenant", "bad tenant!"],
            ["--timeout", "0"],
            ["--timeout", "soon"],
            ["--auth", "magic"],
            ["--client-id", "not-a-guid"],
            ["--profile", "teams"],
            ["--cloud", "Moon"],
            ["--format", "yaml"],
            ["--graph-url", "ftp://127.0.0.1/"],
        ]
        for arguments in cases {
            let result = try C.run(["check"] + arguments, environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.standardError.hasPrefix("Error: "), "\(arguments): \(result.standardError)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
        }
    }

    @Test(arguments: [["--output", ""], ["-o", ""], ["--save-snapshot", ""]])
    func emptyPathRejected(arguments: [String]) throws {
        let result = try C.run(["check", "--az-output", azOutput("10-sp-show-client.json")] + arguments)

        #expect(result.status == 64)
        #expect(result.standardError.contains(" is empty. Give a file name"))
        #expect(!result.standardError.contains("directory"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func helpSaysSnapshotIsRaw() throws {
        let result = try C.run(["check", "--help"])
        let text = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")

        #expect(text.contains("The snapshot is raw data: --redact does not apply to it, so it keeps user object ids and domains."))
        #expect(text.contains("Only the report is masked: a snapshot saved with check --save-snapshot keeps the real values."))
    }

    @Test func help() throws {
        let result = try C.run(["check", "--help"])
        #expect(result.status == 0)
        for option in ["--expect-tenant", "--from-error", "--az-output", "--snapshot", "--save-snapshot", "--graph-url", "--authority-host", "--timeout", "--auth", "--access-token", "--redact", "--output", "--format"] {
            #expect(result.standardOutput.contains(option), "\(option)")
        }
    }
}
