/// Builds the `explain` report from what the paste reader found.
public enum ExplainReport {
    /// Returns a report with one diagnosis per error kept in full, in order of appearance, and
    /// the counts of the errors beyond them.
    ///
    /// - Parameters:
    ///   - reading: The errors and notes from `PasteReader`.
    ///   - generatedAt: The report time, ISO 8601 in UTC; a parameter so tests are repeatable.
    public static func make(reading: PasteReading, options: ExplainOptions, generatedAt: String) -> Report {
        let pasteProfile = Diagnoser.pasteProfile(for: reading.occurrences, options: options)
        let diagnoses = reading.occurrences.enumerated().map { offset, occurrence in
            Diagnoser.diagnose(occurrence, index: offset + 1, options: options, pasteProfile: pasteProfile)
        }
        let tenants = Set(diagnoses.compactMap { $0.plan?.tenant })
        let profiles = Set(diagnoses.map(\.profileId))
        return Report(
            command: .explain,
            generatedAt: generatedAt,
            tenant: tenants.count == 1 ? tenants.first : nil,
            cloud: options.cloud.name,
            profileId: profiles.count == 1 ? profiles.first ?? nil : nil,
            verdict: Verdict(status: diagnoses.isEmpty ? .noErrorFound : .diagnosed),
            diagnoses: diagnoses,
            notes: reading.notes,
            omittedErrors: reading.omittedErrors.isEmpty ? nil : reading.omittedErrors
        )
    }
}
