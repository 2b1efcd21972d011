import Foundation

extension PlanApplier {
    /// Reads the tenant again after the writes, for the final check.
    ///
    /// Right after a write, a Graph replica may still return a response without the new object. While the
    /// plan computed from the new snapshot still contains a step that a write completed, it reads
    /// again, within `replicationPolicy`, and then returns the last snapshot whatever it shows.
    ///
    /// - Throws: `IdentityError` when no token can be obtained, and `CancellationError`.
    public func readAfterWrites(_ application: PlanApplication, profile: AppProfile, tenant: String?) async throws -> DirectorySnapshot {
        let completed = application.writes.filter { $0.outcome == .done || $0.outcome == .alreadyDone }.map(\.step)
        let reader = DirectoryReader(client: client)
        var attempt = 1
        while true {
            let snapshot = try await reader.read(profile: profile, tenant: tenant)
            let plan = FixPlanner.plan(for: CheckContext(snapshot: snapshot, profile: profile))
            let lagging = plan.steps.filter { step in completed.contains { Self.sameChange($0, step) } }
            guard !lagging.isEmpty, attempt < replicationPolicy.maximumAttempts else {
                return snapshot
            }
            let wait = replicationPolicy.backoff(retry: attempt, jitter: client.sender.jitter())
            client.log.log(.info, "Graph does not show \(lagging.count == 1 ? "1 change" : "\(lagging.count) changes") yet; reading the tenant again in \(String(format: "%.1f s", wait)) (attempt \(attempt + 1) of \(replicationPolicy.maximumAttempts)).")
            try await client.sender.sleeper.sleep(seconds: wait)
            attempt += 1
        }
    }

    /// Returns whether two steps make the same change: the same service principal, or a grant to
    /// the same API.
    static func sameChange(_ first: FixStep, _ second: FixStep) -> Bool {
        switch (first.kind, second.kind) {
        case (.createServicePrincipal, .createServicePrincipal):
            return first.appId?.lowercased() == second.appId?.lowercased()
        case (.createGrant, .createGrant), (.createGrant, .extendGrant), (.extendGrant, .createGrant), (.extendGrant, .extendGrant):
            return first.resourceAppId?.lowercased() == second.resourceAppId?.lowercased()
        default:
            return false
        }
    }
}
