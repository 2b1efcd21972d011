import Foundation
import Testing
import TestSupport

/// What `check` must report for one bundled tenant file.
struct TenantExpectation: CustomStringConvertible, Sendable {
    var tenant: String
    var tenantId: String
    var verdict: String
    var exitStatus: Int32
    /// The findings that are not `pass`, as `id=status`; every other finding must pass.
    var notPassing: [String]
    var commands: [String]

    var description: String { tenant }

    /// Every finding's expected `id=status`, in report order.
    var states: [String] {
        let others = Dictionary(uniqueKeysWithValues: notPassing.map { state in
            let parts = state.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), String(parts[1]))
        })
        return CheckRun.findingIds.map { "\($0)=\(others[$0] ?? "pass")" }
    }
}

/// Runs `check` against the emulator for every tenant file in `Fixtures/tenants` and compares the
/// findings, verdict, exit status and commands.
struct CheckTenantTests {
    typealias C = CheckRun

    /// The findings every tenant reports as info when nothing else is wrong with them.
    static let info = ["tenant.match=info", "grants.per-user=info", "consent.admin-workflow=info"]

    static let expectations: [TenantExpectation] = [
        TenantExpectation(
            tenant: "healthy",
            tenantId: "2b7e4f10-9c3d-4a85-b6e1-0d8f5a2c9e41",
            verdict: "healthy",
            exitStatus: 0,
            notPassing: info,
            commands: []
        ),
        TenantExpectation(
            tenant: "nothing-consented",
            tenantId: "5e8a1c73-2d4f-4b96-8a0e-3f7c9b1d6e25",
            verdict: "problems",
            exitStatus: 1,
            notPassing: info + [
                "service-principal.client=fail", "service-principal.redis-api=fail",
                "client.enabled=unknown", "client.assignment-required=unknown", "redis-api.scope-exposed=unknown",
                "grant.redis-api=fail", "grant.resource-manager=fail", "openid.user-consent=warning",
            ],
            commands: [
                "az login --tenant 5e8a1c73-2d4f-4b96-8a0e-3f7c9b1d6e25",
                "az ad sp create --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0",
                "az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78",
                "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation",
                "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api 797f4846-ba00-4fd7-ba43-dac1f8f63013 --scope user_impersonation",
            ]
        ),
        TenantExpectation(
            tenant: "redis-sp-missing",
            tenantId: "7c4d9e21-6a3b-4f58-b1c7-8e2a0d5f3b96",
            verdict: "problems",
            exitStatus: 1,
            notPassing: info + ["service-principal.redis-api=fail", "redis-api.scope-exposed=unknown", "grant.redis-api=fail"],
            commands: [
                "az login --tenant 7c4d9e21-6a3b-4f58-b1c7-8e2a0d5f3b96",
                "az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78",
                "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation",
            ]
        ),
        TenantExpectation(
            tenant: "redis-grant-missing",
            tenantId: "a1f6c8e3-4b2d-4e97-9c05-7d3b8f2e1a64",
            verdict: "problems",
            exitStatus: 1,
            notPassing: info + ["grant.redis-api=fail"],
            commands: [
                "az login --tenant a1f6c8e3-4b2d-4e97-9c05-7d3b8f2e1a64",
                "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation",
            ]
        ),
        TenantExpectation(
            tenant: "grant-without-user-impersonation",
            tenantId: "c3b8e2f7-9d1a-4c65-8f40-2a6e9d7b5c18",
            verdict: "problems",
            exitStatus: 1,
            notPassing: info + ["grant.redis-api=fail"],
            commands: [
                "az login --tenant c3b8e2f7-9d1a-4c65-8f40-2a6e9d7b5c18",
                // The existing scope first, then the missing one: the command replaces the grant.
                "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope Data.Read user_impersonation",
            ]
        ),
        TenantExpectation(
            tenant: "client-disabled",
            tenantId: "e9d2a4b6-7c1f-4385-a6e8-1b0c3f5d9a27",
            verdict: "problems",
            exitStatus: 1,
            notPassing: info + ["client.enabled=fail"],
            commands: []
        ),
        TenantExpectation(
            tenant: "assignment-required",
            tenantId: "f2c7b9d1-3e5a-4f08-b2d6-9a4e7c1f8b53",
            verdict: "healthy",
            exitStatus: 0,
            notPassing: info + ["client.assignment-required=warning"],
            commands: []
        ),
        TenantExpectation(
            tenant: "user-consent-disabled-no-graph-grant",
            tenantId: "4d8b1f6e-2a9c-4e37-8b15-6c0f3a7d2e94",
            verdict: "problems",
            exitStatus: 1,
            notPassing: info + ["openid.user-consent=fail"],
            commands: [
                "az login --tenant 4d8b1f6e-2a9c-4e37-8b15-6c0f3a7d2e94",
                "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api 00000003-0000-0000-c000-000000000000 --scope openid profile offline_access",
            ]
        ),
        TenantExpectation(
            tenant: "only-per-user-grants",
            tenantId: "8a3e6c2d-5f7b-4d19-a0c4-b2e8f1d6a735",
            verdict: "problems",
            exitStatus: 1,
            notPassing: info + ["grant.redis-api=fail", "grant.resource-manager=fail", "openid.user-consent=warning"],
            commands: [
                "az login --tenant 8a3e6c2d-5f7b-4d19-a0c4-b2e8f1d6a735",
                "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation",
                "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api 797f4846-ba00-4fd7-ba43-dac1f8f63013 --scope user_impersonation",
            ]
        ),
        TenantExpectation(
            tenant: "consent-in-other-tenant",
            tenantId: "9e3c5b7a-1f2d-4c86-a0b4-6d8e2f1a7c53",
            verdict: "healthy",
            exitStatus: 0,
            notPassing: info,
            commands: []
        ),
    ]

    @Test func everyTenantFileCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: PackagePaths.fixture("tenants").path)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(".json".count)) }
        #expect(Set(files) == Set(Self.expectations.map(\.tenant)))
    }

    @Test(arguments: expectations)
    func tenant(_ expected: TenantExpectation) throws {
        try SharedEmulators.use(expected.tenant) { emulator in
            let (result, report) = try C.report(emulator)

            #expect(result.status == expected.exitStatus)
            #expect(result.standardError.isEmpty, "\(result.standardError)")
            #expect(report.command == "check")
            #expect(report.tenant == expected.tenantId)
            #expect(report.verdict.status == expected.verdict)
            #expect(report.states == expected.states)
            #expect(report.commands == expected.commands)
            #expect(report.sharedReasons == nil)
            for finding in report.findings where finding.status == "unknown" {
                #expect(finding.reason?.isEmpty == false, "\(finding.id) has no reason")
            }
        }
    }

    @Test func textShowsTheSameCommands() throws {
        try SharedEmulators.use("redis-grant-missing") { emulator in
            let result = try C.check(emulator)

            #expect(result.status == 1)
            #expect(result.standardOutput.hasPrefix("consent-doctor check: PROBLEMS (10 passed, 1 failed, 0 warnings, 0 unknown, 3 info)\n"))
            #expect(result.standardOutput.contains("""
            Run these commands (in order, as an admin of the tenant):
              az login --tenant a1f6c8e3-4b2d-4e97-9c05-7d3b8f2e1a64
              az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation

            """))
            #expect(result.standardOutput.contains("FAIL     Admin consent for RedisInsight to AzureRedisCacheAadApp (user_impersonation) [grant.redis-api]"))
        }
    }

    @Test func perUserGrantsWarnAndOfferRest() throws {
        try SharedEmulators.use("only-per-user-grants") { emulator in
            let (_, report) = try C.report(emulator)
            let warnings = try #require(report.plan?.warnings)
            let redis = try #require(warnings.first)

            #expect(warnings.count == 4)
            #expect(redis.hasPrefix("2 users have grants of their own to AzureRedisCacheAadApp. az ad app permission grant deletes every per-user grant to it"))
            #expect(redis.hasSuffix("""
            az rest --method POST --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants --body '{"clientId":"ab47101b-0eaa-5445-bab1-84bb9e0439d6","consentType":"AllPrincipals","resourceId":"9ae44902-45cf-5f5b-a011-fd943e5df027","scope":"user_impersonation"}'
            """))
            #expect(warnings[1].hasPrefix("1 user has a grant of their own to Windows Azure Service Management API."))
            #expect(warnings[2].hasPrefix("2 users have grants of their own to Microsoft Graph."))
            let perUser = try #require(report.finding("grants.per-user"))
            #expect(perUser.evidence.filter { $0.label.hasPrefix("user object id") }.count == 5)
        }
    }

    @Test func disabledClientWarnsWithUpdate() throws {
        try SharedEmulators.use("client-disabled") { emulator in
            let (_, report) = try C.report(emulator)
            #expect(report.plan?.warnings.first?.hasSuffix("az ad sp update --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --set accountEnabled=true") == true)
        }
    }

    @Test func expectedTenantComesFirst() throws {
        try SharedEmulators.use("consent-in-other-tenant") { emulator in
            let users = "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35"
            let (result, report) = try C.report(emulator, ["--expect-tenant", users])
            let first = try #require(report.findings.first)

            #expect(result.status == 1)
            #expect(report.verdict.status == "problems")
            #expect(first.id == "tenant.match")
            #expect(first.status == "fail")
            #expect(first.detail.contains(users))
            #expect(report.commands.isEmpty)
            #expect(report.plan?.warnings.first?.contains("users get their tokens from \(users)") == true)
            #expect(report.notes.contains { $0.contains("https://login.microsoftonline.com/\(users)/adminconsent?client_id=61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0") })
            #expect(!report.notes.contains { $0.contains("9e3c5b7a-1f2d-4c86-a0b4-6d8e2f1a7c53/adminconsent") })
        }
    }

    @Test func pastedErrorSetsExpectedTenant() throws {
        try SharedEmulators.use("consent-in-other-tenant") { emulator in
            let paste = PackagePaths.fixture("pastes/02-ri-docker-toast-650052.txt").path
            let (result, report) = try C.report(emulator, ["--from-error", paste])
            let first = try #require(report.findings.first)

            #expect(result.status == 1)
            #expect(first.id == "tenant.match")
            #expect(first.status == "fail")
            #expect(first.evidence.contains { $0.label.contains("AADSTS650052") && $0.value == "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35" })

            let text = try C.check(emulator, ["--from-error", paste])
            let lines = text.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count > 3)
            #expect(lines[3].hasPrefix("FAIL     Tenant that issues users' tokens [tenant.match]"))
        }
    }

    @Test func expectedTenantByDomain() throws {
        try SharedEmulators.use("healthy") { emulator in
            let (same, sameReport) = try C.report(emulator, ["--expect-tenant", "cd-healthy.onmicrosoft.com"])
            #expect(same.status == 0)
            #expect(sameReport.finding("tenant.match")?.status == "pass")

            let (other, otherReport) = try C.report(emulator, ["--expect-tenant", "fabrikam.onmicrosoft.com"])
            #expect(other.status == 1)
            #expect(otherReport.finding("tenant.match")?.status == "fail")
        }
    }

    @Test func sameTenantByGuidPasses() throws {
        try SharedEmulators.use("healthy") { emulator in
            let (result, report) = try C.report(emulator, ["--expect-tenant", "2B7E4F10-9C3D-4A85-B6E1-0D8F5A2C9E41"])
            #expect(result.status == 0)
            #expect(report.finding("tenant.match")?.status == "pass")
        }
    }

    @Test func tenantOptionIsKept() throws {
        try SharedEmulators.use("healthy") { emulator in
            let (result, report) = try C.report(emulator, ["--tenant", "2b7e4f10-9c3d-4a85-b6e1-0d8f5a2c9e41"])
            #expect(result.status == 0)
            #expect(report.tenant == "2b7e4f10-9c3d-4a85-b6e1-0d8f5a2c9e41")
        }
    }
}
