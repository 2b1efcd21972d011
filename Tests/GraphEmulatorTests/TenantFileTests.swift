import Foundation
import Testing
import TestSupport
@testable import GraphEmulator

struct TenantFileTests {
    @Test(arguments: Fixture.tenantNames)
    func fixtureLoads(name: String) throws {
        let tenant = try Fixture.tenant(name)
        #expect(GUID.isValid(tenant.tenantId))
        #expect(tenant.appCatalog.count == 6)
        #expect(tenant.identities.count == 7)
        #expect(tenant.description?.isEmpty == false)
    }

    @Test func everyFixtureIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: PackagePaths.fixture("tenants").path)
        let names = files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        #expect(names == Fixture.tenantNames.sorted())
    }

    @Test func healthyHasFourServicePrincipalsAndThreeGrants() throws {
        let tenant = try Fixture.tenant("healthy")
        #expect(Set(tenant.servicePrincipals.map(\.appId)) == [Fixture.clientAppId, Fixture.redisAppId, Fixture.armAppId, Fixture.graphAppId])
        #expect(tenant.oauth2PermissionGrants.map(\.scope).sorted() == ["openid profile offline_access", "user_impersonation", "user_impersonation"])
        #expect(tenant.oauth2PermissionGrants.allSatisfy { $0.consentType == "AllPrincipals" })
    }

    @Test func nothingConsentedHasNoClientOrRedis() throws {
        let tenant = try Fixture.tenant("nothing-consented")
        #expect(Set(tenant.servicePrincipals.map(\.appId)) == [Fixture.armAppId, Fixture.graphAppId])
        #expect(tenant.oauth2PermissionGrants.isEmpty)
    }

    @Test func consentInOtherTenantIsNotTheUsersTenant() throws {
        let tenant = try Fixture.tenant("consent-in-other-tenant")
        #expect(tenant.tenantId != "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35")
        #expect(tenant.oauth2PermissionGrants.count == 3)
    }

    @Test func userConsentDisabledHasNoSelfConsentPolicy() throws {
        let tenant = try Fixture.tenant("user-consent-disabled-no-graph-grant")
        #expect(!tenant.authorizationPolicy.permissionGrantPoliciesAssigned.contains { $0.hasPrefix("ManagePermissionGrantsForSelf.") })
        let graphId = try #require(tenant.servicePrincipals.first { $0.appId == Fixture.graphAppId }?.id)
        #expect(!tenant.oauth2PermissionGrants.contains { $0.resourceId == graphId })
    }

    @Test func grantIdMatchesGraphLayout() {
        // A client/resource pair and its grant id as published in Graph's documentation.
        let id = PermissionGrantRecord.derivedId(clientId: "0612c321-db5f-4a32-909e-4f28080557ef", resourceId: "943603e4-e787-4fe9-93d1-e30f749aae39", principalId: nil)
        #expect(id == "IcMSBl_bMkqQnk8oCAVX7-QDNpSH5-lPk9HjD3Sarjk")
    }

    @Test func principalGrantIdAppendsUser() {
        let principal = PermissionGrantRecord.derivedId(clientId: "b0d9b9e3-0ecf-4bfd-8dab-9273dd055a94", resourceId: "7ea9e944-71ce-443d-811c-71e8047b557a", principalId: "3fbd929d-8c56-4462-851e-0eb9a7b3a2a5")
        #expect(principal == "47nZsM8O_UuNq5Jz3QValETpqX7OcT1EgRxx6AR7VXqdkr0_VoxiRIUeDrmns6Kl")
    }

    // MARK: Errors name the field

    /// Returns the healthy fixture as a mutable JSON object.
    private func healthyJSON() throws -> [String: Any] {
        let data = try Data(contentsOf: PackagePaths.fixture("tenants/healthy.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func decodeError(_ object: [String: Any]) throws -> TenantFileError {
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try TenantFile.decode(data, source: "test.json")
        } catch let error as TenantFileError {
            return error
        }
        throw TenantFileError(source: "test.json", field: nil, problem: "decoded without an error")
    }

    @Test func missingFieldNamed() throws {
        var object = try healthyJSON()
        object.removeValue(forKey: "authorizationPolicy")
        let error = try decodeError(object)
        #expect(error.field == "authorizationPolicy")
        #expect(error.problem == "is missing")
        #expect(error.description == "Tenant file 'test.json': field 'authorizationPolicy' is missing.")
    }

    @Test func wrongTypeNamedWithIndex() throws {
        var object = try healthyJSON()
        var servicePrincipals = try #require(object["servicePrincipals"] as? [[String: Any]])
        servicePrincipals[1]["accountEnabled"] = "yes"
        object["servicePrincipals"] = servicePrincipals
        let error = try decodeError(object)
        #expect(error.field == "servicePrincipals[1].accountEnabled")
        #expect(error.problem == "has the wrong type: expected true or false")
    }

    @Test func invalidGUIDNamed() throws {
        var object = try healthyJSON()
        object["tenantId"] = "contoso"
        let error = try decodeError(object)
        #expect(error.field == "tenantId")
        #expect(error.problem == "is 'contoso', which is not a GUID")
    }

    @Test func grantToMissingServicePrincipalNamed() throws {
        var object = try healthyJSON()
        var grants = try #require(object["oauth2PermissionGrants"] as? [[String: Any]])
        grants[2]["resourceId"] = "11111111-2222-4333-8444-555555555555"
        object["oauth2PermissionGrants"] = grants
        let error = try decodeError(object)
        #expect(error.field == "oauth2PermissionGrants[2].resourceId")
        #expect(error.problem.contains("not the id of a service principal"))
    }

    @Test func duplicateGrantKeyRejected() throws {
        var object = try healthyJSON()
        var grants = try #require(object["oauth2PermissionGrants"] as? [[String: Any]])
        grants.append(grants[0])
        object["oauth2PermissionGrants"] = grants
        let error = try decodeError(object)
        #expect(error.field == "oauth2PermissionGrants[3]")
    }

    @Test func principalGrantNeedsPrincipalId() throws {
        var object = try healthyJSON()
        var grants = try #require(object["oauth2PermissionGrants"] as? [[String: Any]])
        grants[0]["consentType"] = "Principal"
        object["oauth2PermissionGrants"] = grants
        let error = try decodeError(object)
        #expect(error.field == "oauth2PermissionGrants[0].principalId")
    }

    @Test func unknownPermissionNamed() throws {
        var object = try healthyJSON()
        var identities = try #require(object["identities"] as? [[String: Any]])
        identities[0]["permissions"] = ["read", "admin"]
        object["identities"] = identities
        let error = try decodeError(object)
        #expect(error.field == "identities[0].permissions[1]")
        #expect(error.problem == "is 'admin': expected 'read' or 'write'")
    }

    @Test func secretsStayOutOfMessages() throws {
        var object = try healthyJSON()
        var identities = try #require(object["identities"] as? [[String: Any]])
        identities[1]["staticTokens"] = ["static-admin-token"]
        object["identities"] = identities
        let error = try decodeError(object)
        #expect(error.field == "identities[1].staticTokens[0]")
        #expect(!error.description.contains("static-admin-token"))
    }

    @Test func invalidJSONReported() throws {
        do {
            _ = try TenantFile.decode(Data("{ not json".utf8), source: "broken.json")
            Issue.record("decoded")
        } catch let error as TenantFileError {
            #expect(error.field == nil)
            #expect(error.problem.hasPrefix("is not valid JSON"))
        }
    }

    @Test func unreadableFileReported() {
        do {
            _ = try TenantFile.load(from: URL(fileURLWithPath: "/nonexistent/tenant.json"))
            Issue.record("loaded")
        } catch let error as TenantFileError {
            #expect(error.source == "/nonexistent/tenant.json")
            #expect(error.problem.hasPrefix("cannot be read"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
