import Foundation
import Testing
@testable import GraphEmulator

struct FaultTests {
    @Test func latencyDelaysResponse() throws {
        let emulator = try InProcessEmulator(faults: ["latency=60ms"])
        let started = Date()
        #expect(emulator.get("/v1.0/organization").status == 200)
        #expect(Date().timeIntervalSince(started) >= 0.06)
    }

    @Test func throttleThenSucceed() throws {
        let emulator = try InProcessEmulator(faults: ["throttle=2,retry-after=3"])
        let first = emulator.get("/v1.0/organization")
        #expect(first.status == 429)
        #expect(first.header("Retry-After") == "3")
        #expect(first.errorCode == "TooManyRequests")
        #expect(first.header("request-id") != nil)
        #expect(emulator.get("/v1.0/organization").status == 429)
        #expect(emulator.get("/v1.0/organization").status == 200)
    }

    @Test func throttleScopedToPath() throws {
        let emulator = try InProcessEmulator(faults: ["throttle,path=*/oauth2PermissionGrants*"])
        #expect(emulator.get("/v1.0/servicePrincipals").status == 200)
        #expect(emulator.get("/v1.0/oauth2PermissionGrants").status == 429)
        #expect(emulator.get("/v1.0/oAuth2PermissionGrants").status == 429)
    }

    @Test func unavailableOnThirdWrite() throws {
        let emulator = try InProcessEmulator(tenant: "nothing-consented", faults: ["unavailable=1,method=write,after=2"])
        let graphId = try #require(emulator.servicePrincipalId(appId: Fixture.graphAppId))
        let created = emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": Fixture.clientAppId])
        let client = try #require(created.json["id"] as? String)
        #expect(emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": Fixture.redisAppId]).status == 201)

        let grant: [String: Any] = ["clientId": client, "consentType": "AllPrincipals", "resourceId": graphId, "scope": "openid"]
        let failed = emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: grant)
        #expect(failed.status == 503)
        #expect(failed.errorCode == "ServiceUnavailable")
        #expect(failed.header("Retry-After") == "1")
        #expect(emulator.grants.isEmpty)
        #expect(emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: grant).status == 201)
    }

    @Test func writeFaultSkipsReadOnlyBatch() throws {
        let emulator = try InProcessEmulator(tenant: "nothing-consented", faults: ["unavailable,method=write,retry-after=0"])
        let reads: [String: Any] = ["requests": [
            ["id": "1", "method": "GET", "url": "/organization"],
            ["id": "2", "method": "GET", "url": "/policies/authorizationPolicy"],
        ]]
        let writes: [String: Any] = ["requests": [
            ["id": "1", "method": "GET", "url": "/organization"],
            ["id": "2", "method": "POST", "url": "/servicePrincipals", "headers": ["Content-Type": "application/json"], "body": ["appId": Fixture.clientAppId]],
        ]]

        #expect(emulator.send("POST", "/v1.0/$batch", body: reads).status == 200)
        #expect(emulator.send("POST", "/v1.0/$batch", body: writes).status == 503)
        #expect(emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": Fixture.clientAppId]).status == 503)
        #expect(emulator.get("/v1.0/organization").status == 200)
    }

    @Test func readFaultMatchesReadOnlyBatch() throws {
        let emulator = try InProcessEmulator(tenant: "nothing-consented", faults: ["unavailable,method=read,retry-after=0"])
        let reads: [String: Any] = ["requests": [["id": "1", "method": "GET", "url": "/organization"]]]

        #expect(emulator.send("POST", "/v1.0/$batch", body: reads).status == 503)
        #expect(emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": Fixture.clientAppId]).status == 201)
    }

    @Test func batchItemFaultMatchesItemPath() throws {
        let emulator = try InProcessEmulator(faults: ["unavailable,path=/v1.0/policies/*,target=batch-item,retry-after=0"])
        let batch: [String: Any] = ["requests": [
            ["id": "organization", "method": "GET", "url": "/organization"],
            ["id": "policy", "method": "GET", "url": "/policies/authorizationPolicy"],
        ]]

        let reply = emulator.send("POST", "/v1.0/$batch", body: batch)

        let statuses = (reply.json["responses"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) { result, item in
            result[item["id"] as? String ?? ""] = item["status"] as? Int
        }
        #expect(reply.status == 200)
        #expect(statuses == ["organization": 200, "policy": 503])
    }

    @Test func hangNeverAnswers() throws {
        let emulator = try InProcessEmulator(faults: ["hang=1,path=/v1.0/policies/*"])
        #expect(emulator.get("/v1.0/organization").response.behaviour == .respond)
        #expect(emulator.get("/v1.0/policies/authorizationPolicy").response.behaviour == .hang)
        #expect(emulator.get("/v1.0/policies/authorizationPolicy").response.behaviour == .respond)
    }

    @Test func dropConnection() throws {
        let emulator = try InProcessEmulator(faults: ["drop-connection=1"])
        #expect(emulator.get("/v1.0/organization").response.behaviour == .dropConnection)
        #expect(emulator.get("/v1.0/organization").status == 200)
    }

    @Test func malformedJSONBody() throws {
        let emulator = try InProcessEmulator(faults: ["malformed-json=1"])
        let reply = emulator.get("/v1.0/servicePrincipals")
        #expect(reply.status == 200)
        #expect(!reply.response.body.isEmpty)
        #expect((try? JSONSerialization.jsonObject(with: reply.response.body)) == nil)
        #expect(emulator.get("/v1.0/servicePrincipals").values.count == 4)
    }

    @Test func pageSizeForcesPaging() throws {
        let emulator = try InProcessEmulator(faults: ["page-size=1"])
        var target: String? = "/v1.0/servicePrincipals?$top=999"
        var pages = 0
        var appIds: [String] = []
        while let current = target {
            let reply = emulator.get(current)
            #expect(reply.values.count == 1)
            appIds += reply.values.compactMap { $0["appId"] as? String }
            pages += 1
            target = (reply.json["@odata.nextLink"] as? String).map { String($0.dropFirst("http://127.0.0.1:9".count)) }
        }
        #expect(pages == 4)
        #expect(appIds.count == 4)
    }

    @Test func notFoundAfterCreate() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing", faults: ["not-found-after-create=2"])
        let created = emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": Fixture.redisAppId])
        #expect(created.status == 201)
        let redis = try #require(created.json["id"] as? String)

        #expect(emulator.get("/v1.0/servicePrincipals/\(redis)").status == 404)
        #expect(emulator.get("/v1.0/servicePrincipals?$filter=\(encodedQuery("appId eq '\(Fixture.redisAppId)'"))").values.isEmpty)
        #expect(emulator.get("/v1.0/servicePrincipals/\(redis)").status == 200)

        let state = emulator.state["servicePrincipals"] as? [[String: Any]] ?? []
        #expect(state.contains { $0["id"] as? String == redis })
    }

    @Test func grantWithHiddenResourceFailsThenWorks() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing", faults: ["not-found-after-create=1"])
        let client = try #require(emulator.servicePrincipalId(appId: Fixture.clientAppId))
        let redis = try #require(emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": Fixture.redisAppId]).json["id"] as? String)
        let grant: [String: Any] = ["clientId": client, "consentType": "AllPrincipals", "resourceId": redis, "scope": "user_impersonation"]
        #expect(emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: grant).status == 400)
        #expect(emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: grant).status == 201)
    }

    @Test func hiddenGrantReadsCountOnce() throws {
        let emulator = try InProcessEmulator(tenant: "redis-grant-missing", faults: ["not-found-after-create=1"])
        let client = try #require(emulator.servicePrincipalId(appId: Fixture.clientAppId))
        let redis = try #require(emulator.servicePrincipalId(appId: Fixture.redisAppId))
        let grant: [String: Any] = ["clientId": client, "consentType": "AllPrincipals", "resourceId": redis, "scope": "user_impersonation"]
        let id = try #require(emulator.send("POST", "/v1.0/oauth2PermissionGrants", body: grant).json["id"] as? String)
        let filter = "/v1.0/oauth2PermissionGrants?$filter=\(encodedQuery("clientId eq '\(client)'"))"
        #expect(emulator.get(filter).values.count == 2)
        #expect(emulator.get(filter).values.count == 3)
        #expect(emulator.get("/v1.0/oauth2PermissionGrants/\(id)").status == 200)
    }

    @Test func tokenEndpointThrottleUsesOAuthShape() throws {
        let emulator = try InProcessEmulator(faults: ["throttle=1,path=*/oauth2/v2.0/token,retry-after=2"])
        let reply = emulator.postForm("/\(Fixture.healthyTenantId)/oauth2/v2.0/token", [("grant_type", "client_credentials")])
        #expect(reply.status == 429)
        #expect(reply.json["error"] as? String == "temporarily_unavailable")
        #expect(reply.header("Retry-After") == "2")
    }

    @Test func defaultPathLeavesTokenEndpointAlone() throws {
        let emulator = try InProcessEmulator(faults: ["unavailable"])
        let reply = emulator.postForm("/\(Fixture.healthyTenantId)/oauth2/v2.0/token", [("grant_type", "client_credentials"), ("client_id", Fixture.checkerClientId), ("client_secret", Fixture.checkerSecret), ("scope", "https://graph.microsoft.com/.default")])
        #expect(reply.status == 200)
        #expect(emulator.get("/v1.0/organization").status == 503)
    }

    @Test func faultsReplaceableAtRuntime() throws {
        let emulator = try InProcessEmulator()
        emulator.emulator.faults.replace(with: [try FaultRule.parse("throttle=1")])
        #expect(emulator.get("/v1.0/organization").status == 429)
        #expect(emulator.get("/v1.0/organization").status == 200)
        emulator.emulator.faults.add([try FaultRule.parse("unavailable=1")])
        #expect(emulator.get("/v1.0/organization").status == 503)
    }
}
