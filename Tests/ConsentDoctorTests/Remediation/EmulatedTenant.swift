import Foundation
import GraphEmulator
import TestSupport
@testable import ConsentDoctor

/// An in-process emulator serving one of `Fixtures/tenants/` on a free loopback port, with a
/// Graph client that waits on a `ManualSleeper`, so replication and retry waits take no time.
final class EmulatedTenant: @unchecked Sendable {
    let emulator: Emulator
    let client: GraphClient
    let sleeper = ManualSleeper()

    init(_ name: String, token: String = "static-admin-token", faults: [String] = []) throws {
        let tenant = try TenantFile.load(from: PackagePaths.fixture("tenants/\(name).json"))
        emulator = Emulator(configuration: .init(tenant: tenant, faults: try faults.map(FaultRule.parse)))
        let port = try emulator.start()
        client = GraphClient(
            endpoints: try GraphEndpoints(cloud: .azureCloud, graphURL: "http://127.0.0.1:\(port)"),
            tokenProvider: FixedTokenProvider(token),
            sender: TestClients.sender(sleeper: sleeper)
        )
    }

    deinit {
        emulator.stop()
    }

    /// Reads the tenant as `check` does.
    func snapshot() async throws -> DirectorySnapshot {
        try await DirectoryReader(client: client).read(profile: .redisInsight, tenant: nil)
    }

    /// Returns the plan for the tenant as it is now.
    func plan() async throws -> FixPlan {
        FixPlanner.plan(for: CheckContext(snapshot: try await snapshot(), profile: .redisInsight))
    }

    /// Returns the findings for the tenant as it is now.
    func findings() async throws -> [Finding] {
        HealthChecks.run(CheckContext(snapshot: try await snapshot(), profile: .redisInsight))
    }

    /// Sends a request as another admin would, bypassing the planner, and returns the status.
    @discardableResult
    func change(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Int {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await client.send(method: method, path: path, body: data).response.status
    }

    /// Returns every grant in the emulator, in Graph's shape.
    func grants() throws -> [OAuth2PermissionGrant] {
        struct State: Decodable {
            var oauth2PermissionGrants: [OAuth2PermissionGrant]
        }
        return try JSONDecoder().decode(State.self, from: emulator.stateJSON()).oauth2PermissionGrants
    }

    /// Returns the grant from the client to the resource of one object id, of one consent type.
    func grant(resourceId: String, consentType: OAuth2PermissionGrant.ConsentType = .allPrincipals) throws -> OAuth2PermissionGrant? {
        try grants().first { $0.resourceId == resourceId && $0.consentType == consentType }
    }

    /// The write requests the emulator served: POST, PATCH and DELETE, as `METHOD path`.
    var writes: [String] {
        emulator.requests.filter { $0.method != "GET" && $0.batchItemId == nil && !$0.path.hasSuffix("$batch") }.map { "\($0.method) \($0.path)" }
    }
}
