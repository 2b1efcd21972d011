/// Builds the `fix` report: the findings of the check after the writes (or before, for a dry
/// run), the plan that was applied or would be, the writes, and notes on what remains.
public enum FixReportBuilder {
    /// Returns the report of a dry run: the current findings and the plan, without writes.
    public static func dryRun(for context: CheckContext, plan: FixPlan, generatedAt: String, notes: [String] = []) -> Report {
        var report = CheckReportBuilder.report(for: context, findings: HealthChecks.run(context), plan: plan, generatedAt: generatedAt, notes: notes)
        report.command = .fix
        report.commands = []
        if !plan.isEmpty {
            let count = PlannedWrite.list(for: plan).count
            report.notes.append("Nothing was changed. Run the same command with --apply to make \(count == 1 ? "this write" : "these \(count) writes").")
        }
        return report
    }

    /// Returns the report after `fix --apply`.
    ///
    /// - Parameters:
    ///   - context: The tenant as read after the writes.
    ///   - plan: The plan that was applied.
    ///   - application: The writes and the failure that stopped them, if any.
    public static func applied(for context: CheckContext, plan: FixPlan, application: PlanApplication, generatedAt: String, notes: [String] = []) -> Report {
        let remaining = FixPlanner.plan(for: context)
        var report = CheckReportBuilder.report(for: context, findings: HealthChecks.run(context), plan: plan, generatedAt: generatedAt, notes: notes)
        report.command = .fix
        report.commands = []
        report.writes = application.writes
        report.notes += outcomeNotes(application: application, remaining: remaining)
        return report
    }

    /// Returns sentences that sum up the writes and what is left to do.
    static func outcomeNotes(application: PlanApplication, remaining: FixPlan) -> [String] {
        var notes: [String] = []
        let doneCount = application.writes.filter { $0.outcome == .done }.count
        let alreadyDoneCount = application.writes.filter { $0.outcome == .alreadyDone }.count
        let failedCount = application.writes.filter { $0.outcome == .failed }.count
        let notAttemptedCount = application.writes.filter { $0.outcome == .notAttempted }.count
        let possiblyApplied = application.possiblyApplied

        let uncertain = possiblyApplied.isEmpty ? "" : " (\(possiblyApplied.count) of them may have been applied)"
        var summary = "Writes: \(doneCount) made, \(alreadyDoneCount) already done, \(failedCount) failed\(uncertain), \(notAttemptedCount) not attempted."
        if doneCount == 0 && possiblyApplied.isEmpty {
            summary += " Nothing in the tenant was changed."
        }
        notes.append(summary)

        if !possiblyApplied.isEmpty {
            let titles = possiblyApplied.map { ReportLabels.stepTitle($0.step) }.joined(separator: "; ")
            notes.append("May have been applied: \(titles). Each request was sent, but no definite answer arrived. The findings above come from reading the tenant after the writes, so they show whether the change took effect; consent-doctor check shows it again later.")
        }

        let steps = remaining.steps.filter { $0.kind != .signIn }
        if !steps.isEmpty {
            let titles = steps.map { ReportLabels.stepTitle($0) }.joined(separator: "; ")
            var next = "Run consent-doctor fix --apply again to finish; it plans only what is still missing."
            if application.failure?.isPermissionDenied == true {
                next = "Sign in as an identity with Application.ReadWrite.All and DelegatedPermissionGrant.ReadWrite.All (or the Cloud Application Administrator or Application Administrator role), then run consent-doctor fix --apply again."
            } else if case .manualChangeNeeded = application.failure {
                next = "fix cannot finish this on its own: change the grant by hand as the failed write describes, then run consent-doctor check to confirm."
            }
            notes.append("Still to do: \(titles). \(next)")
        }
        return notes
    }
}
