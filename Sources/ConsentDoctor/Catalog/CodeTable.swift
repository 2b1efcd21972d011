/// The category of an AADSTS code in the bundled table.
public enum CodeCategory: String, Codable, Sendable, CaseIterable {
    case consent
    case appRegistration = "app-registration"
    case servicePrincipal = "service-principal"
    case redirectURI = "redirect-uri"
    case conditionalAccess = "conditional-access"
    case mfa
    case clientCredential = "client-credential"
    case userAccount = "user-account"
    case tenant
    case federation
    case tokenRequest = "token-request"
    case session
    case device
    case throttlingOrService = "throttling-or-service"
    case other
}

/// The person who usually fixes an error with a given code.
public enum Fixer: String, Codable, Sendable, CaseIterable {
    case user
    case tenantAdmin = "tenant-admin"
    case appDeveloper = "app-developer"
    case microsoft
    case identityProviderAdmin = "idp-admin"

    /// A short phrase for reports, such as "a tenant administrator".
    public var phrase: String {
        switch self {
        case .user: "the signed-in user"
        case .tenantAdmin: "a tenant administrator"
        case .appDeveloper: "the application's developer"
        case .microsoft: "Microsoft (a service-side problem)"
        case .identityProviderAdmin: "the administrator of the federated identity provider"
        }
    }
}

/// One row of the bundled AADSTS code table.
public struct CodeEntry: Codable, Sendable, Equatable {
    public var code: SignInErrorCode
    /// The symbolic name from Microsoft's published table, when it has one.
    public var name: String?
    public var category: CodeCategory
    public var fixedBy: Fixer
}

/// The bundled table of every published AADSTS code, parsed once from the embedded TSV.
public enum CodeTable {
    /// Every entry, sorted by code.
    public static let entries: [CodeEntry] = parse(embeddedTSV)

    private static let entriesByCode: [SignInErrorCode: CodeEntry] = Dictionary(
        entries.map { ($0.code, $0) },
        uniquingKeysWith: { first, _ in first }
    )

    /// Returns the table row for `code`, or nil for a code the table does not list.
    public static func entry(for code: SignInErrorCode) -> CodeEntry? {
        entriesByCode[code]
    }

    /// Parses the tab-separated table: a header row, then `code name category fixed_by` rows.
    /// Rows with an unknown category or fixer fall back to `other` and `tenant-admin`.
    static func parse(_ text: String) -> [CodeEntry] {
        var result: [CodeEntry] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 4, let number = Int(columns[0]) else {
                continue
            }
            result.append(CodeEntry(
                code: SignInErrorCode(rawValue: number),
                name: columns[1].isEmpty ? nil : columns[1],
                category: CodeCategory(rawValue: columns[2]) ?? .other,
                fixedBy: Fixer(rawValue: columns[3]) ?? .tenantAdmin
            ))
        }
        return result.sorted { $0.code < $1.code }
    }
}
