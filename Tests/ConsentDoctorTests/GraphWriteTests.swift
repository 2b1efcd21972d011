import ConsentDoctor
import Foundation
import GraphEmulator
import Testing

struct GraphWriteTests {
    private let redisAppId = "acca5fbb-b7e4-4009-81f1-37e38fd66d78"

    private func json(_ request: HTTPRequest) -> [String: Any] {
        ((try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any]) ?? [:]
    }

    @Test func createServicePrincipalReturnsId() async throws {
        let server = try TestServer { request in
            .json(201, ["id": "new-object-id", "appId": "acca5fbb-b7e4-4009-81f1-37e38fd66d78"], headers: [("request-id", "write-1")])
        }
        let client = try TestClients.graphClient(server: server)

        let result = try await client.createServicePrincipal(appId: redisAppId.uppercased())

        let sent = try #require(server.requests.first)
        #expect(sent.method == "POST")
        #expect(sent.path == "/v1.0/servicePrincipals")
        #expect(json(sent)["appId"] as? String == redisAppId)
        #expect(result.outcome == .created)
        #expect(result.objectId == "new-object-id")
        #expect(result.requestId == "write-1")
    }

    @Test func existingServicePrincipalIsConflict() async throws {
        let server = try TestServer { request in
            if request.method == "POST" {
                return .json(409, ["error": ["code": "Request_MultipleObjectsWithSameKeyValue", "message": "Another object with the same value for property servicePrincipalNames already exists."]], headers: [("request-id", "write-409")])
            }
            return .json(200, ["value": [["id": "existing-id", "appId": "acca5fbb-b7e4-4009-81f1-37e38fd66d78"]]])
        }
        let client = try TestClients.graphClient(server: server)

        let result = try await client.createServicePrincipal(appId: redisAppId)

        #expect(result.outcome == .alreadyExisted)
        #expect(result.objectId == "existing-id")
        #expect(result.requestId == "write-409")
        #expect(result.requests.count == 2)
        #expect(server.requests.last?.queryValue("$filter") == "appId eq '\(redisAppId)'")
    }

    @Test func conflictLookupWaitsForReplication() async throws {
        let reads = Locked(0)
        let server = try TestServer { request in
            if request.method == "POST" {
                return .json(409, ["error": ["code": "Request_MultipleObjectsWithSameKeyValue", "message": "exists"]])
            }
            let read = reads.withValue { value -> Int in
                value += 1
                return value
            }
            return read == 1 ? .json(200, ["value": []]) : .json(200, ["value": [["id": "late-id", "appId": "acca5fbb-b7e4-4009-81f1-37e38fd66d78"]]])
        }
        let sleeper = ManualSleeper()
        let client = try TestClients.graphClient(server: server, sleeper: sleeper)

        let result = try await client.createServicePrincipal(appId: redisAppId)

        #expect(result.objectId == "late-id")
        #expect(sleeper.waits.count == 1)
    }

    @Test func invalidAppIdIsRejectedLocally() async throws {
        let server = try TestServer { _ in .json(201, [:]) }
        let client = try TestClients.graphClient(server: server)

        await #expect(throws: GraphWriteInputError.self) {
            _ = try await client.createServicePrincipal(appId: "x' or 1 eq 1")
        }
        #expect(server.requests.isEmpty)
    }

    @Test func createGrantSendsAllPrincipals() async throws {
        let server = try TestServer { _ in .json(201, ["id": "grant-new"], headers: [("request-id", "grant-write")]) }
        let client = try TestClients.graphClient(server: server)

        let result = try await client.createPermissionGrant(
            clientId: SampleTenant.clientObjectId,
            resourceId: SampleTenant.redisObjectId,
            consentType: .allPrincipals,
            scopes: ["user_impersonation"]
        )

        let body = json(try #require(server.requests.first))
        #expect(body["clientId"] as? String == SampleTenant.clientObjectId)
        #expect(body["resourceId"] as? String == SampleTenant.redisObjectId)
        #expect(body["consentType"] as? String == "AllPrincipals")
        #expect(body["scope"] as? String == "user_impersonation")
        #expect(body["principalId"] == nil)
        #expect(result.outcome == .created)
        #expect(result.objectId == "grant-new")
        #expect(result.requestId == "grant-write")
    }

    @Test func existingGrantIsFound() async throws {
        let server = try TestServer { request in
            if request.method == "POST" {
                return .json(409, ["error": ["code": "Request_BadRequest", "message": "Permission entry already exists."]])
            }
            return .json(200, ["value": [
                SampleTenant.grant(id: "user-grant", resourceId: SampleTenant.redisObjectId, scope: "user_impersonation", consentType: "Principal", principalId: "00000000-0000-4000-8000-000000000009"),
                SampleTenant.grant(id: "admin-grant", resourceId: SampleTenant.redisObjectId, scope: "user_impersonation"),
            ]])
        }
        let client = try TestClients.graphClient(server: server)

        let result = try await client.createPermissionGrant(clientId: SampleTenant.clientObjectId, resourceId: SampleTenant.redisObjectId, consentType: .allPrincipals, scopes: ["user_impersonation"])

        #expect(result.outcome == .alreadyExisted)
        #expect(result.objectId == "admin-grant")
    }

    @Test func updateScopeSendsUnion() async throws {
        let server = try TestServer { _ in HTTPResponse(status: 204, headers: [("request-id", "patch-1")]) }
        let client = try TestClients.graphClient(server: server)
        let scopes = GraphClient.mergedScopes(existing: "openid profile", adding: ["profile", "offline_access"])

        let result = try await client.updatePermissionGrantScope(grantId: "grant-graph_Ab-9", scopes: scopes)

        let sent = try #require(server.requests.first)
        #expect(scopes == ["openid", "profile", "offline_access"])
        #expect(sent.method == "PATCH")
        #expect(sent.path == "/v1.0/oauth2PermissionGrants/grant-graph_Ab-9")
        #expect(json(sent)["scope"] as? String == "openid profile offline_access")
        #expect(result.outcome == .updated)
        #expect(result.objectId == "grant-graph_Ab-9")
        #expect(result.requestId == "patch-1")
    }

    @Test func grantIdWithSlashIsRejected() async throws {
        let server = try TestServer { _ in HTTPResponse(status: 204) }
        let client = try TestClients.graphClient(server: server)

        await #expect(throws: GraphWriteInputError.self) {
            _ = try await client.updatePermissionGrantScope(grantId: "../servicePrincipals", scopes: ["openid"])
        }
        #expect(server.requests.isEmpty)
    }

    @Test func writeTimeoutIsNotRetried() async throws {
        let server = try TestServer { _ in .hang }
        defer { server.stop() }
        let transport = CurlTransport(configuration: .init(connectTimeout: 2, totalTimeout: 0.3))
        let client = try TestClients.graphClient(server: server, transport: transport)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.createServicePrincipal(appId: redisAppId)
        }
        #expect(error?.kind == .unreachable)
        #expect(error?.attempts == 1)
        #expect(server.requests.count == 1)
    }

    @Test func writeThrottleIsRetried() async throws {
        let calls = Locked(0)
        let server = try TestServer { _ in
            let call = calls.withValue { value -> Int in
                value += 1
                return value
            }
            return call == 1 ? HTTPResponse(status: 429, headers: [("Retry-After", "5")]) : .json(201, ["id": "grant-after-wait"])
        }
        let sleeper = ManualSleeper()
        let client = try TestClients.graphClient(server: server, sleeper: sleeper)

        let result = try await client.createPermissionGrant(clientId: SampleTenant.clientObjectId, resourceId: SampleTenant.armObjectId, consentType: .allPrincipals, scopes: ["user_impersonation"])

        #expect(result.objectId == "grant-after-wait")
        #expect(sleeper.waits == [5])
        #expect(result.requests.first?.attempts == 2)
    }

    @Test func forbiddenWriteNamesWritePermissions() async throws {
        let server = try TestServer { _ in .json(403, ["error": ["code": "Authorization_RequestDenied", "message": "Insufficient privileges to complete the operation."]]) }
        let client = try TestClients.graphClient(server: server)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.createPermissionGrant(clientId: SampleTenant.clientObjectId, resourceId: SampleTenant.armObjectId, consentType: .allPrincipals, scopes: ["user_impersonation"])
        }
        #expect(error?.kind == .permissionDenied)
        #expect(error?.description.contains("DelegatedPermissionGrant.ReadWrite.All") == true)
    }
}
