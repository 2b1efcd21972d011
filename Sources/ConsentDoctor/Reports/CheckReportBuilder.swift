/// Builds the `check` report: runs the health checks, plans the fix and collects the commands
/// and notes every renderer shows.
public enum CheckReportBuilder {
    /// Runs the standard checks and the planner on `context` and returns the report.
    ///
    /// - Parameters:
    ///   - context: The snapshot, profile and expected tenants.
    ///   - generatedAt: The report time in ISO 8601 UTC, such as `2026-12-04T20:17:05Z`.
    ///   - notes: Notes from reading the input, such as lines of pasted az output that were skipped.
    public static func report(for context: CheckContext, generatedAt: String, notes: [String] = []) -> Report {
        report(
            for: context,
            findings: HealthChecks.run(context),
            plan: FixPlanner.plan(for: context),
            generatedAt: generatedAt,
            notes: notes
        )
    }

    /// Returns the report for findings and a plan computed elsewhere.
    public static func report(
        for context: CheckContext,
        findings: [Finding],
        plan: FixPlan,
        generatedAt: String,
        notes: [String] = []
    ) -> Report {
        let verdict = Verdict.forFindings(findings)
        var allNotes = [sourceNote(context.snapshot)] + notes
        if context.snapshot.clientAppId.caseInsensitiveCompare(context.profile.clientAppId) != .orderedSame {
            allNotes.append("The snapshot was read for client \(context.snapshot.clientAppId), but it was checked against the \(context.profile.displayName) profile (\(context.profile.clientAppId)).")
        }
        if verdict.status != .healthy {
            allNotes += adminConsentNotes(for: context)
        }
        let shared = SharedReasons.find(in: findings, candidates: failureReasons(in: context.snapshot))
        return Report(
            command: .check,
            generatedAt: generatedAt,
            tenant: context.snapshot.tenant,
            cloud: context.snapshot.cloud,
            profileId: context.profile.id,
            verdict: verdict,
            findings: findings,
            plan: plan,
            commands: plan.isEmpty ? [] : AzCommands.lines(for: plan),
            notes: allNotes,
            requests: context.snapshot.requests,
            sharedReasons: shared.isEmpty ? nil : shared
        )
    }

    /// Returns the note with the admin consent URL. When users get their tokens from another
    /// tenant, the URL names that tenant, because consent in the tenant that was read does not
    /// help them.
    private static func adminConsentNotes(for context: CheckContext) -> [String] {
        if case .mismatch(let others) = TenantMatchCheck.evaluate(context), let cloud = context.cloud {
            let clientAppId = context.profile.clientAppId.lowercased()
            return others.map { other in
                let url = cloud.adminConsentURL(tenant: other.tenant, clientAppId: clientAppId)
                return "Users get their tokens from \(other.tenant), so consent must be given there. An admin of that tenant who prefers the browser can open \(url), then run the check against \(other.tenant) to confirm."
            }
        }
        guard let url = FixPlanner.adminConsentURL(for: context) else {
            return []
        }
        return ["An admin who prefers the browser can open \(url) to consent for the whole tenant, then run the check again to confirm."]
    }

    /// Returns the reason text the checks give for each read failure in the snapshot, the
    /// candidates for `Report.sharedReasons`.
    private static func failureReasons(in snapshot: DirectorySnapshot) -> [String] {
        let applicationFailures = snapshot.servicePrincipals.keys.sorted().compactMap { snapshot.servicePrincipals[$0]?.failure }
            + [snapshot.grants.failure].compactMap { $0 }
        let policyFailures = [snapshot.authorizationPolicy.failure, snapshot.adminConsentRequestPolicy.failure].compactMap { $0 }
        return applicationFailures.map { FailureReason.text(for: $0, subject: .applications) }
            + policyFailures.map { FailureReason.text(for: $0, subject: .policies) }
    }

    private static func sourceNote(_ snapshot: DirectorySnapshot) -> String {
        switch snapshot.source {
        case .graph:
            let requests = snapshot.requests.count == 1 ? "1 request" : "\(snapshot.requests.count) requests"
            let trips = snapshot.roundTrips == 1 ? "1 round trip" : "\(snapshot.roundTrips) round trips"
            return "Read from Microsoft Graph: \(requests) in \(trips)."
        case .azOutput:
            return "Read from pasted az output, which cannot show everything a Graph read shows."
        case .snapshotFile:
            return "Read from a saved snapshot file, which shows the tenant as it was when the snapshot was taken."
        }
    }
}
