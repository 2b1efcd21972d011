/// The errors of one code that a paste held beyond the diagnosed ones, counted instead of kept.
public struct OmittedErrorCount: Codable, Sendable, Equatable {
    /// The AADSTS code, or nil for an error without one.
    public var code: SignInErrorCode?
    /// The application error code of an error without an AADSTS code, such as RedisInsight's 12400.
    public var applicationErrorCode: Int?
    /// How many times errors of this code appeared, repeats included.
    public var occurrences: Int
    /// How many of them differ in their identifying values (client, resource, tenant, redirect
    /// URI), compared ignoring case.
    public var distinctErrors: Int
    /// How many distinct tenants they name.
    public var tenants: Int
    /// How many distinct resources (appIds, or URIs where no appId is given) they name.
    public var resources: Int
    /// Whether the distinct counts stopped growing because the reader remembers a bounded number
    /// of values; the counts are then lower bounds.
    public var distinctCountsCapped: Bool

    public init(
        code: SignInErrorCode?,
        applicationErrorCode: Int? = nil,
        occurrences: Int,
        distinctErrors: Int,
        tenants: Int = 0,
        resources: Int = 0,
        distinctCountsCapped: Bool = false
    ) {
        self.code = code
        self.applicationErrorCode = applicationErrorCode
        self.occurrences = occurrences
        self.distinctErrors = distinctErrors
        self.tenants = tenants
        self.resources = resources
        self.distinctCountsCapped = distinctCountsCapped
    }
}
