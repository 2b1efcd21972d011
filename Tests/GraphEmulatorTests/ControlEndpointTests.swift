import Foundation
import Testing
@testable import GraphEmulator

struct ControlEndpointTests {
    @Test func countExcludesControlRequests() throws {
        let emulator = try InProcessEmulator()
        _ = emulator.get("/v1.0/organization")
        _ = emulator.get("/v1.0/servicePrincipals", token: nil)
        let reply = emulator.get("/_emulator/requests/count", token: nil)
        #expect(reply.json["count"] as? Int == 2)
        #expect(emulator.get("/_emulator/requests/count", token: nil).json["count"] as? Int == 2)
    }

    @Test func requestLogRecordsStatusAndIdentity() throws {
        let emulator = try InProcessEmulator()
        _ = emulator.get("/v1.0/organization")
        _ = emulator.get("/v1.0/servicePrincipals", token: Fixture.noAccessToken)
        let reply = emulator.get("/_emulator/requests", token: nil)
        let requests = try #require(reply.json["requests"] as? [[String: Any]])
        #expect(requests.map { $0["path"] as? String } == ["/v1.0/organization", "/v1.0/servicePrincipals"])
        #expect(requests.map { $0["status"] as? Int } == [200, 403])
        #expect(requests.map { $0["identity"] as? String } == ["admin", "no-access"])
        #expect(requests.allSatisfy { ($0["time"] as? String)?.hasSuffix("Z") == true })
        #expect(requests.allSatisfy { ($0["requestId"] as? String).map(GUID.isValid) == true })
    }

    @Test func logNeverContainsSecrets() throws {
        let lines = LineCollector()
        let tenant = try Fixture.tenant("healthy")
        let emulator = Emulator(configuration: .init(tenant: tenant, logSink: { lines.append($0) }))
        let form = "grant_type=client_credentials&client_id=\(Fixture.checkerClientId)&client_secret=\(Fixture.checkerSecret)&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
        let tokenReply = emulator.handle(HTTPRequest(method: "POST", target: "/\(Fixture.healthyTenantId)/oauth2/v2.0/token", body: Data(form.utf8)))
        let token = try #require((try JSONSerialization.jsonObject(with: tokenReply.body) as? [String: Any])?["access_token"] as? String)
        _ = emulator.handle(HTTPRequest(method: "GET", target: "/v1.0/organization", headers: [("Authorization", "Bearer \(token)")]))
        _ = emulator.handle(HTTPRequest(method: "GET", target: "/v1.0/organization?access_token=\(token)", headers: [("Authorization", "Bearer \(Fixture.adminToken)")]))
        _ = emulator.handle(HTTPRequest(method: "GET", target: "/msi/token?api-version=2019-08-01&resource=x", headers: [("X-IDENTITY-HEADER", Fixture.identityHeader)]))

        let requestLog = String(decoding: emulator.handle(HTTPRequest(method: "GET", target: "/_emulator/requests")).body, as: UTF8.self)
        let everything = lines.all.joined(separator: "\n") + requestLog
        for secret in [token, Fixture.checkerSecret, Fixture.adminToken, Fixture.identityHeader] {
            #expect(!everything.contains(secret))
        }
        #expect(lines.all.count == 4)
        #expect(lines.all[2].contains("access_token=REDACTED"))
    }

    @Test func stateReflectsWrites() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        _ = emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": Fixture.redisAppId])
        let state = emulator.get("/_emulator/state", token: nil).json
        #expect(state["tenantId"] as? String == "7c4d9e21-6a3b-4f58-b1c7-8e2a0d5f3b96")
        let servicePrincipals = try #require(state["servicePrincipals"] as? [[String: Any]])
        #expect(servicePrincipals.contains { $0["appId"] as? String == Fixture.redisAppId })
        #expect((state["oauth2PermissionGrants"] as? [Any])?.count == 2)
    }

    @Test func resetClearsCountsAndOptionallyState() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        _ = emulator.send("POST", "/v1.0/servicePrincipals", body: ["appId": Fixture.redisAppId])
        #expect(emulator.send("POST", "/_emulator/reset", token: nil).status == 200)
        #expect(emulator.emulator.requestCount == 0)
        #expect(emulator.emulator.requests.isEmpty)
        #expect(emulator.servicePrincipalId(appId: Fixture.redisAppId) != nil)

        #expect(emulator.send("POST", "/_emulator/reset?state=true", token: nil).json["stateRestored"] as? Bool == true)
        #expect(emulator.servicePrincipalId(appId: Fixture.redisAppId) == nil)
    }

    @Test func faultsEndpoint() throws {
        let emulator = try InProcessEmulator()
        let put = emulator.send("PUT", "/_emulator/faults", token: nil, body: ["faults": ["throttle=1"]])
        #expect(put.status == 200)
        #expect(emulator.get("/v1.0/organization").status == 429)
        let listed = try #require(emulator.get("/_emulator/faults", token: nil).json["faults"] as? [[String: Any]])
        #expect(listed.first?["fault"] as? String == "throttle=1")
        #expect(listed.first?["fired"] as? Int == 1)
        #expect(emulator.send("DELETE", "/_emulator/faults", token: nil).status == 200)
        #expect(emulator.get("/v1.0/organization").status == 200)
    }

    @Test func invalidFaultRejected() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.send("POST", "/_emulator/faults", token: nil, body: ["faults": ["explode"]])
        #expect(reply.status == 400)
        #expect((reply.json["error"] as? String)?.contains("explode") == true)
    }

    @Test func unknownControlPathIs404() throws {
        let emulator = try InProcessEmulator()
        #expect(emulator.get("/_emulator/nothing", token: nil).status == 404)
    }
}

/// Collects log lines from the emulator's log sink.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.withLock { lines.append(line) }
    }

    var all: [String] {
        lock.withLock { lines }
    }
}
