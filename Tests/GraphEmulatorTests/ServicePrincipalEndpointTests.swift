import Foundation
import Testing
@testable import GraphEmulator

struct ServicePrincipalEndpointTests {
    @Test func filterByAppId() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery("appId eq '\(Fixture.redisAppId)'"))")
        #expect(reply.status == 200)
        #expect(reply.values.count == 1)
        #expect(reply.values.first?["appId"] as? String == Fixture.redisAppId)
        #expect(reply.values.first?["displayName"] as? String == "AzureRedisCacheAadApp")
        #expect(reply.json["@odata.context"] as? String == "http://127.0.0.1:9/v1.0/$metadata#servicePrincipals")
    }

    @Test func filterByAppIdAbsentIsEmptyList() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery("appId eq '\(Fixture.redisAppId)'"))")
        #expect(reply.status == 200)
        #expect(reply.values.isEmpty)
        #expect(reply.json["@odata.nextLink"] == nil)
    }

    @Test func filterByServicePrincipalName() throws {
        let emulator = try InProcessEmulator()
        // The Azure CLI percent-encodes the whole filter, parentheses and colon included.
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery("servicePrincipalNames/any(c:c eq 'https://redis.azure.com')"))")
        #expect(reply.values.map { $0["appId"] as? String } == [Fixture.redisAppId])
    }

    @Test func filterByServicePrincipalNameAppId() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=servicePrincipalNames/any(c:c%20eq%20'\(Fixture.clientAppId)')")
        #expect(reply.values.map { $0["appId"] as? String } == [Fixture.clientAppId])
    }

    @Test func filterByDisplayName() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery("displayName eq 'windows azure service management api'"))")
        #expect(reply.values.map { $0["appId"] as? String } == [Fixture.armAppId])
    }

    @Test func filterById() throws {
        let emulator = try InProcessEmulator()
        let graphId = try #require(emulator.servicePrincipalId(appId: Fixture.graphAppId))
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery("id eq '\(graphId)'"))")
        #expect(reply.values.map { $0["id"] as? String } == [graphId])
    }

    @Test func filterAppIdIn() throws {
        let emulator = try InProcessEmulator()
        let filter = "appId in ('\(Fixture.redisAppId)', '\(Fixture.armAppId)', '11111111-1111-1111-1111-111111111111')"
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery(filter))")
        #expect(Set(reply.values.compactMap { $0["appId"] as? String }) == [Fixture.redisAppId, Fixture.armAppId])
    }

    @Test func filterStartsWith() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery("startswith(displayName,'Redis')"))")
        #expect(reply.values.map { $0["appId"] as? String } == [Fixture.clientAppId])
    }

    @Test func filterAccountEnabled() throws {
        let emulator = try InProcessEmulator(tenant: "client-disabled")
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery("accountEnabled eq false"))")
        #expect(reply.values.map { $0["appId"] as? String } == [Fixture.clientAppId])
    }

    @Test func unsupportedFilterIs400() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery("appId ne 'x'"))")
        #expect(reply.status == 400)
        #expect(reply.errorCode == "Request_UnsupportedQuery")
    }

    @Test func unknownFilterPropertyIs400() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery("homepage eq 'x'"))")
        #expect(reply.status == 400)
        #expect(reply.errorCode == "Request_UnsupportedQuery")
    }

    @Test func malformedFilterIs400BadRequest() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery("appId eq 'x"))")
        #expect(reply.status == 400)
        #expect(reply.errorCode == "BadRequest")
        #expect(reply.errorMessage?.hasPrefix("Invalid filter clause") == true)
    }

    @Test func filterWithoutDollarAccepted() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals?filter=\(encodedQuery("appId eq '\(Fixture.armAppId)'"))")
        #expect(reply.values.count == 1)
    }

    @Test func selectProjects() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals?$select=id,appId&$filter=\(encodedQuery("appId eq '\(Fixture.armAppId)'"))")
        let value = try #require(reply.values.first)
        #expect(Set(value.keys) == ["id", "appId"])
        #expect(reply.json["@odata.context"] as? String == "http://127.0.0.1:9/v1.0/$metadata#servicePrincipals(id,appId)")
    }

    @Test func selectUnknownPropertyIs400() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals?$select=id,colour")
        #expect(reply.status == 400)
        #expect(reply.errorMessage?.contains("'colour'") == true)
    }

    @Test(arguments: ["0", "1000", "ten"])
    func invalidTopIs400(top: String) throws {
        let emulator = try InProcessEmulator()
        #expect(emulator.get("/v1.0/servicePrincipals?$top=\(top)").status == 400)
    }

    @Test func pagingFollowsNextLinks() throws {
        let emulator = try InProcessEmulator()
        var target: String? = "/v1.0/servicePrincipals?$top=3&$select=appId"
        var appIds: [String] = []
        var pages = 0
        while let current = target {
            let reply = emulator.get(current)
            #expect(reply.status == 200)
            appIds += reply.values.compactMap { $0["appId"] as? String }
            pages += 1
            target = (reply.json["@odata.nextLink"] as? String).map { String($0.dropFirst("http://127.0.0.1:9".count)) }
        }
        #expect(pages == 2)
        #expect(appIds == [Fixture.clientAppId, Fixture.redisAppId, Fixture.armAppId, Fixture.graphAppId])
    }

    @Test func nextLinkKeepsQueryOptions() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals?$top=1&$filter=\(encodedQuery("startswith(displayName,'Micro') or startswith(displayName,'Redis')"))")
        let nextLink = try #require(reply.json["@odata.nextLink"] as? String)
        #expect(nextLink.hasPrefix("http://127.0.0.1:9/v1.0/servicePrincipals?$top=1&$filter=startswith(displayName,'Micro')%20or%20startswith(displayName,'Redis')&$skiptoken="))
    }

    @Test func invalidSkipTokenIs400() throws {
        let emulator = try InProcessEmulator()
        #expect(emulator.get("/v1.0/servicePrincipals?$skiptoken=garbage").status == 400)
    }

    @Test func getByAppIdKey() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals(appId='\(Fixture.redisAppId)')")
        #expect(reply.status == 200)
        #expect(reply.json["appId"] as? String == Fixture.redisAppId)
        #expect(reply.json["@odata.context"] as? String == "http://127.0.0.1:9/v1.0/$metadata#servicePrincipals/$entity")
        let scopes = try #require(reply.json["oauth2PermissionScopes"] as? [[String: Any]])
        #expect(scopes.map { $0["value"] as? String } == ["user_impersonation"])
    }

    @Test func getByAppIdKeyAbsentIs404() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        let reply = emulator.get("/v1.0/servicePrincipals(appId='\(Fixture.redisAppId)')")
        #expect(reply.status == 404)
        #expect(reply.errorCode == "Request_ResourceNotFound")
        #expect(reply.errorMessage?.contains(Fixture.redisAppId) == true)
    }

    @Test func getByObjectId() throws {
        let emulator = try InProcessEmulator(tenant: "client-disabled")
        let clientId = try #require(emulator.servicePrincipalId(appId: Fixture.clientAppId))
        let reply = emulator.get("/v1.0/servicePrincipals/\(clientId)")
        #expect(reply.json["id"] as? String == clientId)
        #expect(reply.json["accountEnabled"] as? Bool == false)
        #expect(reply.json["disabledByMicrosoftStatus"] is NSNull)
        #expect(reply.json["appOwnerOrganizationId"] as? String == "d4a8f2c6-3b19-4e75-a0d2-8c6e1f9b5a37")
    }

    @Test func getByAppIdAsObjectIdIs404() throws {
        // `az ad sp show --id APPID` falls back to this when the name filter finds nothing.
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        let reply = emulator.get("/v1.0/servicePrincipals/\(Fixture.redisAppId)")
        #expect(reply.status == 404)
        #expect(reply.errorCode == "Request_ResourceNotFound")
    }

    @Test func getByMalformedIdIs400() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals/not-a-guid")
        #expect(reply.status == 400)
        #expect(reply.errorCode == "Request_BadRequest")
    }

    @Test(arguments: ["/V1.0/SERVICEPRINCIPALS", "/v1.0/serviceprincipals", "/v1.0/ServicePrincipals"])
    func pathsIgnoreCase(path: String) throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get(path)
        #expect(reply.status == 200)
        #expect(reply.values.count == 4)
    }

    @Test func unknownSegmentIs400() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/groups")
        #expect(reply.status == 400)
        #expect(reply.errorCode == "BadRequest")
        #expect(reply.errorMessage?.contains("'groups'") == true)
    }

    @Test func otherVersionIs400() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/beta/servicePrincipals")
        #expect(reply.status == 400)
        #expect(reply.errorMessage?.contains("beta") == true)
    }

    @Test func wrongMethodIs405() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.send("PUT", "/v1.0/servicePrincipals", body: ["appId": Fixture.redisAppId])
        #expect(reply.status == 405)
    }

    // MARK: Writes

    @Test func createFromCatalogue() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        // The body `az ad sp create` sends.
        let reply = emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": Fixture.redisAppId, "accountEnabled": true])
        #expect(reply.status == 201)
        #expect(reply.json["appId"] as? String == Fixture.redisAppId)
        #expect(reply.json["displayName"] as? String == "AzureRedisCacheAadApp")
        #expect(reply.json["servicePrincipalNames"] as? [String] == ["https://redis.azure.com", Fixture.redisAppId])
        let id = try #require(reply.json["id"] as? String)
        #expect(GUID.isValid(id))
        #expect(reply.header("Location") == "http://127.0.0.1:9/v1.0/servicePrincipals/\(id)")
        #expect(emulator.servicePrincipalId(appId: Fixture.redisAppId) == id)
    }

    @Test func createExistingIs409() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": Fixture.redisAppId])
        #expect(reply.status == 409)
        #expect(reply.errorCode == "Request_MultipleObjectsWithSameKeyValue")
    }

    @Test func createUnknownAppIs400() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": "11111111-2222-4333-8444-555555555555"])
        #expect(reply.status == 400)
        #expect(reply.errorCode == "Request_BadRequest")
        #expect(reply.errorMessage?.contains("11111111-2222-4333-8444-555555555555") == true)
    }

    @Test func createWithoutAppIdIs400() throws {
        let emulator = try InProcessEmulator()
        #expect(emulator.send("POST", "/v1.0/servicePrincipals", body: ["displayName": "x"]).status == 400)
    }

    @Test func createWithInvalidJSONIs400() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.send("POST", "/v1.0/servicePrincipals", body: Data("{appId".utf8), headers: [("Content-Type", "application/json")])
        #expect(reply.status == 400)
        #expect(reply.errorCode == "BadRequest")
    }

    @Test func createWithNumberForBooleanIs400() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        let reply = emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": Fixture.redisAppId, "accountEnabled": 1])
        #expect(reply.status == 400)
    }

    @Test func upsertCreatesWhenMissing() throws {
        let emulator = try InProcessEmulator(tenant: "nothing-consented")
        let reply = emulator.send("PATCH", "/v1.0/servicePrincipals(appId='\(Fixture.clientAppId)')", body: [String: Any](), headers: [("Prefer", "create-if-missing")])
        #expect(reply.status == 201)
        #expect(reply.json["appId"] as? String == Fixture.clientAppId)
        #expect(emulator.servicePrincipalId(appId: Fixture.clientAppId) != nil)
    }

    @Test func upsertExistingIs204() throws {
        let emulator = try InProcessEmulator()
        let before = emulator.servicePrincipalId(appId: Fixture.clientAppId)
        let reply = emulator.send("PATCH", "/v1.0/servicePrincipals(appId='\(Fixture.clientAppId)')", body: [String: Any](), headers: [("Prefer", "create-if-missing")])
        #expect(reply.status == 204)
        #expect(reply.response.body.isEmpty)
        #expect(emulator.servicePrincipalId(appId: Fixture.clientAppId) == before)
    }

    @Test func patchMissingWithoutPreferIs404() throws {
        let emulator = try InProcessEmulator(tenant: "nothing-consented")
        let reply = emulator.send("PATCH", "/v1.0/servicePrincipals(appId='\(Fixture.clientAppId)')", body: [String: Any]())
        #expect(reply.status == 404)
        #expect(emulator.servicePrincipalId(appId: Fixture.clientAppId) == nil)
    }

    @Test func patchEnablesClient() throws {
        let emulator = try InProcessEmulator(tenant: "client-disabled")
        let clientId = try #require(emulator.servicePrincipalId(appId: Fixture.clientAppId))
        let reply = emulator.send("PATCH", "/v1.0/servicePrincipals/\(clientId)", body: ["accountEnabled": true])
        #expect(reply.status == 204)
        #expect(emulator.get("/v1.0/servicePrincipals/\(clientId)").json["accountEnabled"] as? Bool == true)
    }

    @Test func patchReadOnlyPropertyIs400() throws {
        let emulator = try InProcessEmulator()
        let clientId = try #require(emulator.servicePrincipalId(appId: Fixture.clientAppId))
        let reply = emulator.send("PATCH", "/v1.0/servicePrincipals/\(clientId)", body: ["appOwnerOrganizationId": "x"])
        #expect(reply.status == 400)
        #expect(reply.errorCode == "Request_BadRequest")
    }

    @Test func deleteRemovesGrantsToo() throws {
        let emulator = try InProcessEmulator()
        let redisId = try #require(emulator.servicePrincipalId(appId: Fixture.redisAppId))
        #expect(emulator.send("DELETE", "/v1.0/servicePrincipals/\(redisId)").status == 204)
        #expect(emulator.servicePrincipalId(appId: Fixture.redisAppId) == nil)
        #expect(emulator.grants.count == 2)
        #expect(emulator.send("DELETE", "/v1.0/servicePrincipals/\(redisId)").status == 404)
    }
}
