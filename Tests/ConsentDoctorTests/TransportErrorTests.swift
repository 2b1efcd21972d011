@testable import ConsentDoctor
import Testing

struct TransportErrorTests {
    private func facts(code: Int, proxy: String? = nil, proxyStatus: Int = 0, connected: Bool = false, exceeded: Bool = false) -> CurlFailureFacts {
        CurlFailureFacts(
            code: code,
            detail: "libcurl detail",
            host: "graph.microsoft.com",
            proxy: proxy,
            proxyStatus: proxyStatus,
            connected: connected,
            connectTimeout: 10,
            totalTimeout: 60,
            exceededLimit: exceeded,
            limitBytes: 1024,
            cancelled: false
        )
    }

    @Test(arguments: [
        (6, TransportError.Kind.hostNotFound),
        (7, .connectionRefused),
        (28, .timedOut),
        (35, .tls),
        (60, .tls),
        (77, .tls),
        (52, .connectionLost),
        (56, .connectionLost),
        (18, .connectionLost),
        (1, .invalidURL),
        (3, .invalidURL),
        (63, .responseTooLarge),
        (27, .headerTooLarge),
        (100, .headerTooLarge),
        (42, .cancelled),
        (99, .other),
    ])
    func curlCodes(code: Int, kind: TransportError.Kind) {
        #expect(TransportError(facts(code: code)).kind == kind)
    }

    @Test func connectPhaseTimeoutUsesConnectLimit() {
        #expect(TransportError(facts(code: 28, connected: false)).timeout == 10)
        #expect(TransportError(facts(code: 28, connected: true)).timeout == 60)
    }

    @Test func proxyFailures() {
        #expect(TransportError(facts(code: 5, proxy: "http://proxy:3128")).kind == .proxy)
        #expect(TransportError(facts(code: 7, proxy: "http://proxy:3128")).kind == .proxy)
        #expect(TransportError(facts(code: 56, proxy: "http://proxy:3128", proxyStatus: 407, connected: true)).kind == .proxy)
        #expect(TransportError(facts(code: 56, proxy: "http://proxy:3128", proxyStatus: 200, connected: true)).kind == .connectionLost)
    }

    @Test func proxyCredentialsAreHidden() {
        let error = TransportError(facts(code: 5, proxy: "http://user:p4ss@proxy:3128"))
        #expect(error.proxy == "http://proxy:3128")
        #expect(!error.description.contains("p4ss"))
    }

    @Test func tooLargeNamesNoMissingOption() {
        let error = TransportError(kind: .responseTooLarge, host: "127.0.0.1:8445", limitBytes: 32 * 1024 * 1024)
        #expect(error.description.contains("larger than the limit of 32 MiB"))
        #expect(!error.description.contains("raise the limit"))
        #expect(error.description.contains("--graph-url"))
    }

    @Test func headerTooLargeNamesCause() {
        let error = TransportError(facts(code: 27, connected: true))
        #expect(error.description.hasPrefix("The response from graph.microsoft.com has a header larger than libcurl accepts"))
        #expect(error.description.contains("or libcurl ran out of memory"))
    }

    @Test(arguments: TransportError.Kind.allKinds)
    func descriptionsNameHost(kind: TransportError.Kind) {
        let error = TransportError(kind: kind, host: "graph.microsoft.com")
        #expect(error.description.contains("graph.microsoft.com"))
        #expect(error.description.hasSuffix("."))
    }
}

extension TransportError.Kind {
    static let allKinds: [TransportError.Kind] = [
        .timedOut, .connectionRefused, .hostNotFound, .tls, .proxy, .connectionLost, .responseTooLarge,
        .headerTooLarge, .insecureCredentialTransport, .invalidURL, .cancelled, .other,
    ]
}
