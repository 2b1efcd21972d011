/// Checks that the tenant that was read is the tenant that issues users' tokens.
///
/// Consent only helps users whose tokens come from the tenant where it was granted. When a sign-in error
/// names another tenant, the admin consented in the wrong place, which is the usual cause of
/// AADSTS650052, so this finding comes first.
public struct TenantMatchCheck: HealthCheck {
    /// The comparison of the checked tenant with the expected ones.
    enum Outcome: Equatable {
        case noExpectation
        case match
        /// The expected tenants that are not the checked one.
        case mismatch([ExpectedTenant])
        case undecided(String)
        /// The tenant read could not be confirmed to be the `--tenant` one; the sentence says why.
        case requestedTenantUnconfirmed(String)
    }

    public init() {}

    public func findings(in context: CheckContext) -> [Finding] {
        let outcome = Self.evaluate(context)
        let checked = context.snapshot.tenant
        var evidence: [Evidence] = []
        if let checked {
            evidence.append(Evidence(label: "checked tenant", value: checked))
        }
        for domain in context.snapshot.tenantDomains {
            evidence.append(Evidence(label: "checked tenant domain", value: domain))
        }
        for expected in context.expectedTenants {
            evidence.append(Evidence(label: "expected tenant (from \(expected.sourcePhrase))", value: expected.tenant))
        }

        let title = "Tenant that issues users' tokens"
        let related: [SignInErrorCode] = [.servicePrincipalMissingForResource, .invalidResource, .delegationDoesNotExist]
        switch outcome {
        case .noExpectation:
            return [Finding(
                id: FindingID.tenantMatch,
                title: title,
                status: .info,
                detail: "No expected tenant was given, so this check assumes users get their tokens from \(checked ?? "the tenant that was read"). Consent must exist in each user's home tenant when \(context.profile.displayName) signs in through /common, or in the tenant typed into its tenant field. Pass --expect-tenant, or the pasted sign-in error, to compare.",
                evidence: evidence
            )]
        case .match:
            return [Finding(
                id: FindingID.tenantMatch,
                title: title,
                status: .pass,
                detail: "The tenant that was read is the tenant users get their tokens from.",
                evidence: evidence
            )]
        case .mismatch(let others):
            let names = others.map(\.tenant).joined(separator: ", ")
            let source = others.contains { $0.source == .signInError } ? "The sign-in error names tenant" : "The expected tenant is"
            return [Finding(
                id: FindingID.tenantMatch,
                title: title,
                status: .fail,
                detail: "\(source) \(names), but this check read tenant \(checked ?? "unknown"). Consent only helps users whose tokens that tenant issues, so consent given here does nothing for them. This is the usual cause of AADSTS650052. Check \(names) and grant consent there.",
                evidence: evidence,
                relatedCodes: related
            )]
        case .requestedTenantUnconfirmed(let reason):
            return [Finding(
                id: FindingID.tenantMatch,
                title: title,
                status: .unknown,
                detail: "Whether the tenant that was read is the one named with --tenant could not be confirmed, so this report may describe another tenant.",
                reason: reason,
                evidence: evidence,
                relatedCodes: related
            )]
        case .undecided(let reason):
            return [Finding(
                id: FindingID.tenantMatch,
                title: title,
                status: .unknown,
                detail: "Whether the tenant that was read is the one users get their tokens from could not be decided.",
                reason: reason,
                evidence: evidence,
                relatedCodes: related
            )]
        }
    }

    /// Compares the checked tenant with every valid expected tenant. A mismatch with any of them
    /// wins over an undecided comparison with another.
    ///
    /// A `--tenant` value that could not be confirmed comes first, because then the tenant read
    /// is itself in doubt.
    static func evaluate(_ context: CheckContext) -> Outcome {
        if case .undecided(let reason) = context.tenantConfirmation {
            return .requestedTenantUnconfirmed(reason)
        }
        let expected = context.expectedTenants.filter { Identifiers.isTenant($0.tenant) }
        if context.expectedTenants.isEmpty {
            return .noExpectation
        }
        if expected.isEmpty {
            return .undecided("None of the expected tenants is a tenant GUID or a domain name.")
        }
        guard let checked = context.snapshot.tenant, Identifiers.isTenant(checked) else {
            return .undecided(unknownCheckedTenantReason(context.snapshot))
        }

        var mismatches: [ExpectedTenant] = []
        var undecided: [String] = []
        for tenant in expected {
            switch compare(expected: tenant.tenant, checked: checked, domains: context.snapshot.tenantDomains) {
            case .some(true):
                continue
            case .some(false):
                mismatches.append(tenant)
            case .none:
                undecided.append(tenant.tenant)
            }
        }
        if !mismatches.isEmpty {
            return .mismatch(mismatches)
        }
        if !undecided.isEmpty {
            let names = undecided.joined(separator: ", ")
            return .undecided("\(names) and \(checked) may name the same tenant, one by GUID and one by domain, and the snapshot does not list the checked tenant's domains. Run the check with the tenant GUID, which az account show --query tenantId prints.")
        }
        return .match
    }

    /// Returns true for the same tenant, false for another tenant, nil when it cannot be decided.
    static func compare(expected: String, checked: String, domains: [String]) -> Bool? {
        let expectedIsGUID = Identifiers.isGUID(expected)
        let checkedIsGUID = Identifiers.isGUID(checked)
        if expectedIsGUID && checkedIsGUID {
            return expected.caseInsensitiveCompare(checked) == .orderedSame
        }
        if !expectedIsGUID && !checkedIsGUID && Identifiers.sameDomainName(expected, checked) {
            return true
        }
        if expectedIsGUID {
            // A GUID cannot be compared with a domain without knowing the tenant's GUID.
            return nil
        }
        if domains.contains(where: { Identifiers.sameDomainName($0, expected) }) {
            return true
        }
        return domains.isEmpty ? nil : false
    }


    private static func unknownCheckedTenantReason(_ snapshot: DirectorySnapshot) -> String {
        switch snapshot.source {
        case .azOutput:
            return "Pasted az output does not say which tenant it came from. Add the output of az account show, or pass the tenant, to compare."
        case .graph, .snapshotFile:
            return "The snapshot does not record a valid tenant, so it cannot be compared."
        }
    }
}
