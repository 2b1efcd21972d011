import Foundation
import Testing
@testable import GraphEmulator

struct TokenEndpointTests {
    private let tokenPath = "/\(Fixture.healthyTenantId)/oauth2/v2.0/token"
    private let deviceCodePath = "/\(Fixture.healthyTenantId)/oauth2/v2.0/devicecode"
    private let graphScope = "https://graph.microsoft.com/.default"

    private func clientCredentials(_ emulator: InProcessEmulator, clientId: String = Fixture.checkerClientId, secret: String = Fixture.checkerSecret, scope: String? = nil, path: String? = nil) -> Reply {
        emulator.postForm(path ?? tokenPath, [("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret), ("scope", scope ?? graphScope)])
    }

    private func oauthError(_ reply: Reply) -> (error: String?, codes: [Int]) {
        (reply.json["error"] as? String, reply.json["error_codes"] as? [Int] ?? [])
    }

    // MARK: Client credentials

    @Test func clientCredentialsIssueUsableToken() throws {
        let emulator = try InProcessEmulator()
        let reply = clientCredentials(emulator)
        #expect(reply.status == 200)
        #expect(reply.json["token_type"] as? String == "Bearer")
        #expect(reply.json["expires_in"] as? Int == 3599)
        let token = try #require(reply.json["access_token"] as? String)
        #expect(token.count >= 40)
        #expect(emulator.get("/v1.0/servicePrincipals", token: token).status == 200)
    }

    @Test func clientCredentialsCarryIdentityPermissions() throws {
        let emulator = try InProcessEmulator(tenant: "redis-sp-missing")
        let path = "/\(emulator.emulator.tenant.tenantId)/oauth2/v2.0/token"
        let checker = try #require(clientCredentials(emulator, path: path).json["access_token"] as? String)
        let fixer = try #require(clientCredentials(emulator, clientId: Fixture.fixerClientId, secret: Fixture.fixerSecret, path: path).json["access_token"] as? String)
        #expect(emulator.send("POST", "/v1.0/servicePrincipals", token: checker, body: ["appId": Fixture.redisAppId]).status == 403)
        #expect(emulator.send("POST", "/v1.0/servicePrincipals", token: fixer, body: ["appId": Fixture.redisAppId]).status == 201)
    }

    @Test func tenantByDomainAccepted() throws {
        let emulator = try InProcessEmulator()
        #expect(clientCredentials(emulator, path: "/cd-healthy.onmicrosoft.com/oauth2/v2.0/token").status == 200)
    }

    @Test func wrongSecretIs7000215() throws {
        let emulator = try InProcessEmulator()
        let reply = clientCredentials(emulator, secret: "wrong-secret")
        #expect(reply.status == 401)
        #expect(oauthError(reply).error == "invalid_client")
        #expect(oauthError(reply).codes == [7_000_215])
        let description = try #require(reply.json["error_description"] as? String)
        #expect(description.hasPrefix("AADSTS7000215: "))
        #expect(description.contains("Trace ID: "))
        #expect(!description.contains("wrong-secret"))
        #expect(reply.json["trace_id"] as? String == reply.header("request-id"))
    }

    @Test func missingSecretIs7000218() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.postForm(tokenPath, [("grant_type", "client_credentials"), ("client_id", Fixture.checkerClientId), ("scope", graphScope)])
        #expect(reply.status == 401)
        #expect(oauthError(reply).codes == [7_000_218])
    }

    @Test func unknownClientIs700016() throws {
        let emulator = try InProcessEmulator()
        let reply = clientCredentials(emulator, clientId: "11111111-2222-4333-8444-555555555555")
        #expect(reply.status == 400)
        #expect(oauthError(reply).error == "unauthorized_client")
        #expect(oauthError(reply).codes == [700_016])
    }

    @Test func unknownTenantIs90002() throws {
        let emulator = try InProcessEmulator()
        let reply = clientCredentials(emulator, path: "/c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35/oauth2/v2.0/token")
        #expect(reply.status == 400)
        #expect(oauthError(reply).codes == [90002])
    }

    @Test func commonTenantRejectedForAppTokens() throws {
        let emulator = try InProcessEmulator()
        #expect(oauthError(clientCredentials(emulator, path: "/common/oauth2/v2.0/token")).codes == [90002])
    }

    @Test func scopeWithoutDefaultIs1002012() throws {
        let emulator = try InProcessEmulator()
        let reply = clientCredentials(emulator, scope: "User.Read")
        #expect(reply.status == 400)
        #expect(oauthError(reply).error == "invalid_scope")
        #expect(oauthError(reply).codes == [1_002_012])
    }

    @Test func missingGrantTypeIs900144() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.postForm(tokenPath, [("client_id", Fixture.checkerClientId)])
        #expect(oauthError(reply).codes == [900_144])
    }

    @Test func unsupportedGrantType() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.postForm(tokenPath, [("grant_type", "password")])
        #expect(oauthError(reply).error == "unsupported_grant_type")
    }

    @Test func tokenForOtherResourceRejectedByGraph() throws {
        let emulator = try InProcessEmulator()
        let token = try #require(clientCredentials(emulator, scope: "https://management.azure.com//.default").json["access_token"] as? String)
        let reply = emulator.get("/v1.0/servicePrincipals", token: token)
        #expect(reply.status == 401)
        #expect(reply.errorMessage?.contains("https://management.azure.com") == true)
    }

    @Test(arguments: ["https://graph.microsoft.com//.default", "00000003-0000-0000-c000-000000000000/.default", "http://127.0.0.1:9/.default", "https://graph.microsoft.us/.default"])
    func graphAudiencesAccepted(scope: String) throws {
        let emulator = try InProcessEmulator()
        let token = try #require(clientCredentials(emulator, scope: scope).json["access_token"] as? String)
        #expect(emulator.get("/v1.0/organization", token: token).status == 200)
    }

    // MARK: Device code

    private func startDeviceCode(_ emulator: InProcessEmulator, scope: String = "https://graph.microsoft.com/.default offline_access") -> Reply {
        emulator.postForm(deviceCodePath, [("client_id", Fixture.azureCLIAppId), ("scope", scope)])
    }

    private func poll(_ emulator: InProcessEmulator, _ deviceCode: String) -> Reply {
        emulator.postForm(tokenPath, [("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("client_id", Fixture.azureCLIAppId), ("device_code", deviceCode)])
    }

    @Test func deviceCodeResponseShape() throws {
        let emulator = try InProcessEmulator()
        let reply = startDeviceCode(emulator)
        #expect(reply.status == 200)
        let userCode = try #require(reply.json["user_code"] as? String)
        #expect(userCode.count == 9)
        #expect(reply.json["verification_uri"] as? String == "http://127.0.0.1:9/devicelogin")
        #expect(reply.json["expires_in"] as? Int == 900)
        #expect(reply.json["interval"] as? Int == 1)
        #expect((reply.json["message"] as? String)?.contains(userCode) == true)
        #expect((reply.json["device_code"] as? String)?.isEmpty == false)
    }

    @Test func deviceCodePendingThenToken() throws {
        let emulator = try InProcessEmulator()
        let deviceCode = try #require(startDeviceCode(emulator).json["device_code"] as? String)
        let first = poll(emulator, deviceCode)
        let second = poll(emulator, deviceCode)
        let third = poll(emulator, deviceCode)
        #expect(first.status == 400)
        #expect(oauthError(first).error == "authorization_pending")
        #expect(oauthError(first).codes == [70016])
        #expect(oauthError(second).error == "authorization_pending")
        #expect(third.status == 200)
        let token = try #require(third.json["access_token"] as? String)
        #expect(third.json["refresh_token"] is String)
        #expect(emulator.get("/v1.0/servicePrincipals", token: token).status == 200)
        let me = emulator.get("/v1.0/me", token: token)
        #expect(me.json["userPrincipalName"] as? String == "admin@cd-healthy.onmicrosoft.com")
        #expect(oauthError(poll(emulator, deviceCode)).error == "invalid_grant")
    }

    @Test func deviceCodeSlowDownFirst() throws {
        let emulator = try InProcessEmulator(faults: ["device-code-slow-down=1", "device-code-pending=0"])
        let deviceCode = try #require(startDeviceCode(emulator).json["device_code"] as? String)
        let first = poll(emulator, deviceCode)
        #expect(oauthError(first).error == "slow_down")
        #expect(oauthError(first).codes.isEmpty)
        #expect(poll(emulator, deviceCode).status == 200)
    }

    @Test func deviceCodeDeclined() throws {
        let emulator = try InProcessEmulator(faults: ["device-code=declined", "device-code-pending=1"])
        let deviceCode = try #require(startDeviceCode(emulator).json["device_code"] as? String)
        #expect(oauthError(poll(emulator, deviceCode)).error == "authorization_pending")
        let declined = poll(emulator, deviceCode)
        #expect(oauthError(declined).error == "authorization_declined")
        #expect(oauthError(poll(emulator, deviceCode)).error == "authorization_declined")
    }

    @Test func deviceCodeExpired() throws {
        let emulator = try InProcessEmulator(faults: ["device-code=expired", "device-code-pending=0"])
        let deviceCode = try #require(startDeviceCode(emulator).json["device_code"] as? String)
        let reply = poll(emulator, deviceCode)
        #expect(oauthError(reply).error == "expired_token")
        #expect(oauthError(reply).codes == [70019])
    }

    @Test func unknownDeviceCodeIsInvalidGrant() throws {
        let emulator = try InProcessEmulator()
        #expect(oauthError(poll(emulator, "not-issued")).error == "invalid_grant")
    }

    @Test func deviceCodeTokenForRedisNotAcceptedByGraph() throws {
        let emulator = try InProcessEmulator(faults: ["device-code-pending=0"])
        let deviceCode = try #require(startDeviceCode(emulator, scope: "https://redis.azure.com/.default offline_access openid profile").json["device_code"] as? String)
        let token = try #require(poll(emulator, deviceCode).json["access_token"] as? String)
        #expect(emulator.get("/v1.0/organization", token: token).status == 401)
    }

    @Test func refreshTokenIssuesNewAccessToken() throws {
        let emulator = try InProcessEmulator(faults: ["device-code-pending=0"])
        let deviceCode = try #require(startDeviceCode(emulator).json["device_code"] as? String)
        let refreshToken = try #require(poll(emulator, deviceCode).json["refresh_token"] as? String)
        let reply = emulator.postForm(tokenPath, [("grant_type", "refresh_token"), ("client_id", Fixture.azureCLIAppId), ("refresh_token", refreshToken), ("scope", "https://graph.microsoft.com/.default")])
        let token = try #require(reply.json["access_token"] as? String)
        #expect(emulator.get("/v1.0/organization", token: token).status == 200)
    }

    @Test func openIdConfigurationPointsAtEmulator() throws {
        let emulator = try InProcessEmulator()
        let reply = emulator.get("/organizations/v2.0/.well-known/openid-configuration", token: nil)
        #expect(reply.status == 200)
        #expect(reply.json["token_endpoint"] as? String == "http://127.0.0.1:9/organizations/oauth2/v2.0/token")
        #expect(reply.json["device_authorization_endpoint"] as? String == "http://127.0.0.1:9/organizations/oauth2/v2.0/devicecode")
    }

    // MARK: Managed identity

    private func managedIdentity(_ emulator: InProcessEmulator, query: String = "api-version=2019-08-01&resource=https://graph.microsoft.com", header: String? = Fixture.identityHeader) -> Reply {
        emulator.get("/msi/token?\(query)", token: nil, headers: header.map { [("X-IDENTITY-HEADER", $0)] } ?? [])
    }

    @Test func managedIdentityToken() throws {
        let emulator = try InProcessEmulator()
        let reply = managedIdentity(emulator)
        #expect(reply.status == 200)
        #expect(reply.json["resource"] as? String == "https://graph.microsoft.com")
        #expect(reply.json["token_type"] as? String == "Bearer")
        #expect(reply.json["client_id"] as? String == Fixture.managedIdentityClientId)
        let expiresOn = try #require(reply.json["expires_on"] as? String)
        #expect(Int(expiresOn).map { $0 > Int(Date().timeIntervalSince1970) } == true)
        let token = try #require(reply.json["access_token"] as? String)
        #expect(emulator.get("/v1.0/organization", token: token).status == 200)
        #expect(emulator.send("POST", "/v1.0/servicePrincipals", token: token, body: ["appId": Fixture.redisAppId]).status == 403)
    }

    @Test func managedIdentityByClientId() throws {
        let emulator = try InProcessEmulator()
        #expect(managedIdentity(emulator, query: "api-version=2019-08-01&resource=https://graph.microsoft.com&client_id=\(Fixture.managedIdentityClientId)").status == 200)
        #expect(managedIdentity(emulator, query: "api-version=2019-08-01&resource=https://graph.microsoft.com&client_id=11111111-2222-4333-8444-555555555555").status == 400)
    }

    @Test func managedIdentityNeedsHeader() throws {
        let emulator = try InProcessEmulator()
        let reply = managedIdentity(emulator, header: nil)
        #expect(reply.status == 400)
        #expect(reply.json["statusCode"] as? Int == 400)
        #expect((reply.json["message"] as? String)?.contains("X-IDENTITY-HEADER") == true)
    }

    @Test func managedIdentityWrongHeaderIs401() throws {
        let emulator = try InProcessEmulator()
        let reply = managedIdentity(emulator, header: "guess")
        #expect(reply.status == 401)
        #expect(!reply.text.contains("guess"))
    }

    @Test(arguments: ["resource=https://graph.microsoft.com", "api-version=2017-09-01&resource=https://graph.microsoft.com", "api-version=2019-08-01"])
    func managedIdentityBadQueryIs400(query: String) throws {
        let emulator = try InProcessEmulator()
        #expect(managedIdentity(emulator, query: query).status == 400)
    }
}
