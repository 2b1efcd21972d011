import ConsentDoctor
import Foundation
import GraphEmulator
import Testing
import TestSupport

/// Builds an unsigned JWT with the given claims, enough for the tool's `tid` reading.
func testJWT(_ claims: [String: Any]) -> String {
    func encode(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    return encode(["alg": "none", "typ": "JWT"]) + "." + encode(claims) + ".c2lnbmF0dXJl"
}

/// Reads a form-encoded body into a dictionary.
func formFields(_ body: Data) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
        fields[parts[0]] = parts.count > 1 ? parts[1] : ""
    }
    return fields
}

struct ClientCredentialSourceTests {
    private let tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47"

    @Test func postsClientCredentials() async throws {
        let token = testJWT(["tid": tenantId, "aud": "https://graph.microsoft.com"])
        let server = try TestServer { _ in .json(200, ["token_type": "Bearer", "expires_in": 3599, "access_token": token]) }
        let sleeper = ManualSleeper()
        let endpoints = try GraphEndpoints(authorityHost: server.rootURL)
        let source = ClientCredentialSource(tenant: tenantId, clientId: "app-client-id", clientSecret: "client-secret-value", endpoints: endpoints, sender: TestClients.sender(sleeper: sleeper))

        let fetched = try await source.fetchToken()

        let request = try #require(server.requests.first)
        let fields = formFields(request.body)
        #expect(request.method == "POST")
        #expect(request.path == "/\(tenantId)/oauth2/v2.0/token")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(fields["grant_type"] == "client_credentials")
        #expect(fields["client_id"] == "app-client-id")
        #expect(fields["client_secret"] == "client-secret-value")
        #expect(fields["scope"] == "https://graph.microsoft.com/.default")
        #expect(fetched.value == token)
        #expect(fetched.source == .environment)
        #expect(fetched.tenantId == tenantId)
        #expect(fetched.expiresOn == sleeper.now().addingTimeInterval(3599))
    }

    @Test func rejectionHidesSecret() async throws {
        let server = try TestServer { _ in
            .json(401, ["error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided: client-secret-value.\r\nTrace ID: 1", "error_codes": [7000215]])
        }
        let endpoints = try GraphEndpoints(authorityHost: server.rootURL)
        let source = ClientCredentialSource(tenant: tenantId, clientId: "app", clientSecret: "client-secret-value", endpoints: endpoints, sender: TestClients.sender())

        let error = await #expect(throws: IdentityError.self) {
            _ = try await source.fetchToken()
        }
        let text = error?.description ?? ""
        #expect(text.contains("invalid_client"))
        #expect(text.contains("AADSTS7000215"))
        #expect(!text.contains("client-secret-value"))
        #expect(!text.contains("Trace ID"))
    }

    @Test func plainHTTPAuthorityIsRejected() async throws {
        // GraphEndpoints rejects this authority itself, so set it past that check to reach the
        // transport's own rule.
        var endpoints = try GraphEndpoints()
        endpoints.authorityHost = "http://192.0.2.1"
        let source = ClientCredentialSource(tenant: tenantId, clientId: "app", clientSecret: "client-secret-value", endpoints: endpoints, sender: TestClients.sender())

        let error = await #expect(throws: IdentityError.self) {
            _ = try await source.fetchToken()
        }
        guard case .transport(_, let transportError) = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(transportError.kind == .insecureCredentialTransport)
    }
}

struct ManagedIdentitySourceTests {
    @Test func getsTokenWithIdentityHeader() async throws {
        let server = try TestServer { _ in
            .json(200, ["access_token": "mi-token-value-123", "expires_on": "1767603600", "resource": "https://graph.microsoft.com", "token_type": "Bearer"])
        }
        let endpoints = try GraphEndpoints()
        let source = ManagedIdentitySource(endpoint: server.rootURL + "/msi/token", identityHeader: "identity-header-secret", clientId: "user-assigned-id", endpoints: endpoints, sender: TestClients.sender())

        let fetched = try await source.fetchToken()

        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/msi/token")
        #expect(request.header("X-IDENTITY-HEADER") == "identity-header-secret")
        #expect(request.queryValue("api-version") == "2019-08-01")
        #expect(request.queryValue("resource") == "https://graph.microsoft.com")
        #expect(request.queryValue("client_id") == "user-assigned-id")
        #expect(fetched.value == "mi-token-value-123")
        #expect(fetched.expiresOn == Date(timeIntervalSince1970: 1_767_603_600))
        #expect(fetched.source == .managedIdentity)
    }

    @Test func errorMessageIsReported() async throws {
        let server = try TestServer { _ in .json(400, ["statusCode": 400, "message": "No managed identity is assigned to this resource."]) }
        let source = ManagedIdentitySource(endpoint: server.rootURL + "/msi/token", identityHeader: "identity-header-secret", clientId: nil, endpoints: try GraphEndpoints(), sender: TestClients.sender())

        let error = await #expect(throws: IdentityError.self) {
            _ = try await source.fetchToken()
        }
        #expect(error?.description.contains("No managed identity is assigned") == true)
        #expect(error?.description.contains("identity-header-secret") == false)
    }

    @Test func automaticNeedsIdentityEndpoint() {
        let options = AuthenticationOptions(environment: ["IDENTITY_HEADER": "x", "PATH": ""], standardInputIsTerminal: false)
        #expect(TokenSources.automaticChoice(options) == nil)
    }
}

struct DeviceCodeSourceTests {
    private func deviceServer(tokenReplies: [HTTPResponse], expiresIn: Int = 900, interval: Int = 5) throws -> (TestServer, Locked<Int>) {
        let polls = Locked(0)
        let server = try TestServer { request in
            if request.path.hasSuffix("/devicecode") {
                return .json(200, [
                    "device_code": "device-code-secret",
                    "user_code": "ABCD-EFGH",
                    "verification_uri": "https://microsoft.com/devicelogin",
                    "expires_in": expiresIn,
                    "interval": interval,
                    "message": "To sign in, use a web browser to open the page and enter the code ABCD-EFGH.",
                ])
            }
            let index = polls.withValue { value -> Int in
                defer { value += 1 }
                return value
            }
            return tokenReplies[min(index, tokenReplies.count - 1)]
        }
        return (server, polls)
    }

    private func source(_ server: TestServer, sleeper: ManualSleeper, prompts: Locked<[String]>, terminal: Bool = true) throws -> DeviceCodeSource {
        try DeviceCodeSource(
            tenant: nil,
            clientId: nil,
            standardInputIsTerminal: terminal,
            endpoints: try GraphEndpoints(authorityHost: server.rootURL),
            sender: TestClients.sender(sleeper: sleeper),
            presentPrompt: { message in prompts.withValue { $0.append(message) } }
        )
    }

    @Test func pollsThroughPendingAndSlowDown() async throws {
        let (server, polls) = try deviceServer(tokenReplies: [
            .json(400, ["error": "authorization_pending", "error_description": "AADSTS70016: pending"]),
            .json(400, ["error": "slow_down"]),
            .json(200, ["access_token": "device-token-value", "expires_in": 3600, "token_type": "Bearer"]),
        ])
        let sleeper = ManualSleeper()
        let prompts = Locked<[String]>([])

        let fetched = try await source(server, sleeper: sleeper, prompts: prompts).fetchToken()

        let codeRequest = try #require(server.requests.first)
        let codeFields = formFields(codeRequest.body)
        let pollFields = formFields(try #require(server.requests.last).body)
        #expect(codeRequest.path == "/organizations/oauth2/v2.0/devicecode")
        #expect(codeFields["client_id"] == "14d82eec-204b-4c2f-b7e8-296a70dab67e")
        #expect(codeFields["scope"] == "https://graph.microsoft.com/.default")
        #expect(pollFields["grant_type"] == "urn:ietf:params:oauth:grant-type:device_code")
        #expect(pollFields["device_code"] == "device-code-secret")
        #expect(prompts.current == ["To sign in, use a web browser to open the page and enter the code ABCD-EFGH."])
        #expect(polls.current == 3)
        #expect(sleeper.waits == [5, 5, 10])
        #expect(fetched.value == "device-token-value")
        #expect(fetched.source == .deviceCode)
    }

    @Test func intervalOfOneSecond() async throws {
        // On Linux a decoded JSON 1 also casts to Bool; it must still count as one second.
        let (server, _) = try deviceServer(tokenReplies: [
            .json(400, ["error": "authorization_pending"]),
            .json(200, ["access_token": "device-token-value", "expires_in": 3600, "token_type": "Bearer"]),
        ], interval: 1)
        let sleeper = ManualSleeper()

        _ = try await source(server, sleeper: sleeper, prompts: Locked([])).fetchToken()

        #expect(sleeper.waits == [1, 1])
    }

    @Test func expiresWhenNobodySignsIn() async throws {
        let (server, polls) = try deviceServer(tokenReplies: [.json(400, ["error": "authorization_pending"])], expiresIn: 12)
        let error = await #expect(throws: IdentityError.self) {
            _ = try await source(server, sleeper: ManualSleeper(), prompts: Locked([])).fetchToken()
        }
        #expect(error == .deviceCodeExpired)
        #expect(polls.current == 2)
    }

    @Test func serverExpiry() async throws {
        let (server, _) = try deviceServer(tokenReplies: [.json(400, ["error": "expired_token"])])
        let error = await #expect(throws: IdentityError.self) {
            _ = try await source(server, sleeper: ManualSleeper(), prompts: Locked([])).fetchToken()
        }
        #expect(error == .deviceCodeExpired)
    }

    @Test func declined() async throws {
        let (server, _) = try deviceServer(tokenReplies: [.json(400, ["error": "authorization_declined"])])
        let error = await #expect(throws: IdentityError.self) {
            _ = try await source(server, sleeper: ManualSleeper(), prompts: Locked([])).fetchToken()
        }
        #expect(error == .deviceCodeDeclined)
    }

    @Test func otherErrorHidesDeviceCode() async throws {
        let (server, _) = try deviceServer(tokenReplies: [.json(400, ["error": "bad_verification_code", "error_description": "code device-code-secret is wrong"])])
        let error = await #expect(throws: IdentityError.self) {
            _ = try await source(server, sleeper: ManualSleeper(), prompts: Locked([])).fetchToken()
        }
        #expect(error?.description.contains("bad_verification_code") == true)
        #expect(error?.description.contains("device-code-secret") == false)
    }

    @Test func needsTerminal() throws {
        let server = try TestServer { _ in .json(200, [:]) }
        #expect(throws: IdentityError.deviceCodeNeedsTerminal) {
            _ = try source(server, sleeper: ManualSleeper(), prompts: Locked([]), terminal: false)
        }
        #expect(server.requests.isEmpty)
    }
}

struct AzureCLISourceTests {
    private let tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47"

    /// Writes an executable `az` script into a fresh folder and returns the folder.
    private func fakeAz(_ script: String) throws -> URL {
        let folder = try PackagePaths.scratchFolder("fake-az")
        let path = folder.appendingPathComponent("az")
        try ExecutableScript.write("#!/bin/sh\n" + script, to: path)
        return folder
    }

    private func environment(_ folder: URL) -> [String: String] {
        ["PATH": folder.path + ":/usr/bin:/bin", "HOME": folder.path]
    }

    @Test func parsesTokenAndTenant() async throws {
        let folder = try fakeAz("""
        echo "$@" > "$(dirname "$0")/arguments"
        cat <<'JSON'
        {"accessToken": "az-token-value", "expiresOn": "2026-01-05 11:00:00.000000", "expires_on": 1767610800, "subscription": "sub", "tenant": "\(tenantId)", "tokenType": "Bearer"}
        JSON
        """)
        let source = try AzureCLISource(tenant: tenantId, environment: environment(folder))

        let fetched = try await source.fetchToken()

        let arguments = try String(contentsOf: folder.appendingPathComponent("arguments"), encoding: .utf8)
        #expect(arguments.trimmingCharacters(in: .whitespacesAndNewlines) == "account get-access-token --resource-type ms-graph --output json --tenant \(tenantId)")
        #expect(fetched.value == "az-token-value")
        #expect(fetched.tenantId == tenantId)
        #expect(fetched.expiresOn == Date(timeIntervalSince1970: 1_767_610_800))
        #expect(fetched.source == .azureCLI)
    }

    @Test func olderOutputUsesExpiresOn() async throws {
        let folder = try fakeAz("""
        echo '{"accessToken": "az-token-value", "expiresOn": "2026-01-05 11:00:00.000000", "tokenType": "Bearer"}'
        """)
        let fetched = try await AzureCLISource(tenant: nil, environment: environment(folder)).fetchToken()
        #expect(fetched.expiresOn != nil)
        #expect(fetched.tenantId == nil)
    }

    @Test func notLoggedIn() async throws {
        let folder = try fakeAz("""
        echo "ERROR: Please run 'az login' to setup account." >&2
        exit 1
        """)
        let error = await #expect(throws: IdentityError.self) {
            _ = try await AzureCLISource(tenant: "contoso.onmicrosoft.com", environment: environment(folder)).fetchToken()
        }
        #expect(error == .azureCLINotLoggedIn(tenant: "contoso.onmicrosoft.com"))
        #expect(error?.description.contains("az login --tenant contoso.onmicrosoft.com") == true)
    }

    @Test func otherFailureShowsErrorLine() async throws {
        let folder = try fakeAz("""
        echo "WARNING: something" >&2
        echo "ERROR: The command failed with an unexpected error." >&2
        exit 2
        """)
        let error = await #expect(throws: IdentityError.self) {
            _ = try await AzureCLISource(tenant: nil, environment: environment(folder)).fetchToken()
        }
        #expect(error == .azureCLIFailed(status: 2, detail: "The command failed with an unexpected error."))
    }

    @Test func unexpectedOutputIsNotEchoed() async throws {
        let folder = try fakeAz("""
        echo 'accessToken=az-token-value-leaked'
        """)
        let error = await #expect(throws: IdentityError.self) {
            _ = try await AzureCLISource(tenant: nil, environment: environment(folder)).fetchToken()
        }
        #expect(error?.description.contains("az-token-value-leaked") == false)
    }

    @Test func missingAz() throws {
        let empty = try PackagePaths.scratchFolder("no-az")
        #expect(throws: IdentityError.azureCLINotFound) {
            _ = try AzureCLISource(tenant: nil, environment: ["PATH": empty.path])
        }
    }

    @Test func hangingAzTimesOut() async throws {
        let folder = try fakeAz("exec sleep 30\n")
        let source = try AzureCLISource(tenant: nil, environment: environment(folder), timeout: 0.5)
        let error = await #expect(throws: IdentityError.self) {
            _ = try await source.fetchToken()
        }
        #expect(error == .azureCLITimedOut(seconds: 0))
    }
}
