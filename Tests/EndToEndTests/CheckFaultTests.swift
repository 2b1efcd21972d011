import Foundation
import Testing
import TestSupport

/// Runs `check` against an emulator with each fault mode switched on. Every test starts its own
/// emulator, because faults change what it answers.
struct CheckFaultTests {
    typealias C = CheckRun

    /// The findings that depend on Graph reads; every one is unknown when no read succeeded.
    static let readFindings = Array(C.findingIds.dropFirst().dropLast())

    private func expectHealthy(_ result: ProcessResult, _ report: CheckReport, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, sourceLocation: sourceLocation)
        #expect(report.verdict.status == "healthy", sourceLocation: sourceLocation)
        #expect(report.verdict.unknown == 0, sourceLocation: sourceLocation)
        #expect(report.verdict.pass == 11, sourceLocation: sourceLocation)
    }

    /// Expects every read finding unknown with a reason, and the verdict incomplete.
    private func expectNothingRead(_ report: CheckReport, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(report.verdict.status == "incomplete", sourceLocation: sourceLocation)
        for id in Self.readFindings {
            let finding = report.finding(id)
            #expect(finding?.status == "unknown", "\(id)", sourceLocation: sourceLocation)
            #expect(finding?.reason?.isEmpty == false, "\(id)", sourceLocation: sourceLocation)
        }
    }

    @Test func latency() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["latency=50ms"])
        let (result, report) = try C.report(emulator)
        expectHealthy(result, report)
    }

    @Test func throttledThenRecovers() throws {
        let emulator = try EmulatorProcess(tenant: "redis-grant-missing", faults: ["throttle=3,retry-after=0"])
        let (result, report) = try C.report(emulator, ["--verbose"])

        #expect(result.status == 1)
        #expect(report.states == CheckTenantTests.expectations.first { $0.tenant == "redis-grant-missing" }?.states)
        let retries = result.standardError.split(separator: "\n").filter { $0.hasPrefix("info: Retrying POST /$batch in 0.0 s") }
        #expect(retries.count == 3)
        for (index, line) in retries.enumerated() {
            #expect(line.contains("(attempt \(index + 2) of 4)"))
            #expect(line.contains("returned 429 with Retry-After"))
            #expect(line.contains("request-id "))
        }
        let throttled = try emulator.requestLog().filter { $0.status == 429 }
        #expect(throttled.count == 3)
        for request in throttled {
            #expect(result.standardError.contains("request-id \(request.requestId)"))
        }
    }

    @Test func retryWaitsAreLogged() throws {
        // A one-second Retry-After shows the wait in the log; the check still completes.
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["throttle=1,retry-after=1"])
        let (result, report) = try C.report(emulator, ["-v"])

        expectHealthy(result, report)
        #expect(result.standardError.contains("info: Retrying POST /$batch in 1.0 s (attempt 2 of 4): the server returned 429 with Retry-After"))
    }

    @Test func throttledBatchItems() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["throttle=2,retry-after=0,target=batch-item"])
        let (result, report) = try C.report(emulator, ["--verbose"])

        expectHealthy(result, report)
        #expect(result.standardError.contains("info: Retrying 2 of 7 $batch items in 0.0 s (attempt 2 of 4)"))
        let log = try emulator.requestLog()
        #expect(log.filter { $0.batchItemId != nil && $0.status == 429 }.count == 2)
        #expect(log.filter { $0.path.hasSuffix("/$batch") }.count == 2)
    }

    @Test func unavailableThenRecovers() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["unavailable=2,retry-after=0"])
        let (result, report) = try C.report(emulator, ["--verbose"])

        expectHealthy(result, report)
        #expect(result.standardError.contains("returned 503 with Retry-After"))
    }

    @Test func unavailableForever() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["unavailable,retry-after=0"])
        let (result, report) = try C.report(emulator)

        #expect(result.status == 69)
        expectNothingRead(report)
        let shared = try #require(report.sharedReasons?.first)
        #expect(shared.hasPrefix("Graph was unavailable for POST /$batch: it returned status 503 after 4 attempts"))
        #expect(shared.contains("Run the check again in a few minutes."))
    }

    @Test func throttledForever() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["throttle,retry-after=0"])
        let (result, report) = try C.report(emulator)

        #expect(result.status == 69)
        expectNothingRead(report)
        #expect(report.sharedReasons?.first?.hasPrefix("Graph kept throttling POST /$batch (status 429 after 4 attempts") == true)
    }

    @Test func hugeRetryAfterNotRetried() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["throttle,retry-after=999999999"])
        let (result, report) = try C.report(emulator)

        #expect(result.status == 69)
        expectNothingRead(report)
        #expect(try emulator.requestCount() == 1)
        let shared = try #require(report.sharedReasons?.first)
        #expect(shared.hasPrefix("Graph returned status 429 for POST /$batch"))
        #expect(shared.contains("requested a wait of 999999999 s before a retry, longer than the 120 s consent-doctor would still wait for this request, so it did not retry."))
        #expect(shared.contains("Run the check again after the wait Graph requested."))
        #expect(!shared.contains("retries ran out"))
        #expect(!shared.contains("kept throttling"))
    }

    @Test func hugeRetryAfterOnBatchItem() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["throttle,retry-after=999999999,target=batch-item,path=/v1.0/policies/adminConsentRequestPolicy"])
        let (_, report) = try C.report(emulator)

        let reason = try #require(report.finding("consent.admin-workflow")?.reason)
        #expect(reason.contains("requested a wait of 999999999 s before a retry, longer than the 120 s"))
        #expect(!reason.contains("retries ran out"))
        #expect(try emulator.requestLog().filter { $0.path.hasSuffix("/$batch") }.count == 1)
    }

    @Test func hungResponseTimesOut() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["hang"])
        let (result, report) = try C.report(emulator, ["--timeout", "2"])

        #expect(result.status == 69)
        expectNothingRead(report)
        let shared = try #require(report.sharedReasons?.first)
        #expect(shared.hasPrefix("POST /$batch got no response from Graph after 4 attempts."))
        #expect(shared.contains("timed out: no complete response arrived within 2 s"))
        #expect(shared.contains("raise the timeout"))
    }

    @Test func hungGrantsLeaveOtherChecks() throws {
        // Only the second round trip hangs: the service principals were read, the grants were not.
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["hang,path=/v1.0/oauth2PermissionGrants*"])
        let (result, report) = try C.report(emulator, ["--timeout", "1"])

        #expect(result.status == 69)
        #expect(report.verdict.status == "incomplete")
        #expect(report.finding("service-principal.client")?.status == "pass")
        #expect(report.finding("client.enabled")?.status == "pass")
        #expect(report.finding("grant.redis-api")?.status == "unknown")
        #expect(report.finding("grant.redis-api")?.reason?.contains("within 1 s") == true)
    }

    @Test func malformedJSON() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["malformed-json"])
        let (result, report) = try C.report(emulator)

        #expect(result.status == 1)
        expectNothingRead(report)
        let shared = try #require(report.sharedReasons?.first)
        #expect(shared.hasPrefix("Graph's response to POST /$batch could not be read: "))
        #expect(shared.contains("request-id "))
    }

    @Test func malformedGrantsOnly() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["malformed-json,path=/v1.0/oauth2PermissionGrants*"])
        let (result, report) = try C.report(emulator)

        #expect(result.status == 1)
        #expect(report.verdict.status == "incomplete")
        #expect(report.finding("service-principal.redis-api")?.status == "pass")
        #expect(report.finding("grant.redis-api")?.status == "unknown")
        #expect(report.finding("grant.redis-api")?.reason?.contains("could not be read") == true)
    }

    @Test func pageSizeOne() throws {
        for tenant in ["healthy", "only-per-user-grants"] {
            let emulator = try EmulatorProcess(tenant: tenant, faults: ["page-size=1"])
            let (result, report) = try C.report(emulator)
            let expected = try #require(CheckTenantTests.expectations.first { $0.tenant == tenant })

            #expect(result.status == expected.exitStatus, "\(tenant)")
            #expect(report.states == expected.states, "\(tenant)")
            #expect(report.commands == expected.commands, "\(tenant)")
            let grantPages = try emulator.requestLog().filter { $0.path.contains("/oauth2PermissionGrants") }
            #expect(grantPages.count == (tenant == "healthy" ? 3 : 5), "\(tenant)")
        }
    }

    @Test func notFoundAfterCreateHasNoEffect() throws {
        let emulator = try EmulatorProcess(tenant: "redis-grant-missing", faults: ["not-found-after-create=3"])
        let (result, report) = try C.report(emulator)
        let expected = try #require(CheckTenantTests.expectations.first { $0.tenant == "redis-grant-missing" })

        #expect(result.status == 1)
        #expect(report.states == expected.states)
        #expect(report.commands == expected.commands)
    }

    @Test func unknownTokenIsRejected() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let (result, report) = try C.report(emulator, token: "not-a-known-token")

        #expect(result.status == 77)
        expectNothingRead(report)
        #expect(report.sharedReasons?.count == 1)
        let shared = try #require(report.sharedReasons?.first)
        #expect(shared.hasPrefix("Graph rejected the token for POST /$batch with status 401 (code InvalidAuthenticationToken"))
        #expect(shared.components(separatedBy: "Sign in again").count == 2)
        #expect(!result.standardOutput.contains("not-a-known-token"))
        #expect(!result.standardError.contains("not-a-known-token"))

        let text = try C.check(emulator, token: "not-a-known-token")
        #expect(text.status == 77)
        #expect(text.standardOutput.components(separatedBy: "Graph rejected the token").count == 2)
        #expect(text.standardOutput.contains("Reason: See reason 1 above."))
    }

    @Test func noAccessNamesLeastPrivilege() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let (result, report) = try C.report(emulator, token: "static-no-access-token")

        #expect(result.status == 77)
        expectNothingRead(report)
        let reasons = report.findings.compactMap(\.reason).joined(separator: "\n")
        for name in ["Application.Read.All", "Directory.Read.All", "Global Reader", "Directory Readers", "Cloud Application Administrator", "Policy.Read.All"] {
            #expect(reasons.contains(name), "\(name)")
        }
        #expect(report.finding("service-principal.client")?.reason?.contains("status 403") == true)
    }

    @Test func readerDeniedWritesStillHealthy() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let create = try emulator.send("POST", "/v1.0/servicePrincipals", token: "static-reader-token", body: Data(#"{"appId":"acca5fbb-b7e4-4009-81f1-37e38fd66d78"}"#.utf8))
        #expect(create.status == 403)

        let (result, report) = try C.report(emulator, token: "static-reader-token")

        expectHealthy(result, report)
        #expect(try emulator.requestLog().allSatisfy { $0.status < 400 || $0.method == "POST" && $0.path == "/v1.0/servicePrincipals" })
    }

    @Test func throttledTokenEndpoint() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["throttle=1,retry-after=0,path=*/oauth2/v2.0/token"])
        let environment = [
            "AZURE_TENANT_ID": "2b7e4f10-9c3d-4a85-b6e1-0d8f5a2c9e41",
            "AZURE_CLIENT_ID": "8d2f6a41-5c7e-4b09-9e13-a4f0c6b2d857",
            "AZURE_CLIENT_SECRET": "checker-app-secret",
        ]
        let (result, report) = try C.report(emulator, ["--authority-host", emulator.baseURL.absoluteString], token: nil, environment: environment)

        expectHealthy(result, report)
        let tokenRequests = try emulator.requestLog().filter { $0.path.hasSuffix("/oauth2/v2.0/token") }
        #expect(tokenRequests.map(\.status) == [429, 200])
    }
}
