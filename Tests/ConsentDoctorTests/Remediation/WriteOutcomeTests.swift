import Foundation
import GraphEmulator
import Testing
import TestSupport
@testable import ConsentDoctor

/// Writes whose outcome is unknown, interrupted runs, and the sentences that sum them up.
struct WriteOutcomeTests {
    typealias T = TenantFixtures

    /// An in-process emulator behind a loopback server whose handler can apply a write and then
    /// drop or hold the response, as a connection that fails after the request arrived would.
    final class FlakyGraph: @unchecked Sendable {
        let emulator: Emulator
        let server: TestServer
        let client: GraphClient
        private let task = Locked<Task<PlanApplication, Never>?>(nil)

        /// - Parameter after: Returns the response to send instead of the emulator's, given the
        ///   request and the count of service principal creates so far, or nil to send the real one.
        init(_ name: String, after: @escaping @Sendable (HTTPRequest, Int, FlakyGraph?) -> HTTPResponse?) throws {
            let tenant = try TenantFile.load(from: PackagePaths.fixture("tenants/\(name).json"))
            let emulator = Emulator(configuration: .init(tenant: tenant))
            emulator.baseURL = "http://127.0.0.1:9"
            self.emulator = emulator
            let creates = Locked(0)
            let owner = Locked<FlakyGraph?>(nil)
            server = try TestServer { request in
                let response = emulator.handle(request)
                let count = request.method == "POST" && request.path.lowercased() == "/v1.0/serviceprincipals"
                    ? creates.withValue { value -> Int in
                        value += 1
                        return value
                    }
                    : creates.current
                return after(request, count, owner.current) ?? response
            }
            client = GraphClient(
                endpoints: try GraphEndpoints(cloud: .azureCloud, graphURL: server.rootURL),
                tokenProvider: FixedTokenProvider("static-admin-token"),
                sender: TestClients.sender()
            )
            owner.withValue { $0 = self }
        }

        /// Starts applying `plan` in a task that the handler can cancel, and returns the result.
        func apply(_ plan: FixPlan) async -> PlanApplication {
            let applier = PlanApplier(client: client, replicationPolicy: .none)
            let started = task.withValue { slot -> Task<PlanApplication, Never> in
                let created = Task { await applier.apply(plan) }
                slot = created
                return created
            }
            return await started.value
        }

        /// Cancels the running apply, as Ctrl-C does in the command.
        func interrupt() {
            task.withValue { $0?.cancel() }
        }

        func plan() async throws -> FixPlan {
            let snapshot = try await DirectoryReader(client: client).read(profile: .redisInsight, tenant: nil)
            return FixPlanner.plan(for: CheckContext(snapshot: snapshot, profile: .redisInsight))
        }

        func hasServicePrincipal(appId: String) throws -> Bool {
            let state = try JSONSerialization.jsonObject(with: emulator.stateJSON()) as? [String: Any]
            let principals = state?["servicePrincipals"] as? [[String: Any]] ?? []
            return principals.contains { ($0["appId"] as? String) == appId }
        }
    }

    @Test func droppedWriteMayHaveBeenApplied() async throws {
        let graph = try FlakyGraph("redis-sp-missing") { request, creates, _ in
            creates > 0 && request.method == "POST" && request.path.lowercased() == "/v1.0/serviceprincipals" ? .dropConnection : nil
        }
        let plan = try await graph.plan()

        let result = await graph.apply(plan)

        #expect(result.writes.map(\.outcome) == [.failed, .notAttempted])
        #expect(result.writes.first?.mayHaveBeenApplied == true)
        #expect(result.writes.first?.message?.contains("may have been applied") == true)
        #expect(try graph.hasServicePrincipal(appId: T.redisAppId))
        let sentences = WriteSummary.sentences(for: result)
        #expect(!sentences.contains("Nothing was changed."))
        #expect(sentences.contains { $0.hasPrefix("This write may have been applied, because the request was sent but no definite answer arrived: Create the service principal for AzureRedisCacheAadApp") })
        let notes = FixReportBuilder.outcomeNotes(application: result, remaining: plan)
        #expect(notes.first == "Writes: 0 made, 0 already done, 1 failed (1 of them may have been applied), 1 not attempted.")
        #expect(notes.contains { $0.hasPrefix("May have been applied: Create the service principal for AzureRedisCacheAadApp") })
    }

    @Test func interruptionStopsBeforeNextWrite() async throws {
        // The interruption arrives while the read that confirms the first create is in flight,
        // after the create's response.
        let graph = try FlakyGraph("nothing-consented") { request, creates, owner in
            if creates == 1 && request.method == "GET" && request.path.lowercased().hasPrefix("/v1.0/serviceprincipals/") {
                owner?.interrupt()
            }
            return nil
        }
        let plan = try await graph.plan()

        let result = await graph.apply(plan)

        #expect(result.interrupted)
        #expect(result.failure == nil)
        #expect(result.writes.map(\.outcome) == [.done, .notAttempted, .notAttempted, .notAttempted])
        #expect(result.writes.first?.message?.hasPrefix("Graph did not confirm the new service principal") == true)
        #expect(result.writes.last?.message == "Not attempted, because the run was interrupted.")
        #expect(graph.emulator.requests.filter { $0.method == "POST" && !$0.path.hasSuffix("$batch") }.count == 1)
        #expect(try graph.hasServicePrincipal(appId: T.clientAppId))
    }

    @Test func interruptedWriteInFlight() async throws {
        let graph = try FlakyGraph("nothing-consented") { request, creates, owner in
            guard creates == 1 && request.method == "POST" else {
                return nil
            }
            owner?.interrupt()
            return .hang
        }
        defer { graph.server.stop() }
        let plan = try await graph.plan()

        let result = await graph.apply(plan)

        #expect(result.interrupted)
        #expect(result.writes.map(\.outcome) == [.failed, .notAttempted, .notAttempted, .notAttempted])
        #expect(result.writes.first?.mayHaveBeenApplied == true)
        #expect(result.writes.first?.message?.hasPrefix("The run was interrupted while this write was in flight.") == true)
        #expect(try graph.hasServicePrincipal(appId: T.clientAppId))
    }

    private func record(_ outcome: WriteRecord.Outcome, mayHaveBeenApplied: Bool? = nil) -> WriteRecord {
        WriteRecord(step: FixStep(kind: .createServicePrincipal, reason: "r", appId: T.redisAppId, displayName: "AzureRedisCacheAadApp"), outcome: outcome, mayHaveBeenApplied: mayHaveBeenApplied)
    }

    @Test func rejectedWriteChangedNothing() {
        let application = PlanApplication(writes: [record(.failed), record(.notAttempted)], failure: nil, requests: [])

        let sentences = WriteSummary.sentences(for: application)

        #expect(sentences.first == "Nothing was changed.")
        #expect(sentences.last == "Run consent-doctor fix --apply again to finish. It sends only what is still missing.")
    }

    @Test func finishedRunNamesWrites() {
        let application = PlanApplication(writes: [record(.done), record(.alreadyDone)], failure: nil, requests: [])

        #expect(WriteSummary.sentences(for: application) == ["This write was made: Create the service principal for AzureRedisCacheAadApp (acca5fbb-b7e4-4009-81f1-37e38fd66d78)."])
    }

    @Test func manualChangeHasNoRerunAdvice() {
        let application = PlanApplication(writes: [record(.failed)], failure: .manualChangeNeeded("Change it by hand."), requests: [])

        let sentences = WriteSummary.sentences(for: application)

        #expect(sentences == ["Nothing was changed."])
    }

    @Test(arguments: [
        ("POST", 403, nil, false),
        ("POST", 409, nil, false),
        ("POST", 429, nil, false),
        ("POST", 500, nil, true),
        ("PATCH", 503, nil, true),
        ("POST", 201, nil, true),
        ("GET", 500, nil, false),
        ("POST", nil, TransportError.Kind.connectionLost, true),
        ("POST", nil, .timedOut, true),
        ("POST", nil, .cancelled, true),
        ("POST", nil, .connectionRefused, false),
        ("POST", nil, .insecureCredentialTransport, false),
        ("PATCH", nil, .tls, false),
    ] as [(String, Int?, TransportError.Kind?, Bool)])
    func writeEffectRule(method: String, status: Int?, transport: TransportError.Kind?, expected: Bool) {
        let error = GraphError(
            kind: status == nil ? .unreachable : GraphError.kind(forStatus: status ?? 0),
            method: method,
            path: "/servicePrincipals",
            status: status,
            transportError: transport.map { TransportError(kind: $0, host: "127.0.0.1:9") }
        )
        #expect(error.writeMayHaveTakenEffect == expected)
    }
}
