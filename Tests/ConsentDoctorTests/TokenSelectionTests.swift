@testable import ConsentDoctor
import Foundation
import Testing
import TestSupport

struct TokenSelectionTests {
    private func options(_ environment: [String: String], token: String? = nil, tenant: String? = nil, terminal: Bool = false, method: AuthenticationOptions.Method = .automatic) -> AuthenticationOptions {
        var variables = environment
        variables["PATH"] = variables["PATH"] ?? ""
        return AuthenticationOptions(method: method, accessToken: token, tenant: tenant, environment: variables, standardInputIsTerminal: terminal)
    }

    private let clientCredentials = ["AZURE_TENANT_ID": "72f988bf-86f1-41af-91ab-2d7cd011db47", "AZURE_CLIENT_ID": "app", "AZURE_CLIENT_SECRET": "secret-value"]
    private let managedIdentity = ["IDENTITY_ENDPOINT": "http://127.0.0.1:1/msi/token", "IDENTITY_HEADER": "header"]

    private func folderWithAz() throws -> String {
        let folder = try PackagePaths.scratchFolder("az-on-path")
        let path = folder.appendingPathComponent("az")
        try ExecutableScript.write("#!/bin/sh\nexit 0\n", to: path)
        return folder.path
    }

    @Test func explicitTokenComesFirst() throws {
        let all = clientCredentials.merging(managedIdentity) { a, _ in a }.merging(["PATH": try folderWithAz()]) { a, _ in a }
        #expect(TokenSources.automaticChoice(options(all, token: "t")) == .accessToken)
        #expect(TokenSources.automaticChoice(options(["CONSENT_DOCTOR_ACCESS_TOKEN": "t"])) == .accessToken)
    }

    @Test func clientCredentialsBeforeManagedIdentity() {
        let all = clientCredentials.merging(managedIdentity) { a, _ in a }
        #expect(TokenSources.automaticChoice(options(all)) == .environment)
    }

    @Test func partialClientCredentialsAreSkipped() {
        let partial = ["AZURE_CLIENT_ID": "user-assigned"].merging(managedIdentity) { a, _ in a }
        #expect(TokenSources.automaticChoice(options(partial)) == .managedIdentity)
    }

    @Test func tenantOptionCompletesClientCredentials() {
        let withoutTenant = ["AZURE_CLIENT_ID": "app", "AZURE_CLIENT_SECRET": "secret-value"]
        #expect(TokenSources.automaticChoice(options(withoutTenant)) == nil)
        #expect(TokenSources.automaticChoice(options(withoutTenant, tenant: "contoso.com")) == .environment)
    }

    @Test func azureCLIBeforeDeviceCode() throws {
        #expect(TokenSources.automaticChoice(options(["PATH": try folderWithAz()], terminal: true)) == .azureCLI)
    }

    @Test func deviceCodeOnlyInTerminal() {
        #expect(TokenSources.automaticChoice(options([:], terminal: true)) == .deviceCode)
        #expect(TokenSources.automaticChoice(options([:], terminal: false)) == nil)
    }

    @Test func nothingConfiguredIsError() throws {
        #expect(throws: IdentityError.noSourceApplies) {
            _ = try TokenSources.provider(for: options([:]), endpoints: try GraphEndpoints(), sender: TestClients.sender(), presentDeviceCodePrompt: { _ in })
        }
    }

    @Test func explicitMethodNamesMissingSettings() throws {
        let chosen = options(["AZURE_CLIENT_ID": "app"], method: .only(.environment))
        #expect(throws: IdentityError.missingSettings(source: .environment, names: ["AZURE_TENANT_ID", "AZURE_CLIENT_SECRET"])) {
            _ = try TokenSources.provider(for: chosen, endpoints: try GraphEndpoints(), sender: TestClients.sender(), presentDeviceCodePrompt: { _ in })
        }
    }

    @Test func noSourceNamesTokenVariable() {
        #expect(IdentityError.noSourceApplies.description.contains("CONSENT_DOCTOR_ACCESS_TOKEN"))
    }

    @Test(arguments: ["http://192.0.2.1/msi/token", "127.0.0.1:41000/msi/token", ""])
    func managedIdentityEndpointRejected(endpoint: String) throws {
        let settings = options(["IDENTITY_ENDPOINT": endpoint, "IDENTITY_HEADER": "header"], method: .only(.managedIdentity))
        let error = #expect(throws: IdentityError.self) {
            _ = try TokenSources.provider(for: settings, endpoints: try GraphEndpoints(), sender: TestClients.sender(), presentDeviceCodePrompt: { _ in })
        }
        if endpoint.isEmpty {
            #expect(error == .missingSettings(source: .managedIdentity, names: ["IDENTITY_ENDPOINT"]))
            return
        }
        guard case .invalidEndpoint(let endpointError) = error else {
            Issue.record("expected invalidEndpoint, got \(String(describing: error))")
            return
        }
        #expect(endpointError.setting == "IDENTITY_ENDPOINT")
    }

    @Test func managedIdentityUserInfoRejected() throws {
        let settings = options(["IDENTITY_ENDPOINT": "http://user:PassSecret1@127.0.0.1:41000/msi/token?x=a@b", "IDENTITY_HEADER": "header"], method: .only(.managedIdentity))
        let error = #expect(throws: IdentityError.self) {
            _ = try TokenSources.provider(for: settings, endpoints: try GraphEndpoints(), sender: TestClients.sender(), presentDeviceCodePrompt: { _ in })
        }
        guard case .invalidEndpoint(let endpointError) = error else {
            Issue.record("expected invalidEndpoint, got \(String(describing: error))")
            return
        }
        #expect(endpointError.problem == .userInfo)
        #expect(endpointError.value == "http://[redacted]@127.0.0.1:41000/msi/token?[redacted]")
        #expect(error?.description.contains("Secret1") == false)
    }

    @Test(arguments: ["http://169.254.10.20:2377/metadata/identity/oauth2/token?x=1", "http://localhost:42356/msi/token", "https://10.0.0.4:2377/msi/token"])
    func managedIdentityEndpointAccepted(endpoint: String) throws {
        let settings = options(["IDENTITY_ENDPOINT": endpoint, "IDENTITY_HEADER": "header"], method: .only(.managedIdentity))
        let provider = try TokenSources.provider(for: settings, endpoints: try GraphEndpoints(), sender: TestClients.sender(), presentDeviceCodePrompt: { _ in })
        #expect(provider.source == .managedIdentity)
    }

    @Test func invalidTenantIsRejected() throws {
        #expect(throws: IdentityError.invalidTenant("contoso/../x")) {
            _ = try TokenSources.provider(for: options([:], token: "t", tenant: "contoso/../x"), endpoints: try GraphEndpoints(), sender: TestClients.sender(), presentDeviceCodePrompt: { _ in })
        }
    }

    @Test func providerReportsSource() async throws {
        let jwt = testJWT(["tid": "72f988bf-86f1-41af-91ab-2d7cd011db47"])
        let log = RecordingLogSink()
        let provider = try TokenSources.provider(for: options([:], token: jwt), endpoints: try GraphEndpoints(), sender: TestClients.sender(log: log), presentDeviceCodePrompt: { _ in })
        let token = try await provider.token()

        #expect(provider.source == .accessToken)
        #expect(token.value == jwt)
        #expect(token.tenantId == "72f988bf-86f1-41af-91ab-2d7cd011db47")
        #expect(log.messages == ["Obtained a Graph access token from access-token for tenant 72f988bf-86f1-41af-91ab-2d7cd011db47."])
    }

    @Test func bearerPrefixIsRejected() {
        #expect(throws: IdentityError.invalidAccessToken) {
            _ = try StaticTokenSource(token: "Bearer abc")
        }
    }

    @Test(arguments: [("auto", AuthenticationOptions.Method.automatic), ("azure-cli", .only(.azureCLI)), ("Device-Code", .only(.deviceCode)), ("managed-identity", .only(.managedIdentity))])
    func authArgument(text: String, method: AuthenticationOptions.Method) {
        #expect(AuthenticationOptions.Method(argument: text) == method)
    }

    @Test func unknownAuthArgument() {
        #expect(AuthenticationOptions.Method(argument: "kerberos") == nil)
        #expect(AuthenticationOptions.Method.argumentNames == ["auto", "access-token", "environment", "managed-identity", "azure-cli", "device-code"])
    }
}

/// A source that counts fetches and hands out tokens that expire after an hour.
final class CountingTokenSource: TokenSource, @unchecked Sendable {
    let kind = TokenSourceKind.azureCLI
    let fetches = Locked(0)
    let sleeper: ManualSleeper

    init(sleeper: ManualSleeper) {
        self.sleeper = sleeper
    }

    func fetchToken() async throws -> AccessToken {
        let number = fetches.withValue { value -> Int in
            value += 1
            return value
        }
        return AccessToken(value: "token-\(number)", expiresOn: sleeper.now().addingTimeInterval(3600), source: kind)
    }
}

struct CachingTokenProviderTests {
    @Test func cachesUntilNearExpiry() async throws {
        let sleeper = ManualSleeper()
        let source = CountingTokenSource(sleeper: sleeper)
        let provider = CachingTokenProvider(source: source, sleeper: sleeper)

        let first = try await provider.token()
        let second = try await provider.token()
        try await sleeper.sleep(seconds: 3600 - 200)
        let third = try await provider.token()

        #expect(first.value == "token-1")
        #expect(second.value == "token-1")
        #expect(third.value == "token-2")
        #expect(source.fetches.current == 2)
    }

    @Test func concurrentCallersShareOneFetch() async throws {
        let sleeper = ManualSleeper()
        let source = CountingTokenSource(sleeper: sleeper)
        let provider = CachingTokenProvider(source: source, sleeper: sleeper)

        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try await provider.token().value }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }

        #expect(Set(values) == ["token-1"])
        #expect(source.fetches.current == 1)
    }
}

struct AccessTokenTests {
    @Test func descriptionHidesValue() {
        let token = AccessToken(value: "very-secret-token-value", tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", source: .deviceCode)
        var dumped = ""
        dump(token, to: &dumped)

        #expect(!"\(token)".contains("very-secret-token-value"))
        #expect(!String(reflecting: token).contains("very-secret-token-value"))
        #expect(!dumped.contains("very-secret-token-value"))
        #expect("\(token)" == "access token from device-code for tenant 72f988bf-86f1-41af-91ab-2d7cd011db47")
    }

    @Test func tenantFromJWT() {
        let token = testJWT(["tid": "72F988BF-86F1-41AF-91AB-2D7CD011DB47", "upn": "admin@contoso.com"])
        #expect(JWTClaims.tenantId(in: token) == "72f988bf-86f1-41af-91ab-2d7cd011db47")
    }

    @Test func opaqueTokenHasNoTenant() {
        #expect(JWTClaims.tenantId(in: "opaque-token") == nil)
        #expect(JWTClaims.tenantId(in: testJWT(["tid": "not-a-guid"])) == nil)
    }
}

struct GraphEndpointsTests {
    @Test func cloudDefaults() throws {
        let government = try GraphEndpoints(cloud: .azureUSGovernment)
        #expect(government.graphRoot == "https://graph.microsoft.us")
        #expect(government.authorityHost == "https://login.microsoftonline.us")
        #expect(government.versionRoot == "https://graph.microsoft.us/v1.0")
        #expect(government.graphDefaultScope == "https://graph.microsoft.us/.default")

        let china = try GraphEndpoints(cloud: .azureChinaCloud)
        #expect(china.graphRoot == "https://microsoftgraph.chinacloudapi.cn")
        #expect(china.tokenURL(tenant: "contoso.cn") == "https://login.chinacloudapi.cn/contoso.cn/oauth2/v2.0/token")
    }

    @Test func overridesKeepResource() throws {
        let endpoints = try GraphEndpoints(graphURL: "http://127.0.0.1:8445/", authorityHost: "http://127.0.0.1:8446")
        #expect(endpoints.graphRoot == "http://127.0.0.1:8445")
        #expect(endpoints.graphURL(path: "/organization") == "http://127.0.0.1:8445/v1.0/organization")
        #expect(endpoints.deviceCodeURL(tenant: "organizations") == "http://127.0.0.1:8446/organizations/oauth2/v2.0/devicecode")
        #expect(endpoints.graphResource == "https://graph.microsoft.com")
    }

    @Test func authorityFromEnvironment() throws {
        let endpoints = try GraphEndpoints(environment: ["AZURE_AUTHORITY_HOST": "login.microsoftonline.us/"])
        #expect(endpoints.authorityHost == "https://login.microsoftonline.us")
    }

    @Test func optionBeatsEnvironment() throws {
        let endpoints = try GraphEndpoints(authorityHost: "http://127.0.0.1:9", environment: ["AZURE_AUTHORITY_HOST": "https://login.microsoftonline.us"])
        #expect(endpoints.authorityHost == "http://127.0.0.1:9")
    }

    @Test(arguments: ["ftp://127.0.0.1", "http://127.0.0.1:8445/?x=1", "http://"])
    func invalidOverride(value: String) {
        let error = #expect(throws: EndpointError.self) {
            _ = try GraphEndpoints(graphURL: value)
        }
        #expect(error?.problem == .invalid)
    }

    @Test(arguments: [
        "http://127.0.0.1:8445/v1.0",
        "http://127.0.0.1:8445/v1.0/",
        "http://127.0.0.1:8445/V1.0",
        "http://127.0.0.1:8445",
        "http://127.0.0.1:8445/",
    ])
    func graphRootWithOrWithoutVersion(value: String) throws {
        let endpoints = try GraphEndpoints(graphURL: value)
        #expect(endpoints.graphRoot == "http://127.0.0.1:8445")
        #expect(endpoints.graphURL(path: "/$batch") == "http://127.0.0.1:8445/v1.0/$batch")
    }

    @Test func graphRootKeepsOtherPath() throws {
        let endpoints = try GraphEndpoints(graphURL: "https://proxy.example.com/graph")
        #expect(endpoints.versionRoot == "https://proxy.example.com/graph/v1.0")
    }

    @Test(arguments: ["", "  "])
    func emptyOverrideRejected(value: String) {
        let graph = #expect(throws: EndpointError.self) {
            _ = try GraphEndpoints(graphURL: value)
        }
        #expect(graph?.problem == .empty)
        let authority = #expect(throws: EndpointError.self) {
            _ = try GraphEndpoints(authorityHost: value)
        }
        #expect(authority?.problem == .empty)
        #expect(authority?.setting == "--authority-host")
    }

    @Test func missingSchemeRejected() {
        let error = #expect(throws: EndpointError.self) {
            _ = try GraphEndpoints(graphURL: "graph.example.com")
        }
        #expect(error?.problem == .missingScheme)
        #expect(error?.description.contains("'graph.example.com' has no scheme") == true)
    }

    @Test(arguments: ["http://192.0.2.1", "http://graph.example.com:8080/v1.0", "http://127.0.0.1.example.com"])
    func plainHTTPToRemoteHostRejected(value: String) {
        let graph = #expect(throws: EndpointError.self) {
            _ = try GraphEndpoints(graphURL: value)
        }
        guard case .plainHTTPToRemoteHost = graph?.problem else {
            Issue.record("expected plainHTTPToRemoteHost, got \(String(describing: graph))")
            return
        }
        #expect(graph?.description.contains("only to a loopback address") == true)
        #expect(throws: EndpointError.self) {
            _ = try GraphEndpoints(authorityHost: value)
        }
        #expect(throws: EndpointError.self) {
            _ = try GraphEndpoints(environment: ["AZURE_AUTHORITY_HOST": value])
        }
    }

    @Test(arguments: ["http://localhost:8445", "http://[::1]:8445", "http://127.0.0.2:8445", "https://192.0.2.1"])
    func loopbackOrHTTPSAccepted(value: String) throws {
        #expect(try GraphEndpoints(graphURL: value, authorityHost: value).graphRoot == value)
    }

    @Test func emptyEnvironmentAuthorityIgnored() throws {
        let endpoints = try GraphEndpoints(cloud: .azureChinaCloud, environment: ["AZURE_AUTHORITY_HOST": ""])
        #expect(endpoints.authorityHost == "https://login.chinacloudapi.cn")
    }

    @Test(arguments: [
        ("http://user:PassSecret1@127.0.0.1:8445/v1.0", "http://[redacted]@127.0.0.1:8445/v1.0"),
        ("https://PassSecret1@graph.example.com", "https://[redacted]@graph.example.com"),
        ("http://:PassSecret1@127.0.0.1:8445", "http://[redacted]@127.0.0.1:8445"),
        ("http://user:Pass@Secret1@127.0.0.1:8445", "http://[redacted]@127.0.0.1:8445"),
        ("http://user;auth=PassSecret1@127.0.0.1:8445", "http://[redacted]@127.0.0.1:8445"),
        ("user:PassSecret1@127.0.0.1:8445", "[redacted]@127.0.0.1:8445"),
    ])
    func userInfoRejected(value: String, shown: String) {
        let graph = #expect(throws: EndpointError.self) {
            _ = try GraphEndpoints(graphURL: value)
        }
        #expect(graph?.problem == .userInfo)
        #expect(graph?.value == shown)
        #expect(graph?.description.contains("Secret1") == false)
        #expect(graph?.description.contains("contains a user name or password before '@'") == true)

        let authority = #expect(throws: EndpointError.self) {
            _ = try GraphEndpoints(authorityHost: value)
        }
        #expect(authority?.problem == .userInfo)
        #expect(authority?.description.contains("Secret1") == false)
    }

    @Test func userInfoInEnvironmentAuthorityRejected() {
        let error = #expect(throws: EndpointError.self) {
            _ = try GraphEndpoints(environment: ["AZURE_AUTHORITY_HOST": "user:PassSecret1@login.example.com"])
        }
        #expect(error?.problem == .userInfo)
        #expect(error?.value == "[redacted]@login.example.com")
    }

    @Test(arguments: ["http://127.0.0.1:8445/v1.0/x@y", "https://graph.example.com/users/a@b.example"])
    func atSignInPathAccepted(value: String) throws {
        #expect(try GraphEndpoints(graphURL: value).graphRoot == value)
    }

    @Test func invalidOverrideNamesSetting() {
        let error = #expect(throws: EndpointError.self) {
            _ = try GraphEndpoints(environment: ["AZURE_AUTHORITY_HOST": "ftp://x"])
        }
        #expect(error?.setting == "AZURE_AUTHORITY_HOST")
    }
}
