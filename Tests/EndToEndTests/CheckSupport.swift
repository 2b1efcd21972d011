import Foundation
import Testing
import TestSupport

/// The parts of a JSON `check` report that the end-to-end tests read.
struct CheckReport: Decodable {
    struct Verdict: Decodable {
        var status: String
        var pass: Int
        var fail: Int
        var warning: Int
        var unknown: Int
        var info: Int
    }

    struct Evidence: Decodable {
        var label: String
        var value: String
    }

    struct Finding: Decodable {
        var id: String
        var status: String
        var detail: String
        var reason: String?
        var evidence: [Evidence]
    }

    struct Plan: Decodable {
        var warnings: [String]
    }

    struct Request: Decodable {
        var method: String
        var path: String
        var status: Int?
        var requestId: String?
    }

    var command: String
    var tenant: String?
    var verdict: Verdict
    var findings: [Finding]
    var commands: [String]
    var plan: Plan?
    var notes: [String]
    var requests: [Request]
    var sharedReasons: [String]?

    /// Each finding's id and status, in report order, as `id=status`.
    var states: [String] {
        findings.map { "\($0.id)=\($0.status)" }
    }

    /// Returns the finding with an id.
    func finding(_ id: String) -> Finding? {
        findings.first { $0.id == id }
    }
}

/// Runs the built `consent-doctor check` against an emulator and decodes its JSON report.
enum CheckRun {
    /// The longest any single run may take before the test gives up on it, in seconds. The slowest
    /// case, a hung response with `--timeout 2` and its retries, takes about 15 s.
    static let processTimeout: TimeInterval = 90

    static let clientAppId = "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"
    static let redisAppId = "acca5fbb-b7e4-4009-81f1-37e38fd66d78"
    static let armAppId = "797f4846-ba00-4fd7-ba43-dac1f8f63013"
    static let graphAppId = "00000003-0000-0000-c000-000000000000"

    /// The finding ids in report order, for a tenant whose Resource Manager and Graph service
    /// principals exist.
    static let findingIds = [
        "tenant.match",
        "service-principal.client",
        "service-principal.redis-api",
        "service-principal.resource-manager",
        "service-principal.microsoft-graph",
        "client.enabled",
        "client.assignment-required",
        "redis-api.scope-exposed",
        "resource-manager.scope-exposed",
        "grant.redis-api",
        "grant.resource-manager",
        "openid.user-consent",
        "grants.per-user",
        "consent.admin-workflow",
    ]

    /// Every static token, client secret and identity header in the bundled tenant files.
    static let credentials = [
        "static-admin-token", "static-reader-token", "static-no-access-token",
        "checker-app-secret", "fixer-app-secret", "managed-identity-header",
    ]

    /// Runs `check --graph-url <emulator>` with the arguments. The token goes in
    /// `CONSENT_DOCTOR_ACCESS_TOKEN` unless it is nil.
    static func check(
        _ emulator: EmulatorProcess,
        _ arguments: [String] = [],
        token: String? = "static-reader-token",
        environment: [String: String] = [:]
    ) throws -> ProcessResult {
        var variables = environment
        if let token {
            variables["CONSENT_DOCTOR_ACCESS_TOKEN"] = token
        }
        return try run(["check", "--graph-url", emulator.baseURL.absoluteString] + arguments, environment: variables)
    }

    /// Runs the built tool with a time limit and records a test issue when the limit passes.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        let result = try ProcessRunner.consentDoctor(arguments, environment: environment, timeout: processTimeout)
        #expect(!result.timedOut, "consent-doctor \(arguments.joined(separator: " ")) ran longer than \(Int(processTimeout)) s")
        return result
    }

    /// Runs `check --format json` against the emulator and decodes the report.
    static func report(
        _ emulator: EmulatorProcess,
        _ arguments: [String] = [],
        token: String? = "static-reader-token",
        environment: [String: String] = [:]
    ) throws -> (ProcessResult, CheckReport) {
        let result = try check(emulator, ["--format", "json"] + arguments, token: token, environment: environment)
        return (result, try decode(result))
    }

    /// Decodes the JSON report on standard output, recording the output when it is not one.
    static func decode(_ result: ProcessResult) throws -> CheckReport {
        do {
            return try JSONDecoder().decode(CheckReport.self, from: result.standardOutputData)
        } catch {
            Issue.record("The output is not a check report (exit \(result.status)): \(result.standardOutput.prefix(400)) \(result.standardError.prefix(400))")
            throw error
        }
    }

    /// Returns the credentials from `credentials` and `extra` that occur in any of the texts.
    static func leakedCredentials(in texts: [String], extra: [String] = []) -> [String] {
        (credentials + extra).filter { secret in texts.contains { $0.contains(secret) } }
    }
}

/// Emulators that tests share while they run, one per tenant file, for tests that only read and
/// set no faults. The last test using an emulator stops it, so none outlives the test run.
enum SharedEmulators {
    private final class Entry: @unchecked Sendable {
        let emulator: EmulatorProcess
        var users = 0

        init(_ emulator: EmulatorProcess) {
            self.emulator = emulator
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var entries: [String: Entry] = [:]

    /// Runs `body` with the shared emulator for `Fixtures/tenants/<tenant>.json`, starting it
    /// when no other test holds it.
    static func use<Result>(_ tenant: String, _ body: (EmulatorProcess) throws -> Result) throws -> Result {
        let entry = try acquire(tenant)
        defer { release(tenant, entry) }
        return try body(entry.emulator)
    }

    private static func acquire(_ tenant: String) throws -> Entry {
        lock.lock()
        defer { lock.unlock() }
        if let entry = entries[tenant] {
            entry.users += 1
            return entry
        }
        let entry = Entry(try EmulatorProcess(tenant: tenant))
        entry.users = 1
        entries[tenant] = entry
        return entry
    }

    private static func release(_ tenant: String, _ entry: Entry) {
        lock.lock()
        entry.users -= 1
        let last = entry.users == 0
        if last {
            entries[tenant] = nil
        }
        lock.unlock()
        if last {
            entry.emulator.stop()
        }
    }
}
