import ConsentDoctor
import Foundation
import GraphEmulator
import Testing

struct RetryAfterTests {
    private let now = Date(timeIntervalSince1970: 1_767_600_000)

    @Test func seconds() {
        #expect(RetryAfter.seconds(from: "7", now: now) == 7)
    }

    @Test func httpDate() {
        let date = now.addingTimeInterval(42)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(RetryAfter.seconds(from: formatter.string(from: date), now: now) == 42)
    }

    @Test func pastDateIsZero() {
        #expect(RetryAfter.seconds(from: "Sun, 06 Nov 1994 08:49:37 GMT", now: now) == 0)
    }

    @Test func negativeIsZero() {
        #expect(RetryAfter.seconds(from: "-5", now: now) == 0)
    }

    @Test func garbageIsNil() {
        #expect(RetryAfter.seconds(from: "soon", now: now) == nil)
    }
}

struct RetryPolicyTests {
    @Test func backoffDoublesWithinBounds() {
        let policy = RetryPolicy(initialBackoff: 1, maximumBackoff: 30)
        #expect(policy.backoff(retry: 1, jitter: 0) == 0.5)
        #expect(policy.backoff(retry: 1, jitter: 1) == 1)
        #expect(policy.backoff(retry: 3, jitter: 0) == 2)
        #expect(policy.backoff(retry: 3, jitter: 1) == 4)
    }

    @Test func backoffIsCapped() {
        let policy = RetryPolicy(initialBackoff: 1, maximumBackoff: 8)
        #expect(policy.backoff(retry: 10, jitter: 1) == 8)
        #expect(policy.backoff(retry: 10, jitter: 0) == 4)
    }
}

struct RetryDecisionTests {
    private let now = Date(timeIntervalSince1970: 1_767_600_000)
    private let policy = RetryPolicy(maximumAttempts: 4, initialBackoff: 1, maximumBackoff: 30, maximumTotalWait: 60)

    private func decide(_ method: String, status: Int, headers: [HTTPHeader] = [], attempt: Int = 1, waited: TimeInterval = 0) -> RetryingSender.Decision {
        RetryingSender.decide(
            request: HTTPClientRequest(method: method, url: "https://graph.example/x"),
            result: .success(HTTPClientResponse(status: status, headers: headers)),
            attempt: attempt,
            waitedSoFar: waited,
            policy: policy,
            jitter: 1,
            now: now
        )
    }

    private func decide(_ method: String, error kind: TransportError.Kind) -> RetryingSender.Decision {
        RetryingSender.decide(
            request: HTTPClientRequest(method: method, url: "https://graph.example/x"),
            result: .failure(TransportError(kind: kind, host: "graph.example")),
            attempt: 1,
            waitedSoFar: 0,
            policy: policy,
            jitter: 1,
            now: now
        )
    }

    private func wait(_ decision: RetryingSender.Decision) -> TimeInterval? {
        if case .retry(let wait, _) = decision {
            return wait
        }
        return nil
    }

    @Test func throttledUsesRetryAfter() {
        #expect(wait(decide("GET", status: 429, headers: [HTTPHeader("Retry-After", "9")])) == 9)
    }

    @Test func throttledWriteIsRetried() {
        #expect(wait(decide("POST", status: 429)) == 1)
    }

    @Test func unavailableReadBacksOff() {
        #expect(wait(decide("GET", status: 503, attempt: 2)) == 2)
    }

    @Test func unavailableWriteNeedsRetryAfter() {
        #expect(decide("POST", status: 503) == .stop)
        #expect(wait(decide("POST", status: 503, headers: [HTTPHeader("Retry-After", "3")])) == 3)
    }

    @Test(arguments: [502, 504])
    func gatewayErrorsRetryReadsOnly(status: Int) {
        #expect(wait(decide("GET", status: status)) == 1)
        #expect(decide("PATCH", status: status) == .stop)
    }

    @Test(arguments: [200, 201, 400, 401, 403, 404, 409, 500])
    func otherStatusesStop(status: Int) {
        #expect(decide("GET", status: status) == .stop)
    }

    @Test func transientErrorsRetryReadsOnly() {
        #expect(wait(decide("GET", error: .timedOut)) == 1)
        #expect(wait(decide("GET", error: .connectionLost)) == 1)
        #expect(decide("POST", error: .timedOut) == .stop)
        #expect(decide("POST", error: .connectionLost) == .stop)
    }

    @Test(arguments: [TransportError.Kind.connectionRefused, .hostNotFound, .tls, .proxy, .insecureCredentialTransport])
    func permanentErrorsStop(kind: TransportError.Kind) {
        #expect(decide("GET", error: kind) == .stop)
    }

    @Test func lastAttemptStops() {
        #expect(decide("GET", status: 429, attempt: 4) == .stop)
    }

    @Test func waitBudgetStops() {
        #expect(decide("GET", status: 429, headers: [HTTPHeader("Retry-After", "30")], waited: 31) == .stopWaitTooLong(.init(requested: 30, limit: 29)))
        #expect(wait(decide("GET", status: 429, headers: [HTTPHeader("Retry-After", "30")], waited: 30)) == 30)
    }

    @Test func hugeRetryAfterIsDeclined() {
        let decision = decide("GET", status: 429, headers: [HTTPHeader("Retry-After", "999999999")])
        #expect(decision == .stopWaitTooLong(.init(requested: 999_999_999, limit: 60)))
    }
}

struct RetryingSenderTests {
    @Test func retryAfterSecondsIsHonoured() async throws {
        let calls = Locked(0)
        let server = try TestServer { _ in
            let call = calls.withValue { value -> Int in
                value += 1
                return value
            }
            return call == 1
                ? .json(429, ["error": ["code": "TooManyRequests"]], headers: [("Retry-After", "3"), ("request-id", "req-throttled")])
                : .json(200, ["ok": true])
        }
        let sleeper = ManualSleeper()
        let log = RecordingLogSink()
        let sender = TestClients.sender(sleeper: sleeper, log: log)

        let outcome = try await sender.send(HTTPClientRequest(method: "GET", url: server.rootURL + "/v1.0/organization"))

        #expect(try outcome.result.get().status == 200)
        #expect(outcome.attempts == 2)
        #expect(sleeper.waits == [3])
        #expect(log.messages(at: .info).count == 1)
        #expect(log.messages.first?.contains("req-throttled") == true)
        #expect(log.messages.first?.contains("3.0 s") == true)
    }

    @Test func retryAfterDateIsHonoured() async throws {
        let sleeper = ManualSleeper()
        let retryAt = sleeper.now().addingTimeInterval(20)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let header = formatter.string(from: retryAt)
        let calls = Locked(0)
        let server = try TestServer { _ in
            let call = calls.withValue { value -> Int in
                value += 1
                return value
            }
            return call == 1 ? HTTPResponse(status: 503, headers: [("Retry-After", header)]) : .json(200, [:])
        }

        let outcome = try await TestClients.sender(sleeper: sleeper).send(HTTPClientRequest(method: "GET", url: server.rootURL))

        #expect(outcome.attempts == 2)
        #expect(sleeper.waits == [20])
    }

    @Test func backoffIsBoundedInCount() async throws {
        let server = try TestServer { _ in HTTPResponse(status: 503) }
        let sleeper = ManualSleeper()
        let policy = RetryPolicy(maximumAttempts: 5, initialBackoff: 1, maximumBackoff: 4, maximumTotalWait: 100)

        let outcome = try await TestClients.sender(policy: policy, sleeper: sleeper).send(HTTPClientRequest(method: "GET", url: server.rootURL))

        #expect(try outcome.result.get().status == 503)
        #expect(outcome.attempts == 5)
        #expect(server.requests.count == 5)
        #expect(sleeper.waits == [0.75, 1.5, 3, 3])
    }

    @Test func backoffIsBoundedInTotalWait() async throws {
        let server = try TestServer { _ in HTTPResponse(status: 429, headers: [("Retry-After", "40")]) }
        let sleeper = ManualSleeper()
        let policy = RetryPolicy(maximumAttempts: 10, maximumTotalWait: 100)

        let outcome = try await TestClients.sender(policy: policy, sleeper: sleeper).send(HTTPClientRequest(method: "GET", url: server.rootURL))

        #expect(outcome.attempts == 3)
        #expect(sleeper.waits == [40, 40])
        #expect(outcome.waited == 80)
    }

    @Test func hugeRetryAfterSendsOnce() async throws {
        let server = try TestServer { _ in HTTPResponse(status: 429, headers: [("Retry-After", "999999999")]) }
        let sleeper = ManualSleeper()

        let outcome = try await TestClients.sender(sleeper: sleeper).send(HTTPClientRequest(method: "GET", url: server.rootURL))

        #expect(outcome.attempts == 1)
        #expect(sleeper.waits.isEmpty)
        #expect(outcome.declinedWait?.requested == 999_999_999)
        #expect(outcome.declinedWait?.limit == RetryPolicy().maximumTotalWait)
    }

    @Test func readTimeoutIsRetried() async throws {
        let calls = Locked(0)
        let server = try TestServer { _ in
            let call = calls.withValue { value -> Int in
                value += 1
                return value
            }
            return call == 1 ? .hang : .json(200, [:])
        }
        defer { server.stop() }
        let sleeper = ManualSleeper()

        let outcome = try await TestClients.sender(sleeper: sleeper).send(HTTPClientRequest(method: "GET", url: server.rootURL, timeout: 0.3))

        #expect(try outcome.result.get().status == 200)
        #expect(outcome.attempts == 2)
        #expect(sleeper.waits.count == 1)
    }

    @Test func writeTimeoutIsNotRetried() async throws {
        let server = try TestServer { _ in .hang }
        defer { server.stop() }

        let outcome = try await TestClients.sender().send(HTTPClientRequest(method: "POST", url: server.rootURL, body: Data("{}".utf8), timeout: 0.3))

        #expect(outcome.attempts == 1)
        #expect(server.requests.count == 1)
        #expect(throws: TransportError.self) { try outcome.result.get() }
    }

    @Test func connectionRefusedIsNotRetried() async throws {
        let port = closedLoopbackPort()
        let sleeper = ManualSleeper()

        let outcome = try await TestClients.sender(sleeper: sleeper).send(HTTPClientRequest(method: "GET", url: "http://127.0.0.1:\(port)/"))

        #expect(outcome.attempts == 1)
        #expect(sleeper.waits.isEmpty)
    }
}
