/// The result of comparing the `--tenant` value with the tenant a command really reads and writes.
///
/// Graph serves the tenant of the token, whatever the `--tenant` value. A static token, an `az`
/// signed in elsewhere or client credentials for another tenant would otherwise make `check`
/// report on, and `fix` write to, a tenant the admin did not name. Two facts decide it: the
/// token's tenant (its `tid` claim, or the tenant the Azure CLI names), which is known before
/// any Graph request, and the organization Graph returns in the first `$batch`, whose id and
/// verified domains can be compared with a GUID or a domain name.
public enum TenantConfirmation: Sendable, Equatable {
    /// The token's tenant or Graph's organization is the named tenant.
    case confirmed
    /// The token or Graph names another tenant.
    case mismatch(TenantMismatch)
    /// Neither fact was available, so the tenant could not be compared. The sentence gives the reason.
    case undecided(String)

    /// Compares the named tenant with the token's tenant and with the organization Graph returned.
    ///
    /// - Parameters:
    ///   - requested: The `--tenant` value: a tenant GUID or a domain name.
    ///   - tokenTenant: The tenant GUID of the token, when known.
    ///   - organization: The organization as Graph returned it; nil before Graph was read.
    /// - Returns: `.mismatch` as soon as either fact names another tenant, `.confirmed` when one
    ///   of them names the requested tenant, and `.undecided` otherwise.
    public static func evaluate(requested: String, tokenTenant: String?, organization: Lookup<OrganizationIdentity>?) -> TenantConfirmation {
        let requestedIsGUID = Identifiers.isGUID(requested)
        let tokenTenantId = tokenTenant.flatMap(Identifiers.normalizedGUID)

        if requestedIsGUID, let tokenTenantId, !sameGUID(requested, tokenTenantId) {
            return .mismatch(TenantMismatch(requested: requested, actualTenant: tokenTenantId, evidence: .token))
        }

        switch organization {
        case .found(let found):
            if requestedIsGUID {
                return sameGUID(requested, found.id) ? .confirmed : mismatch(requested, found)
            }
            if found.domains.contains(where: { Identifiers.sameDomainName($0, requested) }) {
                return .confirmed
            }
            if found.domains.isEmpty {
                return .undecided("Graph returned tenant \(found.id) without verified domains, so whether it is \(requested), the --tenant value, could not be confirmed. Pass --tenant with the tenant GUID instead.")
            }
            return mismatch(requested, found)
        case .unknown(let failure):
            if requestedIsGUID && tokenTenantId != nil {
                return .confirmed
            }
            return .undecided("Graph did not return the organization, so whether the tenant read is \(requested), the --tenant value, could not be confirmed. \(failure.message) Run the command again once Graph returns the organization, or drop --tenant to work on the token's tenant.")
        case .missing, nil:
            if requestedIsGUID && tokenTenantId != nil {
                return .confirmed
            }
            return .undecided("The organization was not read, so whether the tenant read is \(requested), the --tenant value, could not be confirmed. Drop --tenant to work on the token's tenant.")
        }
    }

    private static func mismatch(_ requested: String, _ organization: OrganizationIdentity) -> TenantConfirmation {
        .mismatch(TenantMismatch(requested: requested, actualTenant: organization.id, evidence: .graph(domains: organization.domains)))
    }

    private static func sameGUID(_ first: String, _ second: String) -> Bool {
        first.caseInsensitiveCompare(second) == .orderedSame
    }
}

/// The tenant that `--tenant` names is not the tenant of the token or of Graph's reply.
public struct TenantMismatch: Error, Sendable, Equatable, CustomStringConvertible {
    /// The fact that named the other tenant.
    public enum Evidence: Sendable, Equatable {
        /// The token's tenant, known before any request.
        case token
        /// The organization Graph returned, with its verified domains.
        case graph(domains: [String])
    }

    /// The `--tenant` value.
    public var requested: String
    /// The tenant GUID the token or Graph named.
    public var actualTenant: String
    public var evidence: Evidence

    public init(requested: String, actualTenant: String, evidence: Evidence) {
        self.requested = requested
        self.actualTenant = actualTenant
        self.evidence = evidence
    }

    public var description: String {
        let found: String
        switch evidence {
        case .token:
            found = "the token is for tenant \(actualTenant)"
        case .graph(let domains):
            found = "Graph reports that the token reads tenant \(actualTenant)\(Self.domainList(domains))"
        }
        return "--tenant names \(requested), but \(found). To work on \(requested), sign in to it (for example az login --tenant \(requested)) or use a token it issued. To work on \(actualTenant), drop --tenant or pass --tenant \(actualTenant)."
    }

    /// Returns ` (verified domains: a, b)` with at most three names, or nothing.
    private static func domainList(_ domains: [String]) -> String {
        guard !domains.isEmpty else {
            return ""
        }
        let shown = domains.prefix(3).joined(separator: ", ")
        let more = domains.count > 3 ? " and \(domains.count - 3) more" : ""
        return " (verified domains: \(shown)\(more))"
    }
}
