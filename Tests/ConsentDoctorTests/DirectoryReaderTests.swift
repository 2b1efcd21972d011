import ConsentDoctor
import Foundation
import GraphEmulator
import Testing

struct DirectoryReaderTests {
    private let clientAppId = "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"
    private let redisAppId = "acca5fbb-b7e4-4009-81f1-37e38fd66d78"
    private let armAppId = "797f4846-ba00-4fd7-ba43-dac1f8f63013"
    private let graphAppId = "00000003-0000-0000-c000-000000000000"

    private func read(_ graph: FakeGraph, token: String = "test-token-0123456789", policy: RetryPolicy = RetryPolicy(), log: any LogSink = DiscardingLogSink()) async throws -> (DirectorySnapshot, TestServer) {
        let server = try graph.start()
        let client = try TestClients.graphClient(server: server, token: token, policy: policy, log: log)
        let snapshot = try await DirectoryReader(client: client).read(profile: .redisInsight, tenant: "contoso.onmicrosoft.com")
        return (snapshot, server)
    }

    @Test func completeTenantInTwoRoundTrips() async throws {
        let (snapshot, server) = try await read(FakeGraph(SampleTenant.complete()))

        #expect(server.requests.count == 2)
        #expect(snapshot.roundTrips == 2)
        #expect(snapshot.source == .graph)
        #expect(snapshot.cloud == "AzureCloud")
        #expect(snapshot.tenant == SampleTenant.complete().organizationId)
        #expect(snapshot.tenantDomains == ["contoso.onmicrosoft.com", "contoso.com"])
        #expect(snapshot.clientAppId == clientAppId)
        for appId in [clientAppId, redisAppId, armAppId, graphAppId] {
            #expect(snapshot.servicePrincipal(appId: appId).value?.appId == appId)
        }
        #expect(snapshot.servicePrincipal(appId: redisAppId).value?.oauth2PermissionScopes?.map(\.value) == ["user_impersonation"])
        #expect(snapshot.servicePrincipal(appId: clientAppId).value?.accountEnabled == true)
        #expect(snapshot.grants.value?.map(\.id) == ["grant-redis", "grant-graph"])
        #expect(snapshot.authorizationPolicy.value?.allowsUserConsent == true)
        #expect(snapshot.adminConsentRequestPolicy.value == AdminConsentRequestPolicy(isEnabled: true, reviewerCount: 2))
    }

    @Test func firstRequestIsOneBatch() async throws {
        let (_, server) = try await read(FakeGraph(SampleTenant.complete()))

        let batch = try #require(server.requests.first)
        let object = try #require(try JSONSerialization.jsonObject(with: batch.body) as? [String: Any])
        let items = try #require(object["requests"] as? [[String: Any]])
        let urls = items.compactMap { $0["url"] as? String }
        #expect(batch.path == "/v1.0/$batch")
        #expect(items.count == 7)
        #expect(urls.filter { $0.hasPrefix("/servicePrincipals?$filter=appId%20eq%20") }.count == 4)
        #expect(urls.allSatisfy { $0.hasPrefix("/") })
        #expect(urls.first?.contains("oauth2PermissionScopes") == true)
        #expect(urls.first?.contains("disabledByMicrosoftStatus") == true)
        #expect(server.requests.last?.queryValue("$filter") == "clientId eq '\(SampleTenant.clientObjectId)'")
    }

    @Test func requestsAreRecorded() async throws {
        let (snapshot, _) = try await read(FakeGraph(SampleTenant.complete()))

        #expect(snapshot.requests.first?.method == "POST")
        #expect(snapshot.requests.first?.path == "/$batch")
        #expect(snapshot.requests.first?.requestId == "outer-1")
        #expect(snapshot.requests.count == 9)
        #expect(snapshot.requests.last?.path == "/oauth2PermissionGrants?$filter=clientId eq '\(SampleTenant.clientObjectId)'")
        #expect(snapshot.requests.last?.status == 200)
        #expect(snapshot.requests.allSatisfy { $0.status == 200 })
    }

    @Test func missingClientSkipsGrants() async throws {
        var tenant = SampleTenant.complete()
        tenant.servicePrincipals.removeFirst()
        let (snapshot, server) = try await read(FakeGraph(tenant))

        #expect(server.requests.count == 1)
        #expect(snapshot.roundTrips == 1)
        #expect(snapshot.servicePrincipal(appId: clientAppId) == .missing)
        #expect(snapshot.grants == .found([]))
    }

    @Test func missingResourceIsMissing() async throws {
        var tenant = SampleTenant.complete()
        tenant.servicePrincipals.remove(at: 1)
        let (snapshot, _) = try await read(FakeGraph(tenant))

        #expect(snapshot.servicePrincipal(appId: redisAppId) == .missing)
        #expect(snapshot.servicePrincipal(appId: armAppId).value != nil)
    }

    @Test func grantsNotFoundMeansNone() async throws {
        var tenant = SampleTenant.complete()
        tenant.grants = []
        let graph = FakeGraph(tenant)
        graph.fault = { context in
            context.path == "/v1.0/oauth2PermissionGrants" ? FakeGraph.error(404, "Request_ResourceNotFound", "Resource does not exist.") : nil
        }
        let (snapshot, _) = try await read(graph)

        #expect(snapshot.grants == .found([]))
        #expect(snapshot.requests.last?.status == 404)
    }

    @Test func pagedGrantsCountRoundTrips() async throws {
        var tenant = SampleTenant.complete()
        tenant.grants += (0..<5).map { SampleTenant.grant(id: "user-\($0)", resourceId: SampleTenant.redisObjectId, scope: "user_impersonation", consentType: "Principal", principalId: "00000000-0000-4000-8000-00000000001\($0)") }
        tenant.grantPageSize = 3
        let (snapshot, server) = try await read(FakeGraph(tenant))

        #expect(snapshot.grants.value?.count == 7)
        #expect(server.requests.count == 4)
        #expect(snapshot.roundTrips == 4)
    }

    @Test func forbiddenPoliciesAreUnknown() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.fault = { context in
            context.path.hasPrefix("/v1.0/policies/") ? FakeGraph.error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", requestId: "policy-denied") : nil
        }
        let (snapshot, _) = try await read(graph)

        let failure = try #require(snapshot.authorizationPolicy.failure)
        #expect(failure.kind == .permissionDenied)
        #expect(failure.httpStatus == 403)
        #expect(failure.graphErrorCode == "Authorization_RequestDenied")
        #expect(failure.requestId == "policy-denied")
        #expect(failure.message.contains("status 403"))
        #expect(snapshot.adminConsentRequestPolicy.failure?.kind == .permissionDenied)
        let findings = HealthChecks.run(CheckContext(snapshot: snapshot, profile: .redisInsight))
        let workflow = try #require(findings.first { $0.id == "consent.admin-workflow" })
        #expect(workflow.reason?.contains("Policy.Read.All") == true)
        #expect(snapshot.servicePrincipal(appId: redisAppId).value != nil)
        #expect(snapshot.grants.value?.count == 2)
    }

    @Test func forbiddenLookupIsNeverMissing() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.fault = { context in
            context.path == "/v1.0/servicePrincipals" ? FakeGraph.error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.") : nil
        }
        let (snapshot, server) = try await read(graph)

        for appId in [clientAppId, redisAppId, armAppId, graphAppId] {
            let lookup = snapshot.servicePrincipal(appId: appId)
            #expect(lookup.failure?.kind == .permissionDenied)
            #expect(lookup.failure?.message.contains("status 403") == true)
        }
        #expect(snapshot.grants.failure?.kind == .permissionDenied)
        let findings = HealthChecks.run(CheckContext(snapshot: snapshot, profile: .redisInsight))
        let client = try #require(findings.first { $0.id == "service-principal.client" })
        #expect(client.reason?.contains("Application.Read.All") == true)
        #expect(server.requests.count == 1)
    }

    @Test func rejectedTokenMakesEverythingUnknown() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.fault = { context in
            context.insideBatch ? nil : FakeGraph.error(401, "InvalidAuthenticationToken", "Access token validation failure.")
        }
        let (snapshot, _) = try await read(graph)

        #expect(snapshot.servicePrincipals.values.allSatisfy { $0.failure?.kind == .unauthorized })
        #expect(snapshot.grants.failure?.kind == .unauthorized)
        #expect(snapshot.authorizationPolicy.failure?.kind == .unauthorized)
        #expect(snapshot.adminConsentRequestPolicy.failure?.kind == .unauthorized)
        #expect(snapshot.tenant == "contoso.onmicrosoft.com")
        #expect(snapshot.requests.count == 1)
    }

    @Test func unreachableGraphMakesEverythingUnknown() async throws {
        let port = closedLoopbackPort()
        let client = GraphClient(endpoints: try GraphEndpoints(graphURL: "http://127.0.0.1:\(port)"), tokenProvider: FixedTokenProvider(), sender: TestClients.sender())

        let snapshot = try await DirectoryReader(client: client).read(profile: .redisInsight, tenant: nil)

        #expect(snapshot.servicePrincipals.count == 4)
        #expect(snapshot.servicePrincipals.values.allSatisfy { $0.failure?.kind == .unreachable })
        #expect(snapshot.grants.failure?.kind == .unreachable)
        #expect(snapshot.roundTrips == 1)
    }

    @Test func malformedItemIsUnknown() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.fault = { context in
            context.path == "/v1.0/policies/adminConsentRequestPolicy" ? CannedResponse(status: 200, body: ["reviewers": []]) : nil
        }
        let (snapshot, _) = try await read(graph)

        #expect(snapshot.adminConsentRequestPolicy.failure?.kind == .malformedResponse)
        #expect(snapshot.adminConsentRequestPolicy.failure?.message.contains("isEnabled") == true)
    }

    @Test func throttledItemIsRetried() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.fault = { context in
            guard context.insideBatch, context.target.contains(self.armAppId), context.previousRequests == 0 else {
                return nil
            }
            return FakeGraph.error(429, "TooManyRequests", "Slow down.", headers: ["Retry-After": "2"])
        }
        let (snapshot, server) = try await read(graph)

        #expect(snapshot.servicePrincipal(appId: armAppId).value?.id == SampleTenant.armObjectId)
        #expect(server.requests.count == 3)
        #expect(snapshot.roundTrips == 3)
    }

    @Test func throttlingThatPersistsIsThrottled() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.fault = { context in
            context.insideBatch && context.target.contains(self.armAppId) ? FakeGraph.error(429, "TooManyRequests", "Slow down.", headers: ["Retry-After": "1"]) : nil
        }
        let (snapshot, _) = try await read(graph, policy: RetryPolicy(maximumAttempts: 2))

        let failure = try #require(snapshot.servicePrincipal(appId: armAppId).failure)
        #expect(failure.kind == .throttled)
        #expect(failure.message.contains("2 attempts"))
    }

    @Test func snapshotRoundTripsThroughJSON() async throws {
        let (snapshot, _) = try await read(FakeGraph(SampleTenant.complete()))

        let data = try JSONEncoder().encode(snapshot)
        let decoded = try JSONDecoder().decode(DirectorySnapshot.self, from: data)
        #expect(decoded == snapshot)
    }
}
