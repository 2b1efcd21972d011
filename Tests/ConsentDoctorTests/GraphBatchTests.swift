import ConsentDoctor
import Foundation
import GraphEmulator
import Testing

struct GraphBatchTests {
    private func items(_ count: Int) -> [GraphBatchRequest] {
        (0..<count).map { GraphBatchRequest(id: "item-\($0)", url: "/organization?$select=id") }
    }

    private func batchBodies(_ server: TestServer) throws -> [[[String: Any]]] {
        try server.requests.filter { $0.path == "/v1.0/$batch" }.map { request in
            let object = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            return try #require(object["requests"] as? [[String: Any]])
        }
    }

    @Test func outOfOrderAnswersMatchById() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.reverseBatchResponses = true
        let server = try graph.start()
        let client = try TestClients.graphClient(server: server)

        let result = try await client.batch([
            GraphBatchRequest(id: "policy", url: "/policies/adminConsentRequestPolicy"),
            GraphBatchRequest(id: "organization", url: "/organization?$select=id"),
        ])

        let organization = try #require(result.responses["organization"])
        let policy = try #require(result.responses["policy"])
        #expect(String(decoding: organization.body, as: UTF8.self).contains(SampleTenant.complete().organizationId))
        #expect(String(decoding: policy.body, as: UTF8.self).contains("isEnabled"))
        #expect(result.roundTrips == 1)
    }

    @Test func envelopeHasRelativeURLsAndUniqueIds() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        let server = try graph.start()
        let client = try TestClients.graphClient(server: server)

        _ = try await client.batch([
            GraphBatchRequest(id: "a", url: GraphPath.path("/servicePrincipals", query: [("$filter", "appId eq 'x'")])),
            GraphBatchRequest(id: "b", url: "/organization"),
        ])

        let sent = try #require(try batchBodies(server).first)
        #expect(sent.map { $0["id"] as? String } == ["a", "b"])
        #expect(sent.first?["url"] as? String == "/servicePrincipals?$filter=appId%20eq%20'x'")
        #expect(sent.first?["method"] as? String == "GET")
    }

    @Test func moreThanTwentyAreSplit() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        let server = try graph.start()
        let client = try TestClients.graphClient(server: server)

        let result = try await client.batch(items(45))

        #expect(try batchBodies(server).map(\.count) == [20, 20, 5])
        #expect(result.responses.count == 45)
        #expect(result.roundTrips == 3)
    }

    @Test func throttledItemAloneIsRetried() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.fault = { context in
            guard context.insideBatch, context.path == "/v1.0/policies/authorizationPolicy", context.previousRequests == 0 else {
                return nil
            }
            return FakeGraph.error(429, "TooManyRequests", "Slow down.", requestId: "throttled-item", headers: ["Retry-After": "4"])
        }
        let server = try graph.start()
        let sleeper = ManualSleeper()
        let log = RecordingLogSink()
        let client = try TestClients.graphClient(server: server, sleeper: sleeper, log: log)

        let result = try await client.batch([
            GraphBatchRequest(id: "authorizationPolicy", url: "/policies/authorizationPolicy"),
            GraphBatchRequest(id: "organization", url: "/organization?$select=id"),
        ])

        let bodies = try batchBodies(server)
        #expect(bodies.count == 2)
        #expect(bodies.last?.map { $0["id"] as? String } == ["authorizationPolicy"])
        #expect(result.responses["authorizationPolicy"]?.status == 200)
        #expect(result.responses["organization"]?.status == 200)
        #expect(sleeper.waits == [4])
        #expect(result.roundTrips == 2)
        #expect(log.messages(at: .info).first?.contains("throttled-item") == true)
    }

    @Test func throttledItemGivesUpWithinPolicy() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.fault = { context in
            context.insideBatch ? FakeGraph.error(429, "TooManyRequests", "Slow down.", headers: ["Retry-After": "1"]) : nil
        }
        let server = try graph.start()
        let client = try TestClients.graphClient(server: server, policy: RetryPolicy(maximumAttempts: 3))

        let result = try await client.batch(items(2))

        #expect(try batchBodies(server).count == 3)
        #expect(result.responses["item-0"]?.status == 429)
        #expect(result.responses["item-1"]?.status == 429)
    }

    @Test func wholeBatchThrottleIsRetried() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.fault = { context in
            !context.insideBatch && context.previousRequests == 0 ? CannedResponse(status: 429, headers: ["Retry-After": "2"]) : nil
        }
        let server = try graph.start()
        let sleeper = ManualSleeper()
        let client = try TestClients.graphClient(server: server, sleeper: sleeper)

        let result = try await client.batch(items(1))

        #expect(result.responses["item-0"]?.status == 200)
        #expect(result.roundTrips == 2)
        #expect(sleeper.waits == [2])
    }

    @Test func missingAnswerIsAbsent() async throws {
        let server = try TestServer { _ in .json(200, ["responses": [["id": "a", "status": 200, "body": ["id": "x"]]]]) }
        let client = try TestClients.graphClient(server: server)

        let result = try await client.batch([GraphBatchRequest(id: "a", url: "/a"), GraphBatchRequest(id: "b", url: "/b")])

        #expect(result.responses["a"]?.status == 200)
        #expect(result.responses["b"] == nil)
        #expect(result.requests.last?.status == nil)
    }

    @Test func malformedEnvelopeIsTyped() async throws {
        let server = try TestServer { _ in .json(200, ["unexpected": true]) }
        let client = try TestClients.graphClient(server: server)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.batch(items(1))
        }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.path == "/$batch")
    }

    @Test func duplicateIdsAreRejected() async throws {
        let server = try TestServer { _ in .json(200, [:]) }
        let client = try TestClients.graphClient(server: server)

        await #expect(throws: GraphBatchRequestError.self) {
            _ = try await client.batch([GraphBatchRequest(id: "a", url: "/a"), GraphBatchRequest(id: "a", url: "/b")])
        }
        #expect(server.requests.isEmpty)
    }

    @Test func absoluteItemURLIsRejected() async throws {
        let server = try TestServer { _ in .json(200, [:]) }
        let client = try TestClients.graphClient(server: server)

        await #expect(throws: GraphBatchRequestError.self) {
            _ = try await client.batch([GraphBatchRequest(id: "a", url: "https://graph.microsoft.com/v1.0/organization")])
        }
    }
}
