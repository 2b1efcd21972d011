import Foundation
import Testing
import TestSupport

/// Runs the built `consent-doctor` against an emulator and compares emulator states, for the
/// `fix` and `--emit` end-to-end tests.
enum FixHarness {
    static let adminToken = "static-admin-token"
    static let readerToken = "static-reader-token"
    static let clientAppId = "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"
    static let redisAppId = "acca5fbb-b7e4-4009-81f1-37e38fd66d78"
    static let resourceManagerAppId = "797f4846-ba00-4fd7-ba43-dac1f8f63013"
    static let graphAppId = "00000003-0000-0000-c000-000000000000"

    /// The tenant files whose plan has at least one write.
    static let brokenTenants = [
        "nothing-consented", "redis-sp-missing", "redis-grant-missing", "grant-without-user-impersonation",
        "user-consent-disabled-no-graph-grant", "only-per-user-grants",
    ]

    /// Runs `consent-doctor COMMAND ... --graph-url ROOT --auth access-token` with the token in
    /// the environment, so it never appears in the process list.
    static func run(_ arguments: [String], against graphRoot: String, token: String = adminToken, standardInput: Data? = nil) throws -> ProcessResult {
        try ProcessRunner.consentDoctor(
            arguments + ["--graph-url", graphRoot, "--auth", "access-token"],
            standardInput: standardInput,
            environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": token]
        )
    }

    static func run(_ arguments: [String], against emulator: EmulatorProcess, token: String = adminToken, standardInput: Data? = nil) throws -> ProcessResult {
        try run(arguments, against: emulator.baseURL.absoluteString, token: token, standardInput: standardInput)
    }

    /// Returns the JSON report on standard output as an object.
    static func report(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.standardOutputData) as? [String: Any])
    }

    /// Returns `verdict.status` of a JSON report.
    static func verdict(_ report: [String: Any]) -> String? {
        (report["verdict"] as? [String: Any])?["status"] as? String
    }

    /// Returns the `outcome` of each write of a JSON report.
    static func outcomes(_ report: [String: Any]) -> [String] {
        (report["writes"] as? [[String: Any]] ?? []).compactMap { $0["outcome"] as? String }
    }

    /// The write requests the emulator served since its log was last cleared, as `METHOD path`.
    static func writeRequests(_ emulator: EmulatorProcess) throws -> [String] {
        try emulator.requestLog()
            .filter { $0.method != "GET" && $0.batchItemId == nil && !$0.path.hasSuffix("$batch") }
            .map { "\($0.method) \($0.path)" }
    }

    /// Returns one sentence per scope that a grant held before and does not hold after, or per
    /// grant that disappeared. Grants are matched by client, resource, consent type and user.
    static func lostScopes(before: EmulatorState, after: EmulatorState) -> [String] {
        var lost: [String] = []
        for grant in before.oauth2PermissionGrants {
            let match = after.oauth2PermissionGrants.first { other in
                other.clientId == grant.clientId && other.resourceId == grant.resourceId
                    && other.consentType == grant.consentType && other.principalId == grant.principalId
            }
            guard let match else {
                lost.append("grant \(grant.id) (\(grant.consentType)) was removed")
                continue
            }
            let kept = Set(match.scope.split(separator: " ").map(String.init))
            for scope in grant.scope.split(separator: " ").map(String.init) where !kept.contains(scope) {
                lost.append("grant \(grant.id) lost \(scope)")
            }
        }
        return lost
    }

    /// Returns the `Principal` grants, sorted by id, to compare before and after.
    static func perUserGrants(_ state: EmulatorState) -> [EmulatorState.Grant] {
        state.oauth2PermissionGrants.filter { $0.consentType == "Principal" }.sorted { $0.id < $1.id }
    }

    /// Returns the scopes of the tenant-wide grant from the client to an API, or nil.
    static func tenantWideScopes(_ state: EmulatorState, resourceAppId: String) -> String? {
        guard let client = state.servicePrincipal(appId: clientAppId), let resource = state.servicePrincipal(appId: resourceAppId) else {
            return nil
        }
        return state.grants(clientId: client.id, resourceId: resource.id).first { $0.consentType == "AllPrincipals" }?.scope
    }
}
