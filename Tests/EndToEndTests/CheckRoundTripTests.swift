import Foundation
import Testing
import TestSupport

/// Counts the HTTP requests a full check sends, from the emulator's request log. Each test starts
/// its own emulator so that no other test's requests are counted.
struct CheckRoundTripTests {
    typealias C = CheckRun

    @Test func healthyTakesTwoRoundTrips() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let (result, report) = try C.report(emulator)
        let log = try emulator.requestLog()
        let http = log.filter { $0.batchItemId == nil }

        #expect(result.status == 0)
        #expect(try emulator.requestCount() == 2)
        #expect(http.map(\.method) == ["POST", "GET"])
        #expect(http.first?.path == "/v1.0/$batch")
        #expect(http.last?.path.hasPrefix("/v1.0/oauth2PermissionGrants?$filter=clientId") == true)
        #expect(log.filter { $0.batchItemId != nil }.count == 7)
        #expect(report.requests.count == 9)
        #expect(report.notes.first == "Read from Microsoft Graph: 9 requests in 2 round trips.")
    }

    @Test func nothingConsentedTakesOneRoundTrip() throws {
        // Without a client service principal there are no grants to read.
        let emulator = try EmulatorProcess(tenant: "nothing-consented")
        let (result, report) = try C.report(emulator)
        let http = try emulator.requestLog().filter { $0.batchItemId == nil }

        #expect(result.status == 1)
        #expect(try emulator.requestCount() == 1)
        #expect(http.map(\.path) == ["/v1.0/$batch"])
        #expect(report.notes.first == "Read from Microsoft Graph: 8 requests in 1 round trip.")
    }

    @Test func everyTenantAtMostTwo() throws {
        for expected in CheckTenantTests.expectations {
            let emulator = try EmulatorProcess(tenant: expected.tenant)
            let (result, _) = try C.report(emulator)
            #expect(result.status == expected.exitStatus, "\(expected.tenant)")
            #expect(try emulator.requestCount() <= 2, "\(expected.tenant)")
        }
    }

    @Test func batchAsksForEverythingAtOnce() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        _ = try C.report(emulator)
        let items = try emulator.requestLog().filter { $0.batchItemId != nil }.map(\.path)

        for appId in [C.clientAppId, C.redisAppId, C.armAppId, C.graphAppId] {
            #expect(items.contains { $0.hasPrefix("/servicePrincipals?$filter=appId%20eq%20'\(appId)'") }, "\(appId)")
        }
        #expect(items.contains("/policies/authorizationPolicy"))
        #expect(items.contains("/policies/adminConsentRequestPolicy"))
        #expect(items.contains { $0.hasPrefix("/organization?$select=id,verifiedDomains") })
    }
}
