import Foundation
import Testing
@testable import GraphEmulator

struct AuthenticationTests {
    @Test func missingTokenIs401() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals", token: nil)
        #expect(reply.status == 401)
        #expect(reply.errorCode == "InvalidAuthenticationToken")
        #expect(reply.header("WWW-Authenticate")?.hasPrefix("Bearer realm=\"\"") == true)
    }

    @Test func unknownTokenIs401() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals", token: "made-up")
        #expect(reply.status == 401)
        #expect(reply.errorCode == "InvalidAuthenticationToken")
        #expect(reply.text.contains("made-up") == false)
    }

    @Test func nonBearerSchemeIs401() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals", token: nil, headers: [("Authorization", "Basic YWRtaW46YWRtaW4=")])
        #expect(reply.status == 401)
    }

    @Test func optionalAcceptsNoToken() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing", auth: .optional)
        #expect(emulator.get("/v1.0/servicePrincipals", token: nil).status == 200)
        let created = emulator.send("POST", "/v1.0/servicePrincipals", token: nil, body: ["appId": Fixture.redisAppId])
        #expect(created.status == 201)
    }

    @Test func optionalStillChecksSentToken() throws {
        let emulator = try InProcessEmulator(auth: .optional)
        #expect(emulator.get("/v1.0/servicePrincipals", token: "made-up").status == 401)
        #expect(emulator.get("/v1.0/servicePrincipals", token: Fixture.noAccessToken).status == 403)
    }

    @Test func readerCannotWrite() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        #expect(emulator.get("/v1.0/servicePrincipals", token: Fixture.readerToken).status == 200)
        let reply = emulator.send("POST", "/v1.0/servicePrincipals", token: Fixture.readerToken, body: ["appId": Fixture.redisAppId])
        #expect(reply.status == 403)
        #expect(reply.errorCode == "Authorization_RequestDenied")
        #expect(reply.errorMessage == "Insufficient privileges to complete the operation.")
        #expect(emulator.servicePrincipalId(appId: Fixture.redisAppId) == nil)
    }

    @Test func noAccessCannotRead() throws {
        let emulator = try InProcessEmulator()
        for path in ["/v1.0/servicePrincipals", "/v1.0/oauth2PermissionGrants", "/v1.0/policies/authorizationPolicy", "/v1.0/organization"] {
            let reply = emulator.get(path, token: Fixture.noAccessToken)
            #expect(reply.status == 403, "\(path)")
            #expect(reply.errorCode == "Authorization_RequestDenied", "\(path)")
        }
    }

    @Test func errorBodyShape() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/v1.0/servicePrincipals", token: Fixture.noAccessToken, headers: [("client-request-id", "c0ffee00-0000-4000-8000-000000000001")])
        let error = try #require(reply.json["error"] as? [String: Any])
        #expect(Set(error.keys) == ["code", "message", "innerError"])
        let inner = try #require(error["innerError"] as? [String: Any])
        #expect(Set(inner.keys) == ["date", "request-id", "client-request-id"])
        #expect(inner["client-request-id"] as? String == "c0ffee00-0000-4000-8000-000000000001")
        #expect(inner["request-id"] as? String == reply.header("request-id"))
        let date = try #require(inner["date"] as? String)
        #expect(date.count == 19)
        #expect(date.contains("T"))
    }

    @Test func requestIdHeadersOnEveryResponse() throws {
        let emulator = try InProcessEmulator()
        let ok = emulator.get("/v1.0/organization")
        let requestId = try #require(ok.header("request-id"))
        #expect(GUID.isValid(requestId))
        #expect(ok.header("client-request-id") == requestId)
        let echoed = emulator.get("/v1.0/organization", headers: [("client-request-id", "my-id")])
        #expect(echoed.header("client-request-id") == "my-id")
        #expect(echoed.header("request-id") != requestId)
    }

    @Test func requestIdsAreDeterministicForASeed() throws {
        let first = try InProcessEmulator()
        let second = try InProcessEmulator()
        let firstIds = (0..<3).map { _ in first.get("/v1.0/organization").header("request-id") }
        let secondIds = (0..<3).map { _ in second.get("/v1.0/organization").header("request-id") }
        #expect(firstIds == secondIds)
    }

    @Test func graphContentType() throws {
        let emulator = try InProcessEmulator()
        #expect(emulator.get("/v1.0/organization").header("Content-Type")?.hasPrefix("application/json;odata.metadata=minimal") == true)
    }
}
