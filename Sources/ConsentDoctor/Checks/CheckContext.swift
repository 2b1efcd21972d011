/// Everything a health check reads: the directory snapshot, the app profile it is checked
/// against, and the tenants users are expected to sign in to.
public struct CheckContext: Sendable, Equatable {
    public var snapshot: DirectorySnapshot
    public var profile: AppProfile
    /// Tenants named by `--expect-tenant` or by a pasted sign-in error, compared with the tenant
    /// that was read.
    public var expectedTenants: [ExpectedTenant]
    /// Whether the tenant read is the one `--tenant` named; nil when no tenant was named or the
    /// input was not read from Graph.
    public var tenantConfirmation: TenantConfirmation?

    public init(snapshot: DirectorySnapshot, profile: AppProfile, expectedTenants: [ExpectedTenant] = [], tenantConfirmation: TenantConfirmation? = nil) {
        self.snapshot = snapshot
        self.profile = profile
        self.expectedTenants = expectedTenants
        self.tenantConfirmation = tenantConfirmation
    }

    /// The cloud of the snapshot, when its name is in `Cloud.all`.
    public var cloud: Cloud? {
        Cloud.named(snapshot.cloud)
    }
}

/// A tenant users are expected to get their tokens from.
public struct ExpectedTenant: Codable, Sendable, Equatable {
    /// The origin of the expectation.
    public enum Source: String, Codable, Sendable {
        /// The admin passed it with `--expect-tenant`.
        case option
        /// A pasted sign-in error named it.
        case signInError = "sign-in-error"
    }

    /// A tenant GUID or domain name, as given.
    public var tenant: String
    public var source: Source
    /// The code of the sign-in error that named the tenant, for `signInError`.
    public var code: SignInErrorCode?

    public init(tenant: String, source: Source, code: SignInErrorCode? = nil) {
        self.tenant = tenant
        self.source = source
        self.code = code
    }

    /// Returns one expectation per distinct valid tenant named in the values pulled from pasted
    /// errors, in order. Values that are neither a GUID nor a domain name are skipped.
    public static func named(in values: [ExtractedValues]) -> [ExpectedTenant] {
        var seen = Set<String>()
        var result: [ExpectedTenant] = []
        for value in values {
            guard let tenant = value.tenant, Identifiers.isTenant(tenant) else {
                continue
            }
            if seen.insert(tenant.lowercased()).inserted {
                result.append(ExpectedTenant(tenant: tenant, source: .signInError, code: value.code))
            }
        }
        return result
    }

    /// A phrase naming the source, such as `the AADSTS650052 error in the paste`.
    var sourcePhrase: String {
        switch source {
        case .option:
            return "--expect-tenant"
        case .signInError:
            if let code {
                return "the \(code) error in the paste"
            }
            return "the sign-in error in the paste"
        }
    }
}
