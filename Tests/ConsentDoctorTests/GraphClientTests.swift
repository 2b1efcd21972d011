import ConsentDoctor
import Foundation
import GraphEmulator
import Testing

struct GraphClientTests {
    @Test func getSendsBearerAndAccept() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        let server = try graph.start()
        let client = try TestClients.graphClient(server: server, token: "token-abc-123")

        let exchange = try await client.get("/organization?$select=id")

        let received = try #require(server.requests.first)
        #expect(exchange.response.status == 200)
        #expect(received.header("Authorization") == "Bearer token-abc-123")
        #expect(received.header("Accept") == "application/json")
        #expect(received.path == "/v1.0/organization")
        #expect(exchange.record.requestId == "outer-1")
        #expect(exchange.record.attempts == 1)
    }

    @Test func pagingFollowsNextLink() async throws {
        var tenant = SampleTenant.complete()
        tenant.grants = (0..<7).map { SampleTenant.grant(id: "grant-\($0)", resourceId: SampleTenant.redisObjectId, scope: "user_impersonation", consentType: "Principal", principalId: "00000000-0000-4000-8000-00000000000\($0)") }
        tenant.grantPageSize = 3
        let graph = FakeGraph(tenant)
        let server = try graph.start()
        let client = try TestClients.graphClient(server: server)

        let path = GraphPath.path("/oauth2PermissionGrants", query: [("$filter", "clientId eq '\(SampleTenant.clientObjectId)'")])
        let collection = try await client.getCollection(path, of: OAuth2PermissionGrant.self)

        #expect(collection.values.map(\.id) == (0..<7).map { "grant-\($0)" })
        #expect(collection.requests.count == 3)
        #expect(collection.roundTrips == 3)
        #expect(server.requests.count == 3)
    }

    @Test func pagingStopsAtPageLimit() async throws {
        let root = Locked("")
        let pages = Locked(0)
        let server = try TestServer { _ in
            let page = pages.withValue { value -> Int in
                value += 1
                return value
            }
            return .json(200, ["value": [], "@odata.nextLink": "\(root.current)/v1.0/loop?page=\(page)"])
        }
        root.withValue { $0 = server.rootURL }
        var client = try TestClients.graphClient(server: server)
        client.maximumPages = 4

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.getCollection("/loop", of: OAuth2PermissionGrant.self)
        }
        #expect(error?.kind == .malformedResponse)
        #expect(server.requests.count == 4)
    }

    @Test func nextLinkToOtherHostIsRefused() async throws {
        let elsewhere = try TestServer { _ in .json(200, ["value": []]) }
        let server = try TestServer { _ in .json(200, ["value": [], "@odata.nextLink": "\(elsewhere.rootURL)/v1.0/steal"]) }
        let client = try TestClients.graphClient(server: server)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.getCollection("/oauth2PermissionGrants", of: OAuth2PermissionGrant.self)
        }
        #expect(error?.kind == .malformedResponse)
        #expect(elsewhere.requests.isEmpty)
    }

    @Test(arguments: [
        (401, "InvalidAuthenticationToken", LookupFailure.Kind.unauthorized),
        (403, "Authorization_RequestDenied", .permissionDenied),
        (404, "Request_ResourceNotFound", .httpError),
        (500, "UnknownError", .httpError),
        (400, "BadRequest", .httpError),
    ])
    func errorStatusesAreTyped(status: Int, code: String, kind: LookupFailure.Kind) async throws {
        let graph = FakeGraph()
        graph.fault = { _ in FakeGraph.error(status, code, "Something went wrong.", requestId: "inner-77") }
        let server = try graph.start()
        let client = try TestClients.graphClient(server: server, policy: .none)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.get("/organization")
        }
        #expect(error?.kind == kind)
        #expect(error?.status == status)
        #expect(error?.code == code)
        #expect(error?.requestId == "outer-1")
        #expect(error?.graphMessage == "Something went wrong.")
        #expect(error?.description.contains(code) == true)
    }

    @Test func forbiddenNamesLeastPrivilege() async throws {
        let graph = FakeGraph()
        graph.fault = { _ in FakeGraph.error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.") }
        let server = try graph.start()
        let client = try TestClients.graphClient(server: server)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.get("/servicePrincipals")
        }
        let text = error?.description ?? ""
        #expect(text.contains("Application.Read.All"))
        #expect(text.contains("Directory.Read.All"))
        #expect(text.contains("Global Reader"))
        #expect(text.contains("Directory Readers"))
        #expect(text.contains("Cloud Application Administrator"))
    }

    @Test func serverErrorsAreRetriedThenReported() async throws {
        let graph = FakeGraph()
        graph.fault = { _ in CannedResponse(status: 503, body: ["error": ["code": "ServiceUnavailable", "message": "Try later."]]) }
        let server = try graph.start()
        let sleeper = ManualSleeper()
        let client = try TestClients.graphClient(server: server, policy: RetryPolicy(maximumAttempts: 3), sleeper: sleeper)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.get("/organization")
        }
        #expect(error?.kind == .throttled)
        #expect(error?.attempts == 3)
        #expect(server.requests.count == 3)
        #expect(sleeper.waits.count == 2)
    }

    @Test func malformedJSONIsTyped() async throws {
        let server = try TestServer { _ in HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("request-id", "bad-1")], body: Data("{\"value\": [".utf8)) }
        let client = try TestClients.graphClient(server: server)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.getCollection("/servicePrincipals", of: ServicePrincipal.self)
        }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.requestId == "bad-1")
        #expect(error?.lookupFailure.kind == .malformedResponse)
    }

    @Test func wrongShapeIsMalformed() async throws {
        let server = try TestServer { _ in .json(200, ["value": [["id": 5]]]) }
        let client = try TestClients.graphClient(server: server)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.getCollection("/servicePrincipals", of: ServicePrincipal.self)
        }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.detail?.contains("value") == true)
    }

    @Test func unreachableGraphIsTyped() async throws {
        let port = closedLoopbackPort()
        let client = GraphClient(
            endpoints: try GraphEndpoints(graphURL: "http://127.0.0.1:\(port)"),
            tokenProvider: FixedTokenProvider(),
            sender: TestClients.sender()
        )

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.get("/organization")
        }
        #expect(error?.kind == .unreachable)
        #expect(error?.transportError?.kind == .connectionRefused)
        #expect(error?.requests.count == 1)
        #expect(error?.requests.first?.status == nil)
    }

    @Test func hungGraphTimesOut() async throws {
        let server = try TestServer { _ in .hang }
        defer { server.stop() }
        let transport = CurlTransport(configuration: .init(connectTimeout: 2, totalTimeout: 0.3))
        let client = try TestClients.graphClient(server: server, policy: RetryPolicy(maximumAttempts: 2), transport: transport)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.get("/organization")
        }
        #expect(error?.kind == .unreachable)
        #expect(error?.transportError?.kind == .timedOut)
        #expect(error?.attempts == 2)
    }
}
