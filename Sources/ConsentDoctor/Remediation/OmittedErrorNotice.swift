/// The warning that an emitted artefact has no commands for the errors `explain` only counted,
/// because they came after the first `PasteReader.defaultDetailLimit` distinct errors.
public enum OmittedErrorNotice {
    /// Returns the warning for `counts`, or nil when no error was left out.
    ///
    /// The tenant count is exact for one code. Counts are kept per code, so for several codes a
    /// tenant named by two of them counts twice and the sum is a maximum. When the reader stopped
    /// remembering values, the distinct counts are minimums instead, and the text calls them that.
    public static func text(_ counts: [OmittedErrorCount]) -> String? {
        let occurrences = counts.reduce(0) { $0 + $1.occurrences }
        guard occurrences > 0 else {
            return nil
        }
        let capped = counts.contains(where: \.distinctCountsCapped)
        let distinct = counts.reduce(0) { $0 + $1.distinctErrors }
        let tenants = counts.reduce(0) { $0 + $1.tenants }

        var details = ["\(capped ? "at least " : "")\(ReadingNotes.grouped(distinct)) distinct"]
        if tenants > 0 {
            let bound = capped ? "at least " : (counts.count > 1 ? "up to " : "")
            details.append("naming \(bound)\(ReadingNotes.grouped(tenants)) \(tenants == 1 ? "tenant" : "tenants")")
        }
        let errors = occurrences == 1 ? "1 more error" : "\(ReadingNotes.grouped(occurrences)) more errors"
        return "The input has \(errors) (\(details.joined(separator: ", "))) after the first \(PasteReader.defaultDetailLimit) distinct errors, "
            + "which are the ones explain diagnoses. They were only counted, so this output has no commands for them. "
            + "Run `\(ToolInfo.name) explain --emit` again on the part of the input after the errors fixed here, "
            + "or run `\(ToolInfo.name) check --tenant TENANT --emit` in each tenant those errors name."
    }
}
