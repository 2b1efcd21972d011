import Foundation
import Testing
import TestSupport

/// End-to-end tests of the built `consent-doctor-emulator` binary over real HTTP on 127.0.0.1.
struct EmulatorProcessTests {
    private let emulatorBinary = PackagePaths.binary("consent-doctor-emulator")

    @Test func servesGraphAndCountsRequests() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let reply = try emulator.send("GET", "/v1.0/servicePrincipals(appId='\(Fixture.redisAppId)')", token: Fixture.adminToken)
        #expect(reply.status == 200)
        #expect(reply.jsonObject?["displayName"] as? String == "AzureRedisCacheAadApp")
        #expect(reply.header("request-id") != nil)
        #expect(try emulator.requestCount() == 1)
        let log = try emulator.requestLog()
        #expect(log.map(\.path) == ["/v1.0/servicePrincipals(appId='\(Fixture.redisAppId)')"])
        #expect(log.map(\.status) == [200])
        #expect(emulator.baseURL.absoluteString == "http://127.0.0.1:\(emulator.port)")
        #expect(emulator.graphBaseURL.absoluteString == "http://127.0.0.1:\(emulator.port)/v1.0")
    }

    @Test func stateShowsAFix() throws {
        let emulator = try EmulatorProcess(tenant: "redis-grant-missing")
        let before = try emulator.state()
        let client = try #require(before.servicePrincipal(appId: Fixture.clientAppId))
        let redis = try #require(before.servicePrincipal(appId: Fixture.redisAppId))
        #expect(before.grants(clientId: client.id, resourceId: redis.id).isEmpty)

        let body = try JSONSerialization.data(withJSONObject: ["clientId": client.id, "consentType": "AllPrincipals", "resourceId": redis.id, "scope": "user_impersonation"])
        #expect(try emulator.send("POST", "/v1.0/oauth2PermissionGrants", token: Fixture.adminToken, body: body).status == 201)

        let after = try emulator.state()
        #expect(after.grants(clientId: client.id, resourceId: redis.id).map(\.scope) == ["user_impersonation"])
        #expect(after.oauth2PermissionGrants.count == 3)
    }

    @Test func resetRestoresState() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let grant = try #require(try emulator.state().oauth2PermissionGrants.first)
        #expect(try emulator.send("DELETE", "/v1.0/oauth2PermissionGrants/\(grant.id)", token: Fixture.adminToken).status == 204)
        #expect(try emulator.state().oauth2PermissionGrants.count == 2)
        try emulator.reset(restoringState: true)
        #expect(try emulator.state().oauth2PermissionGrants.count == 3)
        #expect(try emulator.requestCount() == 0)
    }

    @Test func stopsCleanlyOnSIGTERM() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        emulator.stop()
        #expect(emulator.exitStatus == 0)
        #expect(throws: LoopbackHTTPError.self) {
            try LoopbackHTTP.get(port: emulator.port, "/_emulator/health", timeout: 2)
        }
        let log = try String(contentsOf: emulator.standardErrorFile, encoding: .utf8)
        #expect(log.contains("Stopping on signal 15"))
    }

    @Test func authOptionalFromCommandLine() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", auth: "optional")
        #expect(try emulator.send("GET", "/v1.0/organization").status == 200)
    }

    @Test func authRequiredByDefault() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let reply = try emulator.send("GET", "/v1.0/organization")
        #expect(reply.status == 401)
        #expect(reply.header("WWW-Authenticate") != nil)
    }

    @Test func faultsFromCommandLine() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["throttle=1,retry-after=0"])
        let first = try emulator.send("GET", "/v1.0/organization", token: Fixture.adminToken)
        #expect(first.status == 429)
        #expect(first.header("Retry-After") == "0")
        #expect(try emulator.send("GET", "/v1.0/organization", token: Fixture.adminToken).status == 200)
    }

    @Test func faultsSetAtRuntime() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        try emulator.setFaults(["unavailable=1"])
        #expect(try emulator.send("GET", "/v1.0/organization", token: Fixture.adminToken).status == 503)
        try emulator.setFaults(["throttle=1"])
        try emulator.clearFaults()
        #expect(try emulator.send("GET", "/v1.0/organization", token: Fixture.adminToken).status == 200)
    }

    @Test func hungRequestLeavesOthersServed() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["hang,path=/v1.0/policies/*"])
        #expect(throws: LoopbackHTTPError.self) {
            try emulator.send("GET", "/v1.0/policies/authorizationPolicy", token: Fixture.adminToken, timeout: 0.3)
        }
        #expect(try emulator.send("GET", "/v1.0/organization", token: Fixture.adminToken).status == 200)
    }

    @Test func droppedConnectionHasNoResponse() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["drop-connection=1"])
        do {
            _ = try emulator.send("GET", "/v1.0/organization", token: Fixture.adminToken)
            Issue.record("a response arrived")
        } catch let error as LoopbackHTTPError {
            #expect(error.description.contains("without a response"))
        }
    }

    @Test func nextLinkIsAbsoluteOnEmulator() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["page-size=3"])
        let first = try emulator.send("GET", "/v1.0/servicePrincipals", token: Fixture.adminToken)
        let nextLink = try #require(first.jsonObject?["@odata.nextLink"] as? String)
        let url = try #require(URL(string: nextLink))
        #expect(url.host == "127.0.0.1")
        #expect(url.port == Int(emulator.port))
        let target = String(nextLink.dropFirst(emulator.baseURL.absoluteString.count))
        let second = try emulator.send("GET", target, token: Fixture.adminToken)
        #expect((second.jsonObject?["value"] as? [Any])?.count == 1)
    }

    @Test func clientCredentialsOverHTTP() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let form = "grant_type=client_credentials&client_id=\(Fixture.checkerClientId)&client_secret=\(Fixture.checkerSecret)&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
        let tokenReply = try emulator.send("POST", "/\(Fixture.healthyTenantId)/oauth2/v2.0/token", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Data(form.utf8))
        let token = try #require(tokenReply.jsonObject?["access_token"] as? String)
        #expect(try emulator.send("GET", "/v1.0/organization", token: token).status == 200)
        let stderr = try String(contentsOf: emulator.standardErrorFile, encoding: .utf8)
        #expect(!stderr.contains(token))
        #expect(!stderr.contains(Fixture.checkerSecret))
        #expect(stderr.contains("POST /\(Fixture.healthyTenantId)/oauth2/v2.0/token 200 request-id="))
    }

    @Test func logOptionWritesFile() throws {
        let logFile = try PackagePaths.scratchFolder("emulator-log").appendingPathComponent("requests.log")
        let emulator = try EmulatorProcess(tenant: "healthy", extraArguments: ["--log", logFile.path])
        _ = try emulator.send("GET", "/v1.0/organization", token: Fixture.adminToken)
        emulator.stop()
        let lines = try String(contentsOf: logFile, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("Started: tenant \(Fixture.healthyTenantId)") == true)
        let requestLine = try #require(lines.first { $0.contains("GET /v1.0/organization 200 request-id=") })
        #expect(requestLine.hasSuffix("identity=admin"))
        #expect(!lines.contains { $0.contains(Fixture.adminToken) })
    }

    // MARK: Command line

    @Test func helpExitsZero() throws {
        let result = try ProcessRunner.run(emulatorBinary, ["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("Usage: consent-doctor-emulator --tenant FILE"))
        #expect(result.standardError.isEmpty)
    }

    @Test func missingTenantOptionExits64() throws {
        let result = try ProcessRunner.run(emulatorBinary, ["--port", "0"])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: The option --tenant FILE is required"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func unreadableTenantExits64() throws {
        let result = try ProcessRunner.run(emulatorBinary, ["--tenant", "/nonexistent/tenant.json"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("'/nonexistent/tenant.json'"))
        #expect(result.standardError.contains("cannot be read"))
    }

    @Test func invalidTenantNamesField() throws {
        let file = try PackagePaths.scratchFolder("bad-tenant").appendingPathComponent("tenant.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: PackagePaths.fixture("tenants/healthy.json"))) as? [String: Any])
        var servicePrincipals = try #require(object["servicePrincipals"] as? [[String: Any]])
        servicePrincipals[0]["appId"] = "redisinsight"
        object["servicePrincipals"] = servicePrincipals
        try JSONSerialization.data(withJSONObject: object).write(to: file)

        let result = try ProcessRunner.run(emulatorBinary, ["--tenant", file.path])
        #expect(result.status == 64)
        #expect(result.standardError.contains("field 'servicePrincipals[0].appId' is 'redisinsight', which is not a GUID"))
    }

    @Test func invalidFaultExits64() throws {
        let result = try ProcessRunner.run(emulatorBinary, ["--tenant", PackagePaths.fixture("tenants/healthy.json").path, "--fault", "throttle=x"])
        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: Invalid fault 'throttle=x'"))
    }

    @Test func busyPortExits69() throws {
        let first = try EmulatorProcess(tenant: "healthy")
        let result = try ProcessRunner.run(emulatorBinary, ["--tenant", PackagePaths.fixture("tenants/healthy.json").path, "--port", String(first.port)])
        #expect(result.status == 69)
        #expect(result.standardError.contains("cannot bind 127.0.0.1:\(first.port)"))
    }

    @Test(arguments: Fixture.tenantNames)
    func everyFixtureStarts(name: String) throws {
        let emulator = try EmulatorProcess(tenant: name)
        let health = try emulator.send("GET", "/_emulator/health")
        #expect(health.status == 200)
        #expect(try emulator.state().tenantId == (try Fixture.tenant(name)).tenantId)
    }
}
