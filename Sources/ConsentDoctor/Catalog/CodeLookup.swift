/// One code as `consent-doctor codes` prints it.
public struct CodeSummary: Codable, Sendable, Equatable {
    public var code: Int
    public var name: String?
    public var title: String
    public var category: CodeCategory
    /// The person who usually fixes it, after the tool's own overrides.
    public var fixedBy: Fixer
    /// The public page for the code on the chosen cloud's sign-in host.
    public var link: String
    /// Whether the table lists the code; false for codes the tool adds or does not know.
    public var inPublishedTable: Bool
    public var summary: String?
    public var cause: String?
    public var advice: [String]

    /// Returns the summary of a known code, or nil for a code missing from the catalog.
    public static func make(_ code: SignInErrorCode, cloud: Cloud) -> CodeSummary? {
        guard let entry = CodeCatalog.entry(for: code) else {
            return nil
        }
        let explanation = CodeExplanations.explanation(for: code)
        let category = CategoryExplanation.for(entry.category)
        return CodeSummary(
            code: code.rawValue,
            name: entry.name,
            title: CodeCatalog.title(for: code),
            category: entry.category,
            fixedBy: CodeCatalog.fixer(for: code) ?? entry.fixedBy,
            link: cloud.errorPageURL(for: code),
            inPublishedTable: CodeTable.entry(for: code) != nil,
            summary: explanation?.summary ?? category.summary,
            cause: explanation?.cause ?? category.cause,
            advice: explanation?.advice ?? [category.advice]
        )
    }
}

/// The JSON document `consent-doctor codes --format json` prints.
public struct CodeLookupResult: Codable, Sendable, Equatable {
    public var schemaVersion: String
    public var command: String
    /// The code or words looked up.
    public var query: String?
    public var codes: [CodeSummary]

    public init(query: String?, codes: [CodeSummary]) {
        schemaVersion = Report.currentSchemaVersion
        command = "codes"
        self.query = query
        self.codes = codes
    }
}
