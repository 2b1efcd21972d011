import ConsentDoctor
import Foundation
import GraphEmulator
import Testing

/// Runs failing reads against servers that echo the token back, and checks that the token
/// appears in no log line, error description or snapshot.
struct SecretLeakTests {
    private let secret = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJlLXNlY3JldA"

    @Test func batchAnswersAreRedacted() async throws {
        let server = try TestServer { [secret] _ in
            .json(200, ["responses": [["id": "a", "status": 403, "headers": ["request-id": secret], "body": ["error": ["code": "Denied", "message": secret]]]]])
        }
        let client = try TestClients.graphClient(server: server, token: secret)

        let result = try await client.batch([GraphBatchRequest(id: "a", url: "/organization")])

        let answer = try #require(result.responses["a"])
        #expect(!String(decoding: answer.body, as: UTF8.self).contains(secret))
        #expect(answer.requestId == "[redacted]")
        #expect(result.requests.allSatisfy { $0.requestId?.contains(secret) != true })
    }

    private func echoingFault(status: Int, token: String) -> @Sendable (FakeGraph.FaultContext) -> CannedResponse? {
        { context in
            guard context.insideBatch || context.path != "/v1.0/$batch" else {
                return nil
            }
            return FakeGraph.error(status, "Echo_\(token)", "The token \(token) was not accepted.", requestId: "echo-\(context.previousRequests)", headers: ["Retry-After": "1"])
        }
    }

    @Test(arguments: [401, 403, 404, 429, 500, 503])
    func readerNeverShowsToken(status: Int) async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.fault = echoingFault(status: status, token: secret)
        let server = try graph.start()
        let log = RecordingLogSink()
        let client = try TestClients.graphClient(server: server, token: secret, policy: RetryPolicy(maximumAttempts: 2), log: log)

        let snapshot = try await DirectoryReader(client: client).read(profile: .redisInsight, tenant: nil)

        let json = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        #expect(!json.contains(secret))
        #expect(!log.messages.isEmpty)
        for message in log.messages {
            #expect(!message.contains(secret))
        }
        #expect(server.requests.allSatisfy { $0.header("Authorization") == "Bearer \(secret)" })
    }

    @Test(arguments: [401, 403, 409, 500])
    func clientErrorsNeverShowToken(status: Int) async throws {
        let server = try TestServer { [secret] _ in
            .json(status, ["error": ["code": "Echo", "message": "Bearer \(secret) rejected"]])
        }
        let log = RecordingLogSink()
        let client = try TestClients.graphClient(server: server, token: secret, policy: .none, log: log)

        do {
            _ = try await client.get("/organization")
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".contains(secret))
            #expect(!String(reflecting: error).contains(secret))
        }
        for message in log.messages {
            #expect(!message.contains(secret))
        }
    }

    /// A server message with credentials the request never carried.
    private static let echoedMessage = "Bearer eyJabc.def.ghi leaked? access_token=EchoSecret1 password: Hunter22"
    private static let echoedSecrets = ["eyJabc.def.ghi", "EchoSecret1", "Hunter22"]

    @Test func graphMessageIsMasked() async throws {
        let server = try TestServer { _ in
            .json(500, ["error": ["code": "Echo client_secret=CodeSecret9", "message": Self.echoedMessage]])
        }
        let client = try TestClients.graphClient(server: server, token: secret, policy: .none)

        let error = await #expect(throws: GraphError.self) {
            _ = try await client.get("/organization")
        }

        #expect(error?.graphMessage == "Bearer [redacted] leaked? access_token=[redacted] password: [redacted]")
        #expect(error?.code == "Echo client_secret=[redacted]")
        for leaked in Self.echoedSecrets + ["CodeSecret9"] {
            #expect(error?.description.contains(leaked) == false, "\(leaked)")
        }
    }

    @Test func batchItemMessageIsMasked() async throws {
        let graph = FakeGraph(SampleTenant.complete())
        graph.fault = { context in
            context.insideBatch ? FakeGraph.error(500, "Echo", Self.echoedMessage) : nil
        }
        let server = try graph.start()
        let log = RecordingLogSink()
        let client = try TestClients.graphClient(server: server, token: secret, policy: .none, log: log)

        let snapshot = try await DirectoryReader(client: client).read(profile: .redisInsight, tenant: nil)

        let json = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        #expect(json.contains("leaked? access_token=[redacted]"))
        for leaked in Self.echoedSecrets {
            #expect(!json.contains(leaked), "\(leaked)")
            #expect(log.messages.allSatisfy { !$0.contains(leaked) }, "\(leaked)")
        }
    }

    @Test func tokenErrorDescriptionIsMasked() async throws {
        let server = try TestServer { _ in
            .json(400, ["error": "invalid_request access_token=CodeSecret9", "error_description": "AADSTS900144: " + Self.echoedMessage])
        }
        let endpoints = try GraphEndpoints(authorityHost: server.rootURL)
        let source = ClientCredentialSource(tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47", clientId: "app", clientSecret: "client-secret-value", endpoints: endpoints, sender: TestClients.sender())

        let error = await #expect(throws: IdentityError.self) {
            _ = try await source.fetchToken()
        }

        let text = error?.description ?? ""
        #expect(text.contains("AADSTS900144: Bearer [redacted] leaked? access_token=[redacted]"))
        #expect(text.contains("(invalid_request access_token=[redacted])"))
        for leaked in Self.echoedSecrets + ["CodeSecret9"] {
            #expect(!text.contains(leaked), "\(leaked)")
        }
    }

    @Test func transportErrorsNeverShowToken() async throws {
        let transport = CurlTransport()
        let request = HTTPClientRequest(method: "GET", url: "http://127.0.0.1:1/v1.0/organization", headers: [HTTPHeader("Authorization", "Bearer \(secret)")])

        do {
            _ = try await transport.send(request)
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".contains(secret))
        }
    }

    @Test func echoedRequestIdIsRedacted() async throws {
        let calls = Locked(0)
        let server = try TestServer { [secret] _ in
            let call = calls.withValue { value -> Int in
                value += 1
                return value
            }
            return call < 3 ? HTTPResponse(status: 503, headers: [("request-id", "id-\(secret)")]) : .json(200, [:])
        }
        let log = RecordingLogSink()
        let client = try TestClients.graphClient(server: server, token: secret, log: log)

        _ = try await client.get("/organization")

        #expect(log.messages(at: .info).count == 2)
        for message in log.messages {
            #expect(!message.contains(secret))
        }
    }
}
