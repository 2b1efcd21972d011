import ConsentDoctor
import Foundation
import GraphEmulator
import Testing

struct CurlTransportTests {
    private func transport(totalTimeout: TimeInterval = 10, maximumResponseBytes: Int = 1024 * 1024, proxies: ProxySettings = ProxySettings()) -> CurlTransport {
        CurlTransport(configuration: .init(connectTimeout: 5, totalTimeout: totalTimeout, maximumResponseBytes: maximumResponseBytes, proxies: proxies))
    }

    @Test func getReturnsStatusHeadersBody() async throws {
        let server = try TestServer { _ in .json(200, ["value": [1, 2]], headers: [("request-id", "abc")]) }
        let response = try await transport().send(HTTPClientRequest(method: "GET", url: server.rootURL + "/v1.0/organization"))

        #expect(response.status == 200)
        #expect(response.header("request-id") == "abc")
        #expect(response.header("Content-Type") == "application/json")
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        #expect(object?["value"] as? [Int] == [1, 2])
    }

    @Test func postSendsMethodHeadersAndBody() async throws {
        let server = try TestServer { _ in .text(201, "made") }
        let body = Data(#"{"appId":"x"}"#.utf8)
        let response = try await transport().send(HTTPClientRequest(
            method: "POST",
            url: server.rootURL + "/v1.0/servicePrincipals",
            headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("X-Test", "1")],
            body: body
        ))

        let received = try #require(server.requests.first)
        #expect(response.status == 201)
        #expect(received.method == "POST")
        #expect(received.body == body)
        #expect(received.header("X-Test") == "1")
        #expect(received.header("Expect") == nil)
    }

    @Test func patchAndGetShareHandle() async throws {
        let server = try TestServer { request in .text(200, request.method + ":" + String(decoding: request.body, as: UTF8.self)) }
        let client = transport()

        let patched = try await client.send(HTTPClientRequest(method: "PATCH", url: server.rootURL + "/a", body: Data("{}".utf8)))
        let fetched = try await client.send(HTTPClientRequest(method: "GET", url: server.rootURL + "/b"))

        #expect(String(decoding: patched.body, as: UTF8.self) == "PATCH:{}")
        #expect(String(decoding: fetched.body, as: UTF8.self) == "GET:")
    }

    @Test func keepAliveReusesOneConnection() async throws {
        let server = try TestServer { _ in .json(200, ["ok": true]) }
        let relay = try ConnectionCountingRelay(targetPort: server.port)
        let client = transport()

        var newConnections: [Int] = []
        for index in 0..<5 {
            let response = try await client.send(HTTPClientRequest(method: "GET", url: "http://127.0.0.1:\(relay.port)/item/\(index)"))
            newConnections.append(response.newConnections)
        }

        #expect(server.requests.count == 5)
        #expect(relay.acceptedConnections == 1)
        #expect(newConnections == [1, 0, 0, 0, 0])
    }

    @Test func connectionRefusedIsTyped() async throws {
        let port = closedLoopbackPort()
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport().send(HTTPClientRequest(method: "GET", url: "http://127.0.0.1:\(port)/"))
        }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.host == "127.0.0.1:\(port)")
        #expect(error?.description.contains("127.0.0.1:\(port)") == true)
    }

    @Test func hungResponseHitsTotalTimeout() async throws {
        let server = try TestServer { _ in .hang }
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport(totalTimeout: 0.5).send(HTTPClientRequest(method: "GET", url: server.rootURL + "/slow"))
        }
        #expect(error?.kind == .timedOut)
        #expect(error?.timeout == 0.5)
        #expect(error?.description.contains("timed out") == true)
    }

    @Test func requestTimeoutOverridesDefault() async throws {
        let server = try TestServer { _ in .hang }
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport(totalTimeout: 60).send(HTTPClientRequest(method: "GET", url: server.rootURL + "/slow", timeout: 0.3))
        }
        #expect(error?.kind == .timedOut)
        #expect(error?.timeout == 0.3)
    }

    @Test func droppedConnectionIsConnectionLost() async throws {
        let server = try TestServer { _ in .dropConnection }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport().send(HTTPClientRequest(method: "GET", url: server.rootURL + "/drop"))
        }
        #expect(error?.kind == .connectionLost)
        #expect(error?.isTransient == true)
    }

    @Test func oversizedResponseIsRejected() async throws {
        let server = try TestServer { _ in HTTPResponse(status: 200, body: Data(repeating: 65, count: 10_000)) }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport(maximumResponseBytes: 4096).send(HTTPClientRequest(method: "GET", url: server.rootURL + "/big"))
        }
        #expect(error?.kind == .responseTooLarge)
        #expect(error?.limitBytes == 4096)
    }

    @Test func cancelStopsHungRequest() async throws {
        let server = try TestServer { _ in .hang }
        defer { server.stop() }
        let client = transport(totalTimeout: 120)
        let task = Task {
            try await client.send(HTTPClientRequest(method: "POST", url: server.rootURL + "/slow", body: Data("{}".utf8)))
        }
        while server.requests.isEmpty {
            try await Task.sleep(nanoseconds: 10_000_000)
        }

        task.cancel()

        let error = await #expect(throws: TransportError.self) {
            _ = try await task.value
        }
        #expect(error?.kind == .cancelled)
    }

    @Test func hugeHeaderIsNamed() async throws {
        let server = try TestServer { _ in HTTPResponse(status: 200, headers: [("X-Padding", String(repeating: "a", count: 2_000_000))], body: Data("{}".utf8)) }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport().send(HTTPClientRequest(method: "GET", url: server.rootURL + "/big-header"))
        }
        #expect(error?.kind == .headerTooLarge)
        #expect(error?.description.contains("has a header larger than libcurl accepts") == true)
    }

    @Test func tlsToPlainServerIsTLSError() async throws {
        let server = try FixedBytesServer(bytes: "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport().send(HTTPClientRequest(method: "GET", url: "https://127.0.0.1:\(server.port)/"))
        }
        #expect(error?.kind == .tls)
        #expect(error?.description.contains("TLS") == true)
    }

    @Test func headerWithLineBreakIsRejected() async throws {
        let server = try TestServer { _ in .text(200, "ok") }
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport().send(HTTPClientRequest(method: "GET", url: server.rootURL, headers: [HTTPHeader("X-Bad", "a\r\nInjected: yes")]))
        }
        #expect(error?.kind == .other)
        #expect(server.requests.isEmpty)
    }

    @Test func nonHTTPSchemeIsInvalidURL() async throws {
        let error = await #expect(throws: TransportError.self) {
            _ = try await transport().send(HTTPClientRequest(method: "GET", url: "file:///etc/passwd"))
        }
        #expect(error?.kind == .invalidURL)
    }

    @Test func redirectIsNotFollowed() async throws {
        let other = try TestServer { _ in .text(200, "other") }
        let server = try TestServer { _ in HTTPResponse(status: 302, headers: [("Location", other.rootURL + "/stolen")]) }
        let response = try await transport().send(HTTPClientRequest(method: "GET", url: server.rootURL, headers: [HTTPHeader("Authorization", "Bearer secret-value-1234")]))

        #expect(response.status == 302)
        #expect(other.requests.isEmpty)
    }
}
