@testable import ConsentDoctor
import Foundation
import GraphEmulator
import Testing

struct CredentialTransportPolicyTests {
    private func bearer(_ url: String, allowance: HTTPClientRequest.PlainHTTPAllowance = .loopbackOnly) -> HTTPClientRequest {
        HTTPClientRequest(method: "GET", url: url, headers: [HTTPHeader("Authorization", "Bearer secret-token-value")], plainHTTPAllowance: allowance)
    }

    @Test(arguments: [
        "https://graph.microsoft.com/v1.0/organization",
        "http://127.0.0.1:8445/v1.0/organization",
        "http://127.10.20.30/",
        "http://localhost:8445/",
        "http://LOCALHOST/",
        "http://[::1]:8445/",
    ])
    func allowedDestinations(url: String) {
        #expect(CredentialTransportPolicy.violation(for: bearer(url)) == nil)
    }

    @Test(arguments: [
        "http://192.0.2.1/v1.0/organization",
        "http://graph.microsoft.com/v1.0/organization",
        "http://127.0.0.1.example.test/",
        "http://127.0.0.1@192.0.2.1/",
        "http://[::ffff:192.0.2.1]/",
        "http://169.254.169.254/metadata",
        "http://10.0.0.1:8445/",
    ])
    func rejectedDestinations(url: String) {
        let violation = CredentialTransportPolicy.violation(for: bearer(url))
        #expect(violation?.kind == .insecureCredentialTransport)
    }

    @Test func plainHTTPWithoutCredentialsIsAllowed() {
        let request = HTTPClientRequest(method: "GET", url: "http://192.0.2.1/")
        #expect(CredentialTransportPolicy.violation(for: request) == nil)
    }

    @Test func markedSecretCountsAsCredential() {
        let request = HTTPClientRequest(method: "POST", url: "http://192.0.2.1/token", body: Data("client_secret=x".utf8), containsSecret: true)
        #expect(CredentialTransportPolicy.violation(for: request)?.kind == .insecureCredentialTransport)
    }

    @Test func linkLocalNeedsAllowance() {
        let url = "http://169.254.255.2:8081/msi/token"
        #expect(CredentialTransportPolicy.violation(for: bearer(url))?.kind == .insecureCredentialTransport)
        #expect(CredentialTransportPolicy.violation(for: bearer(url, allowance: .loopbackOrLinkLocal)) == nil)
    }

    @Test func violationNamesHostNotToken() {
        let violation = CredentialTransportPolicy.violation(for: bearer("http://192.0.2.1:8080/x"))
        let text = violation?.description ?? ""
        #expect(text.contains("192.0.2.1:8080"))
        #expect(!text.contains("secret-token-value"))
    }

    /// The request is sent through a proxy on loopback, so a missing check would show up as a
    /// request at the proxy, and nothing ever leaves the machine.
    @Test func transportRejectsBeforeConnecting() async throws {
        let proxy = try TestServer { _ in .json(200, ["proxied": true]) }
        let transport = CurlTransport(configuration: .init(connectTimeout: 2, totalTimeout: 5, proxies: ProxySettings(httpProxy: proxy.rootURL)))

        let plain = try await transport.send(HTTPClientRequest(method: "GET", url: "http://192.0.2.1/v1.0/organization"))
        #expect(plain.status == 200)
        #expect(proxy.requests.count == 1)

        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(self.bearer("http://192.0.2.1/v1.0/organization"))
        }
        #expect(error?.kind == .insecureCredentialTransport)
        #expect(proxy.requests.count == 1)
    }
}

struct ProxyTests {
    @Test func settingsPreferLowerCase() {
        let settings = ProxySettings(environment: ["https_proxy": "http://lower:1", "HTTPS_PROXY": "http://upper:2", "NO_PROXY": "localhost"])
        #expect(settings.httpsProxy == "http://lower:1")
        #expect(settings.noProxy == "localhost")
    }

    @Test func upperCaseHTTPProxyIsIgnored() {
        let settings = ProxySettings(environment: ["HTTP_PROXY": "http://from-cgi:1"])
        #expect(settings.proxy(forScheme: "http") == nil)
    }

    @Test func allProxyIsFallback() {
        let settings = ProxySettings(environment: ["ALL_PROXY": "http://all:3"])
        #expect(settings.proxy(forScheme: "https") == "http://all:3")
        #expect(settings.proxy(forScheme: "http") == "http://all:3")
    }

    @Test(arguments: [
        ("graph.consent-doctor.invalid", "graph.consent-doctor.invalid", true),
        ("graph.consent-doctor.invalid", ".consent-doctor.invalid", true),
        ("graph.consent-doctor.invalid", "consent-doctor.invalid", true),
        ("graph.consent-doctor.invalid", "doctor.invalid.other", false),
        ("notconsent-doctor.invalid", "consent-doctor.invalid", false),
        ("graph.microsoft.com", "*", true),
        ("10.1.2.3", "10.0.0.0/8", true),
        ("11.1.2.3", "10.0.0.0/8", false),
        ("10.1.2.3", "10.1.2.3", true),
        ("GRAPH.EXAMPLE.ORG", "localhost, .example.org", true),
    ])
    func noProxyMatching(host: String, noProxy: String, bypasses: Bool) {
        let settings = ProxySettings(httpsProxy: "http://proxy:3128", noProxy: noProxy)
        #expect(settings.bypassesProxy(host: host) == bypasses)
        #expect((settings.proxy(forHost: host, scheme: "https") == nil) == bypasses)
    }

    @Test func configurationReadsCABundle() {
        let configuration = CurlTransport.Configuration.fromEnvironment(["CURL_CA_BUNDLE": "/tmp/ca.pem", "SSL_CERT_DIR": "/tmp/certs"])
        #expect(configuration.caBundlePath == "/tmp/ca.pem")
        #expect(configuration.caDirectoryPath == "/tmp/certs")
    }

    @Test func sslCertFileWinsOverCurlBundle() {
        let configuration = CurlTransport.Configuration.fromEnvironment(["CURL_CA_BUNDLE": "/tmp/a.pem", "SSL_CERT_FILE": "/tmp/b.pem"])
        #expect(configuration.caBundlePath == "/tmp/b.pem")
    }

    /// The target name resolves to a closed loopback port in case the proxy were bypassed, so
    /// the test can never reach another host.
    @Test func httpsProxyCarriesConnect() async throws {
        let proxy = try TestServer { _ in .text(403, "tunnel refused") }
        let safetyPort = closedLoopbackPort()
        let environment = ["HTTPS_PROXY": proxy.rootURL, "NO_PROXY": "localhost,127.0.0.1,.example.org"]
        var configuration = CurlTransport.Configuration.fromEnvironment(environment)
        configuration.connectTimeout = 2
        configuration.totalTimeout = 5
        configuration.resolve = ["graph.consent-doctor.invalid:\(safetyPort):127.0.0.1"]
        let transport = CurlTransport(configuration: configuration)

        let error = await #expect(throws: TransportError.self) {
            _ = try await transport.send(HTTPClientRequest(
                method: "GET",
                url: "https://graph.consent-doctor.invalid:\(safetyPort)/v1.0/organization",
                headers: [HTTPHeader("Authorization", "Bearer secret-token-value")]
            ))
        }
        let connect = try #require(proxy.requests.first)
        #expect(proxy.requests.count == 1)
        #expect(connect.method == "CONNECT")
        #expect(connect.target == "graph.consent-doctor.invalid:\(safetyPort)")
        #expect(connect.header("Authorization") == nil)
        #expect(error?.kind == .proxy)
        #expect(error?.proxy == proxy.rootURL)
    }

    @Test func noProxyMatchGoesDirect() async throws {
        let proxy = try TestServer { _ in .text(403, "tunnel refused") }
        let safetyPort = closedLoopbackPort()
        var configuration = CurlTransport.Configuration.fromEnvironment(["https_proxy": proxy.rootURL, "no_proxy": "graph.consent-doctor.invalid"])
        configuration.connectTimeout = 2
        configuration.resolve = ["graph.consent-doctor.invalid:\(safetyPort):127.0.0.1"]

        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport(configuration: configuration).send(HTTPClientRequest(method: "GET", url: "https://graph.consent-doctor.invalid:\(safetyPort)/"))
        }
        #expect(proxy.requests.isEmpty)
        #expect(error?.kind == .connectionRefused)
    }

    @Test func loopbackBypassesProxy() async throws {
        let proxy = try TestServer { _ in .text(502, "proxy") }
        let server = try TestServer { _ in .text(200, "direct") }
        let transport = CurlTransport(configuration: .init(proxies: ProxySettings(httpProxy: proxy.rootURL, allProxy: proxy.rootURL)))

        let response = try await transport.send(HTTPClientRequest(method: "GET", url: server.rootURL, headers: [HTTPHeader("Authorization", "Bearer secret-token-value")]))

        #expect(response.status == 200)
        #expect(proxy.requests.isEmpty)
    }

    @Test func proxyUserInfoIsHidden() {
        #expect(TransportError.withoutUserInfo("http://user:pass@proxy.example:3128") == "http://proxy.example:3128")
    }
}
