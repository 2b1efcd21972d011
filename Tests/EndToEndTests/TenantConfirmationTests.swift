import Foundation
import Testing
import TestSupport

/// Runs `check` and `fix` with a `--tenant` that is not the tenant the token reads, and with an
/// organization Graph does not return, against the emulator. Nothing may be written.
struct TenantConfirmationTests {
    typealias H = FixHarness

    static let tenantId = "5e8a1c73-2d4f-4b96-8a0e-3f7c9b1d6e25"
    static let otherTenantId = "2b7e4f10-9c3d-4a85-b6e1-0d8f5a2c9e41"

    @Test func fixStopsForOtherDomain() throws {
        let emulator = try EmulatorProcess(tenant: "nothing-consented")
        let before = try emulator.stateJSON()

        let result = try H.run(["fix", "--tenant", "contoso.onmicrosoft.com", "--apply", "--yes"], against: emulator)

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --tenant names contoso.onmicrosoft.com, but Graph reports that the token reads tenant \(Self.tenantId) (verified domains: cd-nothing.onmicrosoft.com)."))
        #expect(result.standardError.contains("az login --tenant contoso.onmicrosoft.com"))
        #expect(result.standardError.contains("drop --tenant"))
        #expect(result.standardError.hasSuffix("Nothing was changed.\n"))
        #expect(result.standardOutput.isEmpty)
        #expect(try H.writeRequests(emulator) == [])
        #expect(try emulator.stateJSON() == before)
    }

    @Test func checkStopsForOtherDomain() throws {
        let emulator = try EmulatorProcess(tenant: "nothing-consented")

        let result = try CheckRun.check(emulator, ["--tenant", "contoso.onmicrosoft.com"])

        #expect(result.status == 64)
        #expect(result.standardError.contains("--tenant names contoso.onmicrosoft.com, but Graph reports that the token reads tenant \(Self.tenantId)"))
        #expect(result.standardError.hasSuffix("The check stopped without reporting.\n"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func verifiedDomainIsAccepted() throws {
        let emulator = try EmulatorProcess(tenant: "nothing-consented")

        let result = try H.run(["fix", "--tenant", "CD-NOTHING.onmicrosoft.com", "--apply", "--yes"], against: emulator)

        #expect(result.status == 0, "\(result.standardError)")
        #expect(try H.writeRequests(emulator).count == 4)
    }

    @Test func otherGUIDStopsAfterRead() throws {
        let emulator = try EmulatorProcess(tenant: "nothing-consented")

        let result = try H.run(["fix", "--tenant", Self.otherTenantId, "--apply", "--yes"], against: emulator)

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --tenant names \(Self.otherTenantId), but Graph reports that the token reads tenant \(Self.tenantId)"))
        #expect(try H.writeRequests(emulator) == [])
    }

    /// Returns an unsigned JWT whose `tid` claim is `tenant`. The emulator accepts it as a
    /// static token; consent-doctor reads its tenant without verifying it.
    static func token(tenant: String) -> String {
        func encode(_ text: String) -> String {
            Data(text.utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return encode(#"{"alg":"none","typ":"JWT"}"#) + "." + encode(#"{"tid":"\#(tenant)","aud":"https://graph.microsoft.com"}"#) + ".signature"
    }

    /// Starts the emulator for `nothing-consented` with one more admin whose static token is `token`.
    static func emulator(acceptingToken token: String) throws -> EmulatorProcess {
        let source = PackagePaths.fixture("tenants/nothing-consented.json")
        var file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as? [String: Any])
        var identities = file["identities"] as? [[String: Any]] ?? []
        identities.append(["name": "jwt-admin", "permissions": ["read", "write"], "staticTokens": [token]])
        file["identities"] = identities
        let copy = try PackagePaths.scratchFolder("jwt-tenant").appendingPathComponent("tenant.json")
        try JSONSerialization.data(withJSONObject: file).write(to: copy)
        return try EmulatorProcess(tenantFile: copy)
    }

    @Test func tokenTenantStopsBeforeAnyRequest() throws {
        let token = Self.token(tenant: Self.otherTenantId)
        let emulator = try Self.emulator(acceptingToken: token)

        let result = try H.run(["fix", "--tenant", Self.tenantId, "--apply", "--yes"], against: emulator, token: token)

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --tenant names \(Self.tenantId), but the token is for tenant \(Self.otherTenantId)."))
        #expect(try emulator.requestCount() == 0)
        #expect(!result.standardError.contains(token))
    }

    @Test func tokenTenantMatchingIsAccepted() throws {
        let token = Self.token(tenant: Self.tenantId)
        let emulator = try Self.emulator(acceptingToken: token)

        let result = try H.run(["check", "--tenant", Self.tenantId.uppercased(), "--format", "json"], against: emulator, token: token)

        #expect(result.status == 1, "\(result.standardError)")
        #expect(try CheckRun.decode(result).finding("tenant.match")?.status == "info")
    }

    static let organizationUnavailable = "unavailable,path=/v1.0/organization,target=batch-item,retry-after=0"

    @Test func unreadableOrganizationBlocksWrites() throws {
        let emulator = try EmulatorProcess(tenant: "nothing-consented", faults: [Self.organizationUnavailable])
        let before = try emulator.stateJSON()

        let result = try H.run(["fix", "--tenant", Self.tenantId, "--apply", "--yes"], against: emulator)

        #expect(result.status == 69)
        #expect(result.standardError.hasPrefix("Error: Graph did not return the organization, so whether the tenant read is \(Self.tenantId), the --tenant value, could not be confirmed."))
        #expect(result.standardError.hasSuffix("fix writes only to a tenant it has confirmed, so nothing was changed.\n"))
        #expect(try H.writeRequests(emulator) == [])
        #expect(try emulator.stateJSON() == before)
    }

    @Test func unreadableOrganizationLeavesCheckUnknown() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: [Self.organizationUnavailable])

        let (result, report) = try CheckRun.report(emulator, ["--tenant", Self.otherTenantId])

        #expect(result.status == 69)
        #expect(report.verdict.status == "incomplete")
        let finding = try #require(report.finding("tenant.match"))
        #expect(finding.status == "unknown")
        #expect(finding.reason?.contains("could not be confirmed") == true)
    }

    @Test func withoutTenantNothingIsCompared() throws {
        let emulator = try EmulatorProcess(tenant: "nothing-consented", faults: [Self.organizationUnavailable])

        let result = try H.run(["fix", "--apply", "--yes"], against: emulator)

        #expect(result.status == 0, "\(result.standardError)")
        #expect(try H.writeRequests(emulator).count == 4)
    }
}
