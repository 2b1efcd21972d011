/// A plain-language explanation of one AADSTS code, written for this tool.
public struct CodeExplanation: Codable, Sendable, Equatable {
    public var code: SignInErrorCode
    /// A short title, such as `Resource missing from the client's registration`.
    public var title: String
    /// One sentence: what the error means.
    public var summary: String
    /// The reason it happens, as sentences.
    public var cause: String
    /// General steps, used when no value-specific remediation applies.
    public var advice: [String]
    /// The person who fixes it, when that differs from the code table. For 650057 the table names the app
    /// developer, but for a vendor-owned multi-tenant app it is the tenant admin who grants access.
    public var fixedBy: Fixer?

    public init(code: SignInErrorCode, title: String, summary: String, cause: String, advice: [String], fixedBy: Fixer? = nil) {
        self.code = code
        self.title = title
        self.summary = summary
        self.cause = cause
        self.advice = advice
        self.fixedBy = fixedBy
    }
}

/// The explanations the tool ships, by code.
public enum CodeExplanations {
    /// Every explanation, sorted by code.
    public static let all: [CodeExplanation] = (consent + servicePrincipals + redirectURIs + accessPolicies + accountsAndCredentials)
        .sorted { $0.code < $1.code }

    private static let byCode: [SignInErrorCode: CodeExplanation] = Dictionary(
        all.map { ($0.code, $0) },
        uniquingKeysWith: { first, _ in first }
    )

    /// Returns the explanation for `code`, or nil when the tool has only the table row.
    public static func explanation(for code: SignInErrorCode) -> CodeExplanation? {
        byCode[code]
    }
}
