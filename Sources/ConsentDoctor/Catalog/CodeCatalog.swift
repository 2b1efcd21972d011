/// The tool's data on AADSTS codes: the bundled table, codes the table lacks,
/// and the tool's own explanations.
public enum CodeCatalog {
    /// Codes the tool recognises although Microsoft's published table does not list them.
    static let supplementalEntries: [CodeEntry] = [
        CodeEntry(code: .userConsentBlockedByPolicy, name: nil, category: .consent, fixedBy: .tenantAdmin),
    ]

    /// Every known code, sorted by code.
    public static let entries: [CodeEntry] = (CodeTable.entries + supplementalEntries.filter { CodeTable.entry(for: $0.code) == nil })
        .sorted { $0.code < $1.code }

    /// Returns the table row for `code`, including the codes the tool adds, or nil.
    public static func entry(for code: SignInErrorCode) -> CodeEntry? {
        CodeTable.entry(for: code) ?? supplementalEntries.first { $0.code == code }
    }

    /// Returns who usually fixes `code`: the explanation's choice, otherwise the table's.
    public static func fixer(for code: SignInErrorCode) -> Fixer? {
        CodeExplanations.explanation(for: code)?.fixedBy ?? entry(for: code)?.fixedBy
    }

    /// Returns a short title for `code`: the explanation's title, the table's symbolic name, or
    /// the category, in that order.
    public static func title(for code: SignInErrorCode) -> String {
        if let explanation = CodeExplanations.explanation(for: code) {
            return explanation.title
        }
        guard let entry = entry(for: code) else {
            return "Code not in the bundled table"
        }
        return entry.name ?? CategoryExplanation.for(entry.category).title
    }

    /// Returns the codes whose number, symbolic name, category or explanation contains every
    /// word of `query`, ignoring case, sorted by code.
    public static func search(_ query: String) -> [CodeEntry] {
        let words = query.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else {
            return []
        }
        return entries.filter { entry in
            let text = searchableText(entry).lowercased()
            return words.allSatisfy { text.contains($0) }
        }
    }

    private static func searchableText(_ entry: CodeEntry) -> String {
        var parts = [String(entry.code.rawValue), entry.code.description, entry.category.rawValue, entry.fixedBy.rawValue]
        if let name = entry.name {
            parts.append(name)
        }
        if let explanation = CodeExplanations.explanation(for: entry.code) {
            parts += [explanation.title, explanation.summary, explanation.cause] + explanation.advice
        }
        return parts.joined(separator: " ")
    }
}
