import Foundation
import Testing
import TestSupport
@testable import GraphEmulator

/// The in-process emulator served over real sockets on 127.0.0.1.
struct HTTPRoundTripTests {
    private func started(_ tenant: String = "healthy", faults: [String] = []) throws -> Emulator {
        let emulator = Emulator(configuration: .init(tenant: try Fixture.tenant(tenant), faults: try faults.map(FaultRule.parse)))
        try emulator.start()
        return emulator
    }

    private func port(_ emulator: Emulator) throws -> UInt16 {
        try #require(UInt16(emulator.baseURL.split(separator: ":").last ?? ""))
    }

    @Test func baseURLNamesBoundPort() throws {
        let emulator = try started()
        defer { emulator.stop() }
        let port = try port(emulator)
        #expect(port > 0)
        #expect(emulator.baseURL == "http://127.0.0.1:\(port)")
    }

    @Test func batchOverHTTP() throws {
        let emulator = try started()
        defer { emulator.stop() }
        let body = try JSONSerialization.data(withJSONObject: ["requests": [
            ["id": "a", "method": "GET", "url": "/servicePrincipals(appId='\(Fixture.clientAppId)')"],
            ["id": "b", "method": "GET", "url": "/organization"],
        ]])
        let reply = try LoopbackHTTP.post(port: try port(emulator), "/v1.0/$batch", body: body, headers: [("Authorization", "Bearer \(Fixture.adminToken)"), ("Content-Type", "application/json")])
        #expect(reply.status == 200)
        let responses = try #require(reply.jsonObject?["responses"] as? [[String: Any]])
        #expect(responses.map { $0["id"] as? String } == ["b", "a"])
        #expect(responses.map { $0["status"] as? Int } == [200, 200])
    }

    @Test func azureCLIStyleFilterOverHTTP() throws {
        let emulator = try started("redis-sp-missing")
        defer { emulator.stop() }
        let filter = encodedQuery("servicePrincipalNames/any(c:c eq '\(Fixture.redisAppId)')")
        let reply = try LoopbackHTTP.get(port: try port(emulator), "/v1.0/servicePrincipals?$filter=\(filter)", headers: [("Authorization", "Bearer \(Fixture.adminToken)")])
        #expect(reply.status == 200)
        #expect((reply.jsonObject?["value"] as? [Any])?.isEmpty == true)
    }

    @Test func stopEndsHungRequest() throws {
        let emulator = try started(faults: ["hang"])
        let port = try port(emulator)
        let outcome = OutcomeBox()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do {
                _ = try LoopbackHTTP.get(port: port, "/v1.0/organization", timeout: 30)
                outcome.set("response")
            } catch {
                outcome.set("\(error)")
            }
            done.signal()
        }
        // Wait until the request has been received, then stop the server under it.
        for _ in 0..<500 where emulator.requestCount == 0 {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(emulator.requestCount == 1)
        emulator.stop()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(outcome.get()?.contains("without a response") == true)
    }
}

/// A lock-protected string set by a worker thread.
final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?

    func set(_ newValue: String) {
        lock.withLock { value = newValue }
    }

    func get() -> String? {
        lock.withLock { value }
    }
}
