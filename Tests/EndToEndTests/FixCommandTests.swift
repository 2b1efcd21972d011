import Foundation
import Testing
import TestSupport

/// Runs the built `consent-doctor fix` against the emulator over real HTTP: the dry run, the
/// writes, the final check, and failures part-way.
struct FixCommandTests {
    typealias H = FixHarness

    /// The Graph writes each broken tenant's dry run lists, in order.
    static let plannedWrites: [String: [String]] = [
        "nothing-consented": [
            #"POST /servicePrincipals {"appId":"61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"}"#,
            #"POST /servicePrincipals {"appId":"acca5fbb-b7e4-4009-81f1-37e38fd66d78"}"#,
            #"POST /oauth2PermissionGrants {"clientId":"(object id of the service principal for 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0)","consentType":"AllPrincipals","resourceId":"(object id of the service principal for acca5fbb-b7e4-4009-81f1-37e38fd66d78)","scope":"user_impersonation"}"#,
            #"POST /oauth2PermissionGrants {"clientId":"(object id of the service principal for 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0)","consentType":"AllPrincipals","resourceId":"(object id of the service principal for 797f4846-ba00-4fd7-ba43-dac1f8f63013)","scope":"user_impersonation"}"#,
        ],
        "redis-sp-missing": [
            #"POST /servicePrincipals {"appId":"acca5fbb-b7e4-4009-81f1-37e38fd66d78"}"#,
            #"POST /oauth2PermissionGrants {"clientId":"8c450946-0e3d-5c3a-a5e1-e3ce964d6a15","consentType":"AllPrincipals","resourceId":"(object id of the service principal for acca5fbb-b7e4-4009-81f1-37e38fd66d78)","scope":"user_impersonation"}"#,
        ],
        "redis-grant-missing": [
            #"POST /oauth2PermissionGrants {"clientId":"5a7c2e91-0d4b-4f36-b8e2-c9a1d3f07b64","consentType":"AllPrincipals","resourceId":"4dde0d34-6ac9-5cfe-bcb1-3700238e3a7b","scope":"user_impersonation"}"#,
        ],
        "grant-without-user-impersonation": [
            #"PATCH /oauth2PermissionGrants/UYIoB2XJ5F2fMXrRPqUe3sXEFTOEPrtUmUhgYPCvMRU {"scope":"Data.Read user_impersonation"}"#,
        ],
        "user-consent-disabled-no-graph-grant": [
            #"POST /oauth2PermissionGrants {"clientId":"855f61ab-9a88-58e5-ae5a-ab1e63058d8f","consentType":"AllPrincipals","resourceId":"f5f0b391-68cc-51c2-8664-932036ac2174","scope":"openid profile offline_access"}"#,
        ],
        "only-per-user-grants": [
            #"POST /oauth2PermissionGrants {"clientId":"ab47101b-0eaa-5445-bab1-84bb9e0439d6","consentType":"AllPrincipals","resourceId":"9ae44902-45cf-5f5b-a011-fd943e5df027","scope":"user_impersonation"}"#,
            #"POST /oauth2PermissionGrants {"clientId":"ab47101b-0eaa-5445-bab1-84bb9e0439d6","consentType":"AllPrincipals","resourceId":"cc9d805d-bd77-5666-8398-e73f9e61f19e","scope":"user_impersonation"}"#,
        ],
    ]

    /// Returns the numbered request lines of the dry run's write list.
    private func listedWrites(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            guard let dot = trimmed.firstIndex(of: "."), Int(trimmed[..<dot]) != nil, line.hasPrefix("  ") else {
                return nil
            }
            return String(trimmed[trimmed.index(dot, offsetBy: 2)...])
        }
    }

    @Test(arguments: H.brokenTenants)
    func dryRunListsWrites(tenant: String) throws {
        let emulator = try EmulatorProcess(tenant: tenant)
        let before = try emulator.stateJSON()

        let result = try H.run(["fix"], against: emulator)

        #expect(result.status == 1)
        #expect(listedWrites(result.standardOutput) == Self.plannedWrites[tenant])
        #expect(result.standardOutput.contains("Nothing was changed. Run the same command with --apply"))
        #expect(try H.writeRequests(emulator) == [])
        #expect(try emulator.stateJSON() == before)
    }

    @Test(arguments: H.brokenTenants)
    func applyMakesTenantHealthy(tenant: String) throws {
        let emulator = try EmulatorProcess(tenant: tenant)
        let before = try emulator.state()

        let result = try H.run(["fix", "--apply", "--yes", "--format", "json"], against: emulator)

        let report = try H.report(result)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(H.verdict(report) == "healthy")
        #expect(report["command"] as? String == "fix")
        #expect(H.outcomes(report) == Array(repeating: "done", count: Self.plannedWrites[tenant]?.count ?? 0))
        let after = try emulator.state()
        #expect(H.lostScopes(before: before, after: after) == [])
        #expect(H.perUserGrants(after) == H.perUserGrants(before))
        #expect(try emulator.requestLog().allSatisfy { $0.method != "DELETE" })

        let check = try H.run(["check"], against: emulator)
        #expect(check.status == 0)
        #expect(check.standardOutput.hasPrefix("consent-doctor check: HEALTHY"))
    }

    @Test(arguments: H.brokenTenants)
    func secondRunWritesNothing(tenant: String) throws {
        let emulator = try EmulatorProcess(tenant: tenant)
        _ = try H.run(["fix", "--apply", "--yes"], against: emulator)
        try emulator.reset()

        let second = try H.run(["fix", "--apply", "--yes", "--format", "json"], against: emulator)

        #expect(second.status == 0)
        #expect(H.outcomes(try H.report(second)) == [])
        #expect(try H.writeRequests(emulator) == [])
    }

    @Test func unionKeepsExistingScope() throws {
        let emulator = try EmulatorProcess(tenant: "grant-without-user-impersonation")

        let result = try H.run(["fix", "--apply", "--yes"], against: emulator)

        #expect(result.status == 0)
        #expect(H.tenantWideScopes(try emulator.state(), resourceAppId: H.redisAppId) == "Data.Read user_impersonation")
        #expect(result.standardOutput.contains("DONE           Set the AllPrincipals grant UYIoB2XJ5F2fMXrRPqUe3sXEFTOEPrtUmUhgYPCvMRU"))
        #expect(result.standardOutput.contains("PATCH /oauth2PermissionGrants/UYIoB2XJ5F2fMXrRPqUe3sXEFTOEPrtUmUhgYPCvMRU: HTTP 204, request-id "))
    }

    @Test func perUserGrantsKeptBesideNewGrant() throws {
        let emulator = try EmulatorProcess(tenant: "only-per-user-grants")
        let before = try emulator.state()

        _ = try H.run(["fix", "--apply", "--yes"], against: emulator)

        let after = try emulator.state()
        #expect(H.perUserGrants(after).count == 5)
        #expect(H.perUserGrants(after) == H.perUserGrants(before))
        #expect(H.tenantWideScopes(after, resourceAppId: H.redisAppId) == "user_impersonation")
        #expect(H.tenantWideScopes(after, resourceAppId: H.resourceManagerAppId) == "user_impersonation")
    }

    @Test func unfixableTenantGetsNoWrite() throws {
        let emulator = try EmulatorProcess(tenant: "client-disabled")

        let result = try H.run(["fix", "--apply", "--yes"], against: emulator)

        #expect(result.status == 1)
        #expect(result.standardOutput.hasPrefix("consent-doctor fix: PROBLEMS"))
        #expect(result.standardOutput.contains("az ad sp update --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --set accountEnabled=true"))
        #expect(try H.writeRequests(emulator) == [])
    }

    @Test func healthyTenantDryRunExitsZero() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")

        let result = try H.run(["fix"], against: emulator)

        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Nothing to run: the plan changes nothing."))
    }

    @Test func throttlingIsRetried() throws {
        let emulator = try EmulatorProcess(tenant: "nothing-consented", faults: ["throttle=3,method=write,retry-after=0"])

        let result = try H.run(["fix", "--apply", "--yes", "--format", "json"], against: emulator)

        #expect(result.status == 0, "\(result.standardError)")
        #expect(H.verdict(try H.report(result)) == "healthy")
        #expect(try emulator.requestLog().filter { $0.status == 429 }.count == 3)
    }

    @Test func waitsForNewObjectsToAppear() throws {
        let emulator = try EmulatorProcess(tenant: "nothing-consented", faults: ["not-found-after-create=1"])

        let result = try H.run(["fix", "--apply", "--yes", "--format", "json"], against: emulator)

        #expect(result.status == 0, "\(result.standardError)")
        #expect(H.verdict(try H.report(result)) == "healthy")
        #expect(H.outcomes(try H.report(result)) == ["done", "done", "done", "done"])
        #expect(try emulator.requestLog().filter { $0.status == 404 }.count >= 4)
    }

    @Test func failureHalfwayThenSecondRunFinishes() throws {
        // The read's $batch holds only GETs, so it is not a write: after=1 lets the first Graph
        // write through and fails every later one with 503.
        let emulator = try EmulatorProcess(tenant: "nothing-consented", faults: ["unavailable,method=write,after=1,retry-after=0"])

        let first = try H.run(["fix", "--apply", "--yes", "--format", "json"], against: emulator)

        let report = try H.report(first)
        #expect(first.status == 69)
        #expect(H.outcomes(report) == ["done", "failed", "not-attempted", "not-attempted"])
        let writes = report["writes"] as? [[String: Any]] ?? []
        #expect(writes.first?["status"] as? Int == 201)
        #expect(writes.first?["objectId"] as? String != nil)
        #expect(writes.dropFirst().first?["status"] as? Int == 503)
        #expect(first.standardError.contains("Only this write was made: Create the service principal for RedisInsight"))
        #expect(first.standardError.contains("Run consent-doctor fix --apply again to finish."))
        #expect(try emulator.state().servicePrincipal(appId: H.clientAppId) != nil)
        #expect(try emulator.state().servicePrincipal(appId: H.redisAppId) == nil)

        try emulator.clearFaults()
        try emulator.reset()
        let second = try H.run(["fix", "--apply", "--yes", "--format", "json"], against: emulator)

        #expect(second.status == 0, "\(second.standardError)")
        #expect(H.verdict(try H.report(second)) == "healthy")
        #expect(H.outcomes(try H.report(second)) == ["done", "done", "done"])
        #expect(try H.writeRequests(emulator).filter { $0 == "POST /v1.0/servicePrincipals" }.count == 1)
    }

    @Test(arguments: ["text", "json", "markdown", "html"])
    func droppedWriteIsNotNothingChanged(format: String) throws {
        let emulator = try EmulatorProcess(tenant: "nothing-consented", faults: ["drop-connection,method=write"])

        let result = try H.run(["fix", "--apply", "--yes", "--format", format], against: emulator)

        #expect(result.status == 69)
        #expect(!result.standardError.contains("Nothing was changed."))
        #expect(result.standardError.contains("This write may have been applied, because the request was sent but no definite answer arrived: Create the service principal for RedisInsight"))
        #expect(result.standardError.contains("Run consent-doctor check, or fix again, to see the tenant's current state."))
        #expect(!result.standardOutput.contains("Nothing in the tenant was changed."))
        #expect(result.standardOutput.contains("may have been applied"))
        #expect(try H.writeRequests(emulator).allSatisfy { $0 == "POST /v1.0/servicePrincipals" })
    }

    @Test func droppedWriteInJSON() throws {
        let emulator = try EmulatorProcess(tenant: "nothing-consented", faults: ["drop-connection,method=write,after=1"])

        let result = try H.run(["fix", "--apply", "--yes", "--format", "json"], against: emulator)

        let report = try H.report(result)
        let writes = report["writes"] as? [[String: Any]] ?? []
        #expect(H.outcomes(report) == ["done", "failed", "not-attempted", "not-attempted"])
        #expect(writes.first?["mayHaveBeenApplied"] == nil)
        #expect(writes.dropFirst().first?["mayHaveBeenApplied"] as? Bool == true)
        let notes = report["notes"] as? [String] ?? []
        #expect(notes.contains("Writes: 1 made, 0 already done, 1 failed (1 of them may have been applied), 2 not attempted."))
        #expect(result.standardError.contains("Only this write was made: Create the service principal for RedisInsight"))
    }

    @Test func invalidScopeNeedsHandWork() throws {
        let source = PackagePaths.fixture("tenants/grant-without-user-impersonation.json")
        var file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as? [String: Any])
        var grants = file["oauth2PermissionGrants"] as? [[String: Any]] ?? []
        grants[0]["scope"] = "Data.Read bad@value"
        file["oauth2PermissionGrants"] = grants
        let copy = try PackagePaths.scratchFolder("invalid-scope").appendingPathComponent("tenant.json")
        try JSONSerialization.data(withJSONObject: file).write(to: copy)
        let emulator = try EmulatorProcess(tenantFile: copy)

        let result = try H.run(["fix", "--apply", "--yes"], against: emulator)

        #expect(result.status == 1)
        #expect(result.standardError.contains("Running fix again fails the same way."))
        #expect(result.standardError.contains("then set the grant's scope to the values to keep plus user_impersonation"))
        #expect(!result.standardError.contains("again to finish"))
        #expect(!result.standardOutput.contains("again to finish"))
        #expect(result.standardOutput.contains("fix cannot finish this on its own"))
        #expect(try H.writeRequests(emulator) == [])
    }

    @Test func unwritableReportExitsSeventyThree() throws {
        let emulator = try EmulatorProcess(tenant: "redis-grant-missing")

        let result = try H.run(["fix", "--apply", "--yes", "-o", "/nonexistent/folder/report.txt"], against: emulator)

        #expect(result.status == 73)
        #expect(result.standardError.contains("cannot write the report to '/nonexistent/folder/report.txt'"))
        #expect(result.standardError.contains("This write was made: Create an AllPrincipals grant"))
        #expect(try H.writeRequests(emulator) == ["POST /v1.0/oauth2PermissionGrants"])
    }

    @Test func helpListsExitStatuses() throws {
        for command in ["check", "fix"] {
            let result = try ProcessRunner.consentDoctor([command, "--help"])
            let text = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("73 the report"), "\(command)")
            #expect(text.contains("--tenant names another tenant than the token or Graph"), "\(command)")
        }
    }

    @Test func readerTokenIsDenied() throws {
        let emulator = try EmulatorProcess(tenant: "redis-sp-missing")
        let before = try emulator.stateJSON()

        let result = try H.run(["fix", "--apply", "--yes"], against: emulator, token: H.readerToken)

        #expect(result.status == 77)
        for name in ["Application.ReadWrite.All", "DelegatedPermissionGrant.ReadWrite.All", "Cloud Application Administrator", "Application Administrator", "Nothing was changed."] {
            #expect(result.standardError.contains(name), "\(name)")
        }
        #expect(result.standardOutput.contains("FAILED         Create the service principal for AzureRedisCacheAadApp"))
        #expect(result.standardOutput.contains("NOT ATTEMPTED  Create an AllPrincipals grant"))
        #expect(try emulator.stateJSON() == before)
    }

    @Test func applyWithoutTerminalNeedsYes() throws {
        let emulator = try EmulatorProcess(tenant: "redis-sp-missing")

        let result = try H.run(["fix", "--apply"], against: emulator, standardInput: Data("y\n".utf8))

        #expect(result.status == 64)
        #expect(result.standardError.contains("Add --yes to apply without asking. Nothing was changed."))
        #expect(try emulator.requestCount() == 0)
    }

    /// Runs `fix --apply` on a pseudo-terminal made by `script`, answering the prompt with `answer`.
    private func applyOnTerminal(_ emulator: EmulatorProcess, answer: String) throws -> ProcessResult {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            try Test.cancel("Skipped: /usr/bin/script (util-linux) is not installed, so no terminal can be simulated.")
        }
        let command = [PackagePaths.binary("consent-doctor").path, "fix", "--apply", "--graph-url", emulator.baseURL.absoluteString, "--auth", "access-token"]
            .map { "'\($0)'" }.joined(separator: " ")
        return try ProcessRunner.run(
            script,
            ["--quiet", "--return", "--command", command, "/dev/null"],
            standardInput: Data("\(answer)\n".utf8),
            environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": H.adminToken, "NO_COLOR": "1"]
        )
    }

    @Test func terminalConfirmationApplies() throws {
        let emulator = try EmulatorProcess(tenant: "redis-grant-missing")

        let result = try applyOnTerminal(emulator, answer: "y")

        #expect(result.status == 0)
        #expect(result.standardOutput.contains("consent-doctor fix will make this Graph write in tenant a1f6c8e3-4b2d-4e97-9c05-7d3b8f2e1a64:"))
        #expect(result.standardOutput.contains("Apply them? [y/N] "))
        #expect(try H.writeRequests(emulator) == ["POST /v1.0/oauth2PermissionGrants"])
    }

    @Test func terminalRefusalChangesNothing() throws {
        let emulator = try EmulatorProcess(tenant: "redis-grant-missing")

        let result = try applyOnTerminal(emulator, answer: "n")

        #expect(result.status == 1)
        #expect(result.standardOutput.contains("Nothing was changed."))
        #expect(try H.writeRequests(emulator) == [])
    }

    @Test func unreachableGraphExitsSixtyNine() throws {
        let result = try H.run(["fix", "--apply", "--yes", "--timeout", "5"], against: "http://127.0.0.1:9")

        #expect(result.status == 69)
    }

    @Test func emitWithApplyIsUsageError() throws {
        let result = try H.run(["fix", "--apply", "--yes", "--emit", "az"], against: "http://127.0.0.1:9")

        #expect(result.status == 64)
        #expect(result.standardError.contains("--emit prints the plan for running by hand"))
    }

    @Test func tokenNeverPrinted() throws {
        let emulator = try EmulatorProcess(tenant: "nothing-consented")

        let result = try H.run(["fix", "--apply", "--yes", "--verbose", "--format", "json"], against: emulator)

        #expect(!result.standardOutput.contains(H.adminToken))
        #expect(!result.standardError.contains(H.adminToken))
        #expect(result.standardError.contains("DONE: Create the service principal for RedisInsight"))
    }
}
