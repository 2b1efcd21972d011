/// Sentences that sum up what `fix --apply` changed, for standard error and the report notes.
///
/// "Nothing was changed" appears only when no write was made and none may have been applied:
/// every write was either never sent or rejected with a 4xx status. A write that was sent but
/// got no definite response is named as possibly applied, with the way to see the tenant's state.
public enum WriteSummary {
    /// Returns the sentences for the writes of one run: made, possibly applied, not attempted,
    /// and the next step.
    public static func sentences(for application: PlanApplication) -> [String] {
        let madeWrites = application.writes.filter { $0.outcome == .done }
        let possiblyApplied = application.possiblyApplied
        let notAttempted = application.writes.filter { $0.outcome == .notAttempted }
        let unfinished = application.writes.contains { $0.outcome == .failed || $0.outcome == .notAttempted }

        var sentences: [String] = []
        if madeWrites.isEmpty && possiblyApplied.isEmpty {
            sentences.append("Nothing was changed.")
        }
        if !madeWrites.isEmpty {
            let subject = madeWrites.count == 1 ? "this write was" : "these \(madeWrites.count) writes were"
            let prefix = unfinished ? "Only \(subject)" : subject.prefix(1).uppercased() + subject.dropFirst()
            sentences.append("\(prefix) made: \(titles(madeWrites)).")
        }
        if !possiblyApplied.isEmpty {
            let subject = possiblyApplied.count == 1 ? "This write" : "These \(possiblyApplied.count) writes"
            sentences.append("\(subject) may have been applied, because the request was sent but no definite answer arrived: \(titles(possiblyApplied)). Run consent-doctor check, or fix again, to see the tenant's current state.")
        }
        if !notAttempted.isEmpty {
            sentences.append("Not attempted: \(titles(notAttempted)).")
        }
        if let next = nextStep(for: application, unfinished: unfinished) {
            sentences.append(next)
        }
        return sentences
    }

    /// Returns the next step after an unfinished run, or nil when the run finished or when only
    /// a change by hand can let fix finish, because the failure's own sentence names that change.
    static func nextStep(for application: PlanApplication, unfinished: Bool) -> String? {
        guard unfinished else {
            return nil
        }
        if case .manualChangeNeeded = application.failure {
            return nil
        }
        return "Run consent-doctor fix --apply again to finish. It sends only what is still missing."
    }

    private static func titles(_ writes: [WriteRecord]) -> String {
        writes.map { ReportLabels.stepTitle($0.step) }.joined(separator: "; ")
    }
}
