import Foundation
import Testing
@testable import GraphEmulator

struct FaultRuleTests {
    @Test func throttleWithCount() throws {
        let rule = try FaultRule.parse("throttle=3")
        #expect(rule.kind == .throttle)
        #expect(rule.count == 3)
        #expect(rule.retryAfterSeconds == 1)
        #expect(rule.pathPattern == "/v1.0/*")
        #expect(rule.target == .request)
    }

    @Test func throttleWithOptions() throws {
        let rule = try FaultRule.parse("throttle=2,retry-after=0,path=*/oauth2PermissionGrants*,target=batch-item")
        #expect(rule.count == 2)
        #expect(rule.retryAfterSeconds == 0)
        #expect(rule.pathPattern == "*/oauth2PermissionGrants*")
        #expect(rule.target == .batchItem)
    }

    @Test func unavailableOnThirdWrite() throws {
        let rule = try FaultRule.parse("unavailable=1,method=write,after=2")
        #expect(rule.kind == .unavailable)
        #expect(rule.count == 1)
        #expect(rule.method == "write")
        #expect(rule.after == 2)
    }

    @Test(arguments: [("latency=50ms", 50), ("latency=2s", 2000), ("latency=0.25s", 250), ("latency=75", 75)])
    func latencyDurations(specification: String, milliseconds: Int) throws {
        #expect(try FaultRule.parse(specification).kind == .latency(milliseconds: milliseconds))
    }

    @Test func hangWithoutCountFiresAlways() throws {
        let rule = try FaultRule.parse("hang,path=/v1.0/policies/*")
        #expect(rule.kind == .hang)
        #expect(rule.count == nil)
        #expect(rule.pathPattern == "/v1.0/policies/*")
    }

    @Test func settings() throws {
        #expect(try FaultRule.parse("page-size=1").kind == .pageSize(1))
        #expect(try FaultRule.parse("not-found-after-create=2").kind == .notFoundAfterCreate(reads: 2))
        #expect(try FaultRule.parse("device-code=declined").kind == .deviceCodeOutcome("declined"))
        #expect(try FaultRule.parse("device-code-pending=4").kind == .deviceCodePending(4))
        #expect(try FaultRule.parse("device-code-slow-down=1").kind == .deviceCodeSlowDown(1))
        #expect(try FaultRule.parse("malformed-json=1").kind == .malformedJSON)
        #expect(try FaultRule.parse("drop-connection").kind == .dropConnection)
    }

    @Test(arguments: [
        ("", "it is empty"),
        ("explode=1", "'explode' is not a fault kind"),
        ("throttle=-1", "'-1' is not a count"),
        ("latency=fast", "latency needs a duration"),
        ("page-size=0", "page-size must be 1 or more"),
        ("page-size", "'page-size' needs a value"),
        ("throttle=1,colour=red", "'colour' is not an option"),
        ("throttle=1,method=TRACE", "method 'TRACE' must be"),
        ("throttle=1,path=v1.0", "path 'v1.0' must start with"),
        ("hang=1,retry-after=2", "retry-after applies only"),
        ("hang=1,target=batch-item", "target=batch-item applies only"),
        ("page-size=2,path=/x", "'page-size' takes no options"),
        ("device-code=maybe", "device-code needs"),
        ("throttle=1,after", "option 'after' needs a value"),
    ])
    func invalidSpecifications(specification: String, problem: String) {
        do {
            _ = try FaultRule.parse(specification)
            Issue.record("'\(specification)' parsed")
        } catch let error as FaultSpecificationError {
            #expect(error.problem.contains(problem), "\(error.problem)")
            #expect(error.description.hasPrefix("Invalid fault '\(specification)'"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: [
        ("/v1.0/*", "/v1.0/servicePrincipals", true),
        ("/v1.0/*", "/msi/token", false),
        ("*/oauth2permissiongrants*", "/v1.0/oAuth2PermissionGrants/abc", true),
        ("/v1.0/servicePrincipals", "/v1.0/servicePrincipals", true),
        ("/v1.0/servicePrincipals", "/v1.0/servicePrincipals/x", false),
        ("*/token", "/tenant/oauth2/v2.0/token", true),
        ("/a*b*c", "/aXXbYYc", true),
        ("/a*b*c", "/aXXcYYb", false),
    ])
    func globMatching(pattern: String, path: String, expected: Bool) {
        #expect(FaultRule.glob(pattern.lowercased(), matches: path.lowercased()) == expected)
    }

    @Test func methodReadMatchesOnlyGet() throws {
        let rule = try FaultRule.parse("throttle,method=read")
        #expect(rule.matches(method: "GET", path: "/v1.0/x", target: .request))
        #expect(!rule.matches(method: "POST", path: "/v1.0/x", target: .request))
    }

    @Test func changesStateDecidesWriteRule() throws {
        let rule = try FaultRule.parse("throttle,method=write")
        #expect(!rule.matches(method: "POST", path: "/v1.0/$batch", target: .request, changesState: false))
        #expect(rule.matches(method: "POST", path: "/v1.0/$batch", target: .request, changesState: true))
        #expect(rule.matches(method: "PATCH", path: "/v1.0/x", target: .request))
    }

    @Test(arguments: [
        (#"{"requests":[{"id":"1","method":"GET","url":"/organization"}]}"#, false),
        (#"{"requests":[{"id":"1","method":"GET","url":"/organization"},{"id":"2","method":"patch","url":"/x"}]}"#, true),
        ("not json", false),
    ])
    func batchWriteDetection(body: String, expected: Bool) {
        let request = HTTPRequest(method: "POST", target: "/v1.0/$batch", body: Data(body.utf8))
        #expect(Emulator.changesState(request) == expected)
    }

    @Test func getNeverChangesState() {
        #expect(!Emulator.changesState(HTTPRequest(method: "GET", target: "/v1.0/servicePrincipals")))
        #expect(Emulator.changesState(HTTPRequest(method: "DELETE", target: "/v1.0/oauth2PermissionGrants/x")))
    }

    @Test func injectorHonoursAfterAndCount() throws {
        let injector = FaultInjector(rules: [try FaultRule.parse("unavailable=1,method=write,after=2")])
        let actions = (0..<5).map { _ in injector.decide(method: "POST", path: "/v1.0/oauth2PermissionGrants", target: .request).action }
        #expect(actions == [nil, nil, .unavailable(retryAfterSeconds: 1), nil, nil])
    }

    @Test func injectorIgnoresReadsForWriteRule() throws {
        let injector = FaultInjector(rules: [try FaultRule.parse("unavailable=1,method=write")])
        #expect(injector.decide(method: "GET", path: "/v1.0/servicePrincipals", target: .request).action == nil)
        #expect(injector.decide(method: "DELETE", path: "/v1.0/oauth2PermissionGrants/x", target: .request).action == .unavailable(retryAfterSeconds: 1))
    }

    @Test func injectorFirstActionWinsAndLatencyAdds() throws {
        let injector = FaultInjector(rules: try ["latency=10ms", "throttle=1", "unavailable=1", "latency=5ms"].map(FaultRule.parse))
        let first = injector.decide(method: "GET", path: "/v1.0/organization", target: .request)
        #expect(first.latencyMilliseconds == 15)
        #expect(first.action == .throttle(retryAfterSeconds: 1))
        let second = injector.decide(method: "GET", path: "/v1.0/organization", target: .request)
        #expect(second.action == .unavailable(retryAfterSeconds: 1))
        let third = injector.decide(method: "GET", path: "/v1.0/organization", target: .request)
        #expect(third.action == nil)
    }

    @Test func injectorSeparatesBatchItems() throws {
        let injector = FaultInjector(rules: [try FaultRule.parse("throttle=1,target=batch-item")])
        #expect(injector.decide(method: "POST", path: "/v1.0/$batch", target: .request).action == nil)
        #expect(injector.decide(method: "GET", path: "/v1.0/servicePrincipals", target: .batchItem).action == .throttle(retryAfterSeconds: 1))
    }

    @Test func lastSettingWins() throws {
        let injector = FaultInjector(rules: try ["page-size=5", "page-size=2", "not-found-after-create=3"].map(FaultRule.parse))
        #expect(injector.pageSize == 2)
        #expect(injector.notFoundAfterCreateReads == 3)
    }
}
