import Foundation
import Testing
@testable import GraphEmulator

struct BatchTests {
    private func batch(_ emulator: InProcessEmulator, _ requests: [[String: Any]], token: String? = Fixture.adminToken) -> Reply {
        emulator.send("POST", "/v1.0/$batch", token: token, body: ["requests": requests])
    }

    private func responses(_ reply: Reply) -> [[String: Any]] {
        reply.json["responses"] as? [[String: Any]] ?? []
    }

    private func response(_ reply: Reply, id: String) -> [String: Any]? {
        responses(reply).first { $0["id"] as? String == id }
    }

    @Test func answersInReverseOrder() throws {
        let emulator = try InProcessEmulator()
        let requests: [[String: Any]] = [Fixture.clientAppId, Fixture.redisAppId, Fixture.armAppId].enumerated().map { index, appId in
            ["id": String(index + 1), "method": "GET", "url": "/servicePrincipals(appId='\(appId)')"]
        }
        let reply = batch(emulator, requests)
        #expect(reply.status == 200)
        #expect(responses(reply).map { $0["id"] as? String } == ["3", "2", "1"])
        let second = try #require(response(reply, id: "2"))
        #expect(second["status"] as? Int == 200)
        #expect((second["body"] as? [String: Any])?["appId"] as? String == Fixture.redisAppId)
        #expect((second["headers"] as? [String: Any])?["Content-Type"] as? String == GraphResult.contentType)
    }

    @Test func itemStatusesAreIndependent() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        let reply = batch(emulator, [
            ["id": "client", "method": "GET", "url": "/servicePrincipals(appId='\(Fixture.clientAppId)')"],
            ["id": "redis", "method": "GET", "url": "/servicePrincipals(appId='\(Fixture.redisAppId)')"],
            ["id": "policy", "method": "GET", "url": "policies/authorizationPolicy"],
        ])
        #expect(reply.status == 200)
        #expect(response(reply, id: "client")?["status"] as? Int == 200)
        #expect(response(reply, id: "redis")?["status"] as? Int == 404)
        #expect(((response(reply, id: "redis")?["body"] as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == "Request_ResourceNotFound")
        #expect(response(reply, id: "policy")?["status"] as? Int == 200)
    }

    @Test func twentyRequestsAccepted() throws {
        let emulator = try InProcessEmulator()
        let requests: [[String: Any]] = (1...20).map { ["id": String($0), "method": "GET", "url": "/organization"] }
        let reply = batch(emulator, requests)
        #expect(reply.status == 200)
        #expect(responses(reply).count == 20)
    }

    @Test func twentyOneRequestsRejected() throws {
        let emulator = try InProcessEmulator()
        let requests: [[String: Any]] = (1...21).map { ["id": String($0), "method": "GET", "url": "/organization"] }
        let reply = batch(emulator, requests)
        #expect(reply.status == 400)
        #expect(reply.errorCode == "BadRequest")
        #expect(reply.errorMessage?.contains("21") == true)
    }

    @Test func duplicateIdsRejected() throws {
        let emulator = try InProcessEmulator()
        let reply = batch(emulator, [["id": "1", "method": "GET", "url": "/organization"], ["id": "1", "method": "GET", "url": "/organization"]])
        #expect(reply.status == 400)
        #expect(reply.errorMessage?.contains("'1'") == true)
    }

    @Test func emptyBatchRejected() throws {
        let emulator = try InProcessEmulator()
        #expect(batch(emulator, []).status == 400)
    }

    @Test func absoluteURLRejected() throws {
        let emulator = try InProcessEmulator()
        let reply = batch(emulator, [["id": "1", "method": "GET", "url": "http://127.0.0.1:9/v1.0/organization"]])
        #expect(reply.status == 400)
    }

    @Test func bodyWithoutContentTypeRejected() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        let reply = batch(emulator, [["id": "1", "method": "POST", "url": "/servicePrincipals", "body": ["appId": Fixture.redisAppId]]])
        #expect(reply.status == 400)
        #expect(reply.errorMessage?.contains("Content-Type") == true)
        #expect(emulator.servicePrincipalId(appId: Fixture.redisAppId) == nil)
    }

    @Test func unknownDependencyRejected() throws {
        let emulator = try InProcessEmulator()
        let reply = batch(emulator, [["id": "1", "method": "GET", "url": "/organization", "dependsOn": ["9"]]])
        #expect(reply.status == 400)
    }

    @Test func dependencyCycleRejected() throws {
        let emulator = try InProcessEmulator()
        let reply = batch(emulator, [
            ["id": "1", "method": "GET", "url": "/organization", "dependsOn": ["2"]],
            ["id": "2", "method": "GET", "url": "/organization", "dependsOn": ["1"]],
        ])
        #expect(reply.status == 400)
        #expect(reply.errorMessage?.contains("cycle") == true)
    }

    @Test func dependsOnRunsDependencyFirst() throws {
        let emulator = try InProcessEmulator(tenant: "nothing-consented")
        // Listed first but depends on the create, so it must run second.
        let reply = batch(emulator, [
            ["id": "read", "method": "GET", "url": "/servicePrincipals(appId='\(Fixture.redisAppId)')", "dependsOn": ["create"]],
            ["id": "create", "method": "POST", "url": "/servicePrincipals", "headers": ["Content-Type": "application/json"], "body": ["appId": Fixture.redisAppId]],
        ])
        #expect(response(reply, id: "create")?["status"] as? Int == 201)
        #expect(response(reply, id: "read")?["status"] as? Int == 200)
        #expect(responses(reply).map { $0["id"] as? String } == ["read", "create"])
    }

    @Test func failedDependencyIs424() throws {
        let emulator = try InProcessEmulator()
        let reply = batch(emulator, [
            ["id": "create", "method": "POST", "url": "/servicePrincipals", "headers": ["Content-Type": "application/json"], "body": ["appId": Fixture.redisAppId]],
            ["id": "after", "method": "GET", "url": "/organization", "dependsOn": ["create"]],
        ])
        #expect(response(reply, id: "create")?["status"] as? Int == 409)
        #expect(response(reply, id: "after")?["status"] as? Int == 424)
    }

    @Test func writesInsideBatchChangeState() throws {
        let emulator = try InProcessEmulator(tenant: "redis-grant-missing")
        let client = try #require(emulator.servicePrincipalId(appId: Fixture.clientAppId))
        let redis = try #require(emulator.servicePrincipalId(appId: Fixture.redisAppId))
        let reply = batch(emulator, [[
            "id": "grant", "method": "POST", "url": "/oauth2PermissionGrants", "headers": ["Content-Type": "application/json"],
            "body": ["clientId": client, "consentType": "AllPrincipals", "resourceId": redis, "scope": "user_impersonation"],
        ]])
        #expect(response(reply, id: "grant")?["status"] as? Int == 201)
        #expect(emulator.grants.count == 3)
    }

    @Test func upsertHeaderPassesThrough() throws {
        let emulator = try InProcessEmulator(tenant: "nothing-consented")
        let reply = batch(emulator, [[
            "id": "1", "method": "PATCH", "url": "/servicePrincipals(appId='\(Fixture.clientAppId)')",
            "headers": ["Content-Type": "application/json", "Prefer": "create-if-missing"], "body": [String: Any](),
        ]])
        #expect(response(reply, id: "1")?["status"] as? Int == 201)
    }

    @Test func noContentItemHasNoBody() throws {
        let emulator = try InProcessEmulator()
        let grant = try #require(emulator.grants.first?["id"] as? String)
        let reply = batch(emulator, [["id": "1", "method": "DELETE", "url": "/oauth2PermissionGrants/\(grant)"]])
        let item = try #require(response(reply, id: "1"))
        #expect(item["status"] as? Int == 204)
        #expect(item["body"] == nil)
    }

    @Test func nestedBatchItemIs400() throws {
        let emulator = try InProcessEmulator()
        let reply = batch(emulator, [["id": "1", "method": "POST", "url": "/$batch", "headers": ["Content-Type": "application/json"], "body": ["requests": [Any]()]]])
        #expect(response(reply, id: "1")?["status"] as? Int == 400)
    }

    @Test func perItemThrottle() throws {
        let emulator = try InProcessEmulator(faults: ["throttle=1,target=batch-item,retry-after=7,path=*/policies/*"])
        let reply = batch(emulator, [
            ["id": "org", "method": "GET", "url": "/organization"],
            ["id": "policy", "method": "GET", "url": "/policies/authorizationPolicy"],
            ["id": "consent", "method": "GET", "url": "/policies/adminConsentRequestPolicy"],
        ])
        #expect(reply.status == 200)
        #expect(response(reply, id: "org")?["status"] as? Int == 200)
        let throttled = try #require(response(reply, id: "policy"))
        #expect(throttled["status"] as? Int == 429)
        #expect((throttled["headers"] as? [String: Any])?["Retry-After"] as? String == "7")
        #expect(response(reply, id: "consent")?["status"] as? Int == 200)
    }

    @Test func itemPermissionsCheckedOneByOne() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        let reply = batch(emulator, [
            ["id": "read", "method": "GET", "url": "/organization"],
            ["id": "write", "method": "POST", "url": "/servicePrincipals", "headers": ["Content-Type": "application/json"], "body": ["appId": Fixture.redisAppId]],
        ], token: Fixture.readerToken)
        #expect(reply.status == 200)
        #expect(response(reply, id: "read")?["status"] as? Int == 200)
        #expect(response(reply, id: "write")?["status"] as? Int == 403)
    }

    @Test func batchNeedsToken() throws {
        let emulator = try InProcessEmulator()
        let reply = batch(emulator, [["id": "1", "method": "GET", "url": "/organization"]], token: nil)
        #expect(reply.status == 401)
    }

    @Test func itemsAreLoggedButNotCounted() throws {
        let emulator = try InProcessEmulator()
        _ = batch(emulator, [["id": "a", "method": "GET", "url": "/organization"], ["id": "b", "method": "GET", "url": "/policies/authorizationPolicy"]])
        #expect(emulator.emulator.requestCount == 1)
        let records = emulator.emulator.requests
        #expect(records.compactMap(\.batchItemId) == ["a", "b"])
        #expect(records.filter { $0.batchItemId == nil }.map(\.path) == ["/v1.0/$batch"])
    }
}
