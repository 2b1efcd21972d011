import Foundation
import Testing
@testable import GraphEmulator

struct TenantEndpointTests {
    @Test func authorizationPolicyHealthy() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/policies/authorizationPolicy")
        #expect(reply.status == 200)
        #expect(reply.json["id"] as? String == "authorizationPolicy")
        let permissions = try #require(reply.json["defaultUserRolePermissions"] as? [String: Any])
        let policies = try #require(permissions["permissionGrantPoliciesAssigned"] as? [String])
        #expect(policies.contains("ManagePermissionGrantsForSelf.microsoft-user-default-low"))
    }

    @Test func authorizationPolicyWithoutUserConsent() throws {
        let emulator = try InProcessEmulator(tenant: "user-consent-disabled-no-graph-grant")
        let reply = emulator.get("/v1.0/policies/authorizationPolicy")
        let permissions = try #require(reply.json["defaultUserRolePermissions"] as? [String: Any])
        let policies = try #require(permissions["permissionGrantPoliciesAssigned"] as? [String])
        #expect(!policies.isEmpty)
        #expect(!policies.contains { $0.hasPrefix("ManagePermissionGrantsForSelf.") })
    }

    @Test func adminConsentRequestPolicyEnabled() throws {
        let emulator = try InProcessEmulator(tenant: "user-consent-disabled-no-graph-grant")
        let reply = emulator.get("/v1.0/policies/adminConsentRequestPolicy")
        #expect(reply.status == 200)
        #expect(reply.json["isEnabled"] as? Bool == true)
        let reviewers = try #require(reply.json["reviewers"] as? [[String: Any]])
        #expect(reviewers.count == 1)
        #expect((reviewers.first?["query"] as? String)?.hasPrefix("/users/") == true)
    }

    @Test func adminConsentRequestPolicyDisabled() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/policies/adminConsentRequestPolicy")
        #expect(reply.json["isEnabled"] as? Bool == false)
        #expect((reply.json["reviewers"] as? [Any])?.isEmpty == true)
    }

    @Test func organization() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/organization")
        let organization = try #require(reply.values.first)
        #expect(organization["id"] as? String == Fixture.healthyTenantId)
        let domains = try #require(organization["verifiedDomains"] as? [[String: Any]])
        #expect(domains.first?["name"] as? String == "cd-healthy.onmicrosoft.com")
        #expect(domains.first?["isDefault"] as? Bool == true)
    }

    @Test func applicationsListEmptyForForeignApp() throws {
        // `az ad sp create` looks for an app registration first and falls back when there is none.
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/applications?$filter=\(encodedQuery("appId eq '\(Fixture.redisAppId)'"))")
        #expect(reply.status == 200)
        #expect(reply.values.isEmpty)
        #expect(emulator.get("/v1.0/applications/\(Fixture.redisAppId)").status == 404)
    }

    @Test func meNeedsUserToken() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/me")
        #expect(reply.status == 400)
    }
}
