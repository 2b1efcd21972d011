import Foundation
import Testing
@testable import GraphEmulator

struct GrantEndpointTests {
    /// Returns the object ids of the client, Redis, ARM and Graph service principals.
    private func ids(_ emulator: InProcessEmulator) throws -> (client: String, redis: String, arm: String, graph: String) {
        (
            try #require(emulator.servicePrincipalId(appId: Fixture.clientAppId)),
            try #require(emulator.servicePrincipalId(appId: Fixture.redisAppId)),
            try #require(emulator.servicePrincipalId(appId: Fixture.armAppId)),
            try #require(emulator.servicePrincipalId(appId: Fixture.graphAppId))
        )
    }

    @Test func listByClientId() throws {
        let emulator = try InProcessEmulator()
        let client = try ids(emulator).client
        let reply = emulator.get("/v1.0/oauth2PermissionGrants?$filter=\(encodedQuery("clientId eq '\(client)'"))")
        #expect(reply.status == 200)
        #expect(reply.values.count == 3)
        #expect(reply.values.allSatisfy { $0["clientId"] as? String == client })
        #expect(reply.values.allSatisfy { $0["principalId"] is NSNull })
        #expect(reply.json["@odata.context"] as? String == "http://127.0.0.1:9/v1.0/$metadata#oauth2PermissionGrants")
    }

    @Test func listByClientAndResource() throws {
        let emulator = try InProcessEmulator()
        let ids = try ids(emulator)
        let reply = emulator.get("/v1.0/oauth2PermissionGrants?$filter=\(encodedQuery("clientId eq '\(ids.client)' and resourceId eq '\(ids.graph)'"))")
        #expect(reply.values.count == 1)
        #expect(reply.values.first?["scope"] as? String == "openid profile offline_access")
    }

    @Test func listByConsentType() throws {
        let emulator = try InProcessEmulator(tenant: "only-per-user-grants")
        let client = try ids(emulator).client
        let all = emulator.get("/v1.0/oauth2PermissionGrants?$filter=\(encodedQuery("clientId eq '\(client)' and consentType eq 'AllPrincipals'"))")
        #expect(all.values.isEmpty)
        let principal = emulator.get("/v1.0/oauth2PermissionGrants?$filter=\(encodedQuery("clientId eq '\(client)' and consentType eq 'Principal'"))")
        #expect(principal.values.count == 5)
        #expect(principal.values.allSatisfy { ($0["principalId"] as? String).map(GUID.isValid) == true })
    }

    @Test func unknownClientIdIs404() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/oauth2PermissionGrants?$filter=\(encodedQuery("clientId eq '11111111-2222-4333-8444-555555555555'"))")
        #expect(reply.status == 404)
        #expect(reply.errorCode == "Request_ResourceNotFound")
    }

    @Test func appIdAsClientIdIs404() throws {
        // A common mistake: filtering grants by the client appId instead of its object id.
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/oauth2PermissionGrants?$filter=\(encodedQuery("clientId eq '\(Fixture.clientAppId)'"))")
        #expect(reply.status == 404)
    }

    @Test func malformedClientIdIs400() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/oauth2PermissionGrants?$filter=\(encodedQuery("clientId eq 'redisinsight'"))")
        #expect(reply.status == 400)
        #expect(reply.errorCode == "Request_BadRequest")
    }

    @Test func scopeFilterIs400() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/oauth2PermissionGrants?$filter=\(encodedQuery("scope eq 'user_impersonation'"))")
        #expect(reply.status == 400)
        #expect(reply.errorCode == "Request_UnsupportedQuery")
    }

    @Test func listWithoutFilterReturnsAll() throws {
        let emulator = try InProcessEmulator(tenant: "only-per-user-grants")
        #expect(emulator.get("/v1.0/oauth2PermissionGrants").values.count == 5)
    }

    @Test func servicePrincipalNavigation() throws {
        let emulator = try InProcessEmulator(tenant: "redis-grant-missing")
        let client = try ids(emulator).client
        #expect(client == "5a7c2e91-0d4b-4f36-b8e2-c9a1d3f07b64")
        let reply = emulator.get("/v1.0/servicePrincipals/\(client)/oauth2PermissionGrants")
        #expect(reply.status == 200)
        #expect(Set(reply.values.compactMap { $0["resourceId"] as? String }).contains("e1d0c7a3-6b29-4f84-9a5e-0f3c8b2d7164"))
        #expect(reply.values.count == 2)
    }

    @Test func servicePrincipalNavigationByAppIdKey() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals(appId='\(Fixture.clientAppId)')/oauth2PermissionGrants")
        #expect(reply.values.count == 3)
    }

    @Test func navigationOnMissingServicePrincipalIs404() throws {
        let emulator = try InProcessEmulator()
        #expect(emulator.get("/v1.0/servicePrincipals/11111111-2222-4333-8444-555555555555/oauth2PermissionGrants").status == 404)
    }

    @Test func getById() throws {
        let emulator = try InProcessEmulator()
        let ids = try ids(emulator)
        let grantId = PermissionGrantRecord.derivedId(clientId: ids.client, resourceId: ids.redis, principalId: nil)
        let reply = emulator.get("/v1.0/oauth2PermissionGrants/\(grantId)")
        #expect(reply.status == 200)
        #expect(reply.json["id"] as? String == grantId)
        #expect(reply.json["scope"] as? String == "user_impersonation")
        #expect(reply.json["@odata.context"] as? String == "http://127.0.0.1:9/v1.0/$metadata#oauth2PermissionGrants/$entity")
    }

    @Test func grantIdIsCaseSensitive() throws {
        let emulator = try InProcessEmulator()
        let ids = try ids(emulator)
        let grantId = PermissionGrantRecord.derivedId(clientId: ids.client, resourceId: ids.redis, principalId: nil)
        #expect(emulator.get("/v1.0/oauth2PermissionGrants/\(grantId.lowercased())").status == 404)
    }

    @Test func createAllPrincipals() throws {
        let emulator = try InProcessEmulator(tenant: "redis-grant-missing")
        let ids = try ids(emulator)
        // The body `az ad app permission grant` sends, with an explicit null principalId.
        let body: [String: Any] = ["clientId": ids.client, "consentType": "AllPrincipals", "principalId": NSNull(), "resourceId": ids.redis, "scope": "user_impersonation"]
        let reply = emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: body)
        #expect(reply.status == 201)
        #expect(reply.json["id"] as? String == PermissionGrantRecord.derivedId(clientId: ids.client, resourceId: ids.redis, principalId: nil))
        #expect(reply.json["scope"] as? String == "user_impersonation")
        #expect(reply.json["principalId"] is NSNull)
        #expect(emulator.grants.count == 3)
    }

    @Test func createDuplicateIs409() throws {
        let emulator = try InProcessEmulator()
        let ids = try ids(emulator)
        let body: [String: Any] = ["clientId": ids.client, "consentType": "AllPrincipals", "resourceId": ids.redis, "scope": "other"]
        let reply = emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: body)
        #expect(reply.status == 409)
        #expect(reply.errorCode == "Request_MultipleObjectsWithSameKeyValue")
        #expect(reply.errorMessage == "Permission entry already exists.")
    }

    @Test func createPrincipalBesideAllPrincipals() throws {
        let emulator = try InProcessEmulator()
        let ids = try ids(emulator)
        let body: [String: Any] = ["clientId": ids.client, "consentType": "Principal", "principalId": "a1b2c3d4-1111-4222-8333-944455556666", "resourceId": ids.redis, "scope": "user_impersonation"]
        #expect(emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: body).status == 201)
        #expect(emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: body).status == 409)
    }

    @Test func createPrincipalWithoutPrincipalIdIs400() throws {
        let emulator = try InProcessEmulator(tenant: "redis-grant-missing")
        let ids = try ids(emulator)
        let body: [String: Any] = ["clientId": ids.client, "consentType": "Principal", "resourceId": ids.redis, "scope": "user_impersonation"]
        #expect(emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: body).status == 400)
    }

    @Test func createWithMissingResourceIs400() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        let client = try #require(emulator.servicePrincipalId(appId: Fixture.clientAppId))
        let body: [String: Any] = ["clientId": client, "consentType": "AllPrincipals", "resourceId": "11111111-2222-4333-8444-555555555555", "scope": "user_impersonation"]
        let reply = emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: body)
        #expect(reply.status == 400)
        #expect(reply.errorCode == "Request_BadRequest")
        #expect(reply.errorMessage?.contains("resourceId") == true)
    }

    @Test func createWithAppIdAsClientIs400() throws {
        let emulator = try InProcessEmulator(tenant: "redis-grant-missing")
        let redis = try #require(emulator.servicePrincipalId(appId: Fixture.redisAppId))
        let body: [String: Any] = ["clientId": Fixture.clientAppId, "consentType": "AllPrincipals", "resourceId": redis, "scope": "user_impersonation"]
        let reply = emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: body)
        #expect(reply.status == 400)
        #expect(reply.errorMessage?.contains("clientId") == true)
    }

    @Test func createWithBadConsentTypeIs400() throws {
        let emulator = try InProcessEmulator(tenant: "redis-grant-missing")
        let ids = try ids(emulator)
        let body: [String: Any] = ["clientId": ids.client, "consentType": "Everyone", "resourceId": ids.redis, "scope": "user_impersonation"]
        #expect(emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: body).status == 400)
    }

    @Test func createWithUnknownPropertyIs400() throws {
        let emulator = try InProcessEmulator(tenant: "redis-grant-missing")
        let ids = try ids(emulator)
        let body: [String: Any] = ["clientId": ids.client, "consentType": "AllPrincipals", "resourceId": ids.redis, "scopes": "user_impersonation"]
        let reply = emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: body)
        #expect(reply.status == 400)
        #expect(reply.errorMessage?.contains("'scopes'") == true)
    }

    @Test func patchOverwritesScope() throws {
        let emulator = try InProcessEmulator(tenant: "grant-without-user-impersonation")
        let ids = try ids(emulator)
        let grantId = PermissionGrantRecord.derivedId(clientId: ids.client, resourceId: ids.redis, principalId: nil)
        let reply = emulator.send("PATCH", "/v1.0/oauth2PermissionGrants/\(grantId)", body: ["scope": "user_impersonation"])
        #expect(reply.status == 204)
        #expect(emulator.get("/v1.0/oauth2PermissionGrants/\(grantId)").json["scope"] as? String == "user_impersonation")
    }

    @Test func patchOtherPropertyIs400() throws {
        let emulator = try InProcessEmulator()
        let ids = try ids(emulator)
        let grantId = PermissionGrantRecord.derivedId(clientId: ids.client, resourceId: ids.redis, principalId: nil)
        #expect(emulator.send("PATCH", "/v1.0/oauth2PermissionGrants/\(grantId)", body: ["consentType": "Principal"]).status == 400)
    }

    @Test func patchMissingIs404() throws {
        let emulator = try InProcessEmulator()
        #expect(emulator.send("PATCH", "/v1.0/oauth2PermissionGrants/nope", body: ["scope": "x"]).status == 404)
    }

    @Test func deleteWithAzureCLIPathCase() throws {
        let emulator = try InProcessEmulator()
        let ids = try ids(emulator)
        let grantId = PermissionGrantRecord.derivedId(clientId: ids.client, resourceId: ids.arm, principalId: nil)
        let reply = emulator.send("DELETE", "/v1.0/oAuth2PermissionGrants/\(grantId)")
        #expect(reply.status == 204)
        #expect(reply.response.body.isEmpty)
        #expect(emulator.grants.count == 2)
        #expect(emulator.send("DELETE", "/v1.0/oAuth2PermissionGrants/\(grantId)").status == 404)
    }

    @Test func deleteThenCreateReusesId() throws {
        let emulator = try InProcessEmulator()
        let ids = try ids(emulator)
        let grantId = PermissionGrantRecord.derivedId(clientId: ids.client, resourceId: ids.redis, principalId: nil)
        #expect(emulator.send("DELETE", "/v1.0/oauth2PermissionGrants/\(grantId)").status == 204)
        let body: [String: Any] = ["clientId": ids.client, "consentType": "AllPrincipals", "resourceId": ids.redis, "scope": "user_impersonation extra"]
        let created = emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: body)
        #expect(created.json["id"] as? String == grantId)
    }
}
