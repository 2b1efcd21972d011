/// Checks that users can get the OpenID scopes (`openid profile offline_access`): either a
/// tenant-wide grant to Microsoft Graph includes them, or the tenant lets users consent.
public struct OpenIDConsentCheck: HealthCheck {
    /// The coverage of the OpenID scopes, which the planner also reads.
    enum Outcome: Equatable {
        /// The profile has no OpenID requirement.
        case notRequired
        /// A tenant-wide grant includes every OpenID scope.
        case grantCovers(ResourceGrants)
        /// Users may consent to any app (the legacy user consent policy).
        case userConsentAllowed([String])
        /// Users may consent only under conditions, such as a verified publisher.
        case userConsentLimited([String], ResourceGrants)
        /// Users cannot consent and no grant covers the scopes.
        case grantNeeded(ResourceGrants, policies: [String])
        case undecided(String)
    }

    /// The user consent policy that lets users consent to any app for themselves.
    static let unrestrictedUserConsentPolicy = "ManagePermissionGrantsForSelf.microsoft-user-default-legacy"

    public init() {}

    public func findings(in context: CheckContext) -> [Finding] {
        guard let requirement = Self.requirement(context.profile) else {
            return []
        }
        let id = FindingID.openIDUserConsent
        let scopes = requirement.scopes.joined(separator: " ")
        let title = "Users can get \(scopes)"
        let related: [SignInErrorCode] = [.adminConsentRequired, .delegationDoesNotExist, .userConsentBlockedByPolicy]

        switch Self.evaluate(context) {
        case .notRequired:
            return []
        case .grantCovers(let grants):
            return [Finding(
                id: id,
                title: title,
                status: .pass,
                detail: "A tenant-wide grant to \(requirement.displayName) includes \(scopes).",
                evidence: grants.evidence + grantEvidence(grants)
            )]
        case .userConsentAllowed(let policies):
            return [Finding(
                id: id,
                title: title,
                status: .pass,
                detail: "No tenant-wide grant includes \(scopes), but users may consent to them for themselves at their first sign-in.",
                evidence: policyEvidence(policies)
            )]
        case .userConsentLimited(let policies, let grants):
            return [Finding(
                id: id,
                title: title,
                status: .warning,
                detail: "No tenant-wide grant includes \(scopes). Users may consent only under the conditions of the tenant's user consent policy, such as a verified publisher and permissions classified as low impact. If users see a request for admin approval, grant the scopes tenant-wide.",
                evidence: grants.evidence + grantEvidence(grants) + policyEvidence(policies),
                relatedCodes: related
            )]
        case .grantNeeded(let grants, let policies):
            return [Finding(
                id: id,
                title: title,
                status: .fail,
                detail: "Users may not consent to apps in this tenant, and no tenant-wide grant to \(requirement.displayName) includes \(scopes), so sign-in stops with a request for admin approval.",
                evidence: grants.evidence + grantEvidence(grants) + policyEvidence(policies),
                relatedCodes: related
            )]
        case .undecided(let reason):
            return [Finding(
                id: id,
                title: title,
                status: .unknown,
                detail: "Whether users can get \(scopes) could not be checked.",
                reason: reason,
                relatedCodes: related
            )]
        }
    }

    /// Returns the profile's OpenID requirement, if it has one.
    static func requirement(_ profile: AppProfile) -> ResourceRequirement? {
        profile.resources.first { $0.purpose == .openID }
    }

    /// Decides how the OpenID scopes are covered. A covering grant wins over the policy, and an
    /// unrestricted user consent policy wins over unreadable grants.
    static func evaluate(_ context: CheckContext) -> Outcome {
        guard let requirement = requirement(context.profile) else {
            return .notRequired
        }
        let lookup = context.grants(to: requirement)
        var grants: ResourceGrants?
        if case .known(let known) = lookup {
            grants = known
            if known.allPrincipals != nil && known.missingScopes(requirement.scopes).isEmpty {
                return .grantCovers(known)
            }
        }

        let policy: AuthorizationPolicy
        switch context.snapshot.authorizationPolicy {
        case .found(let found):
            policy = found
        case .missing:
            return .undecided("Graph returned no authorization policy for the tenant, so whether users may consent is unknown.")
        case .unknown(let failure):
            let grantPart: String
            switch lookup {
            case .known:
                grantPart = "No tenant-wide grant includes the scopes, and whether users may consent for themselves is unknown."
            case .unknown(let reason):
                grantPart = "Neither the grants nor the user consent setting could be read. Grants: \(reason)"
            }
            return .undecided("\(grantPart) \(FailureReason.text(for: failure, subject: .policies))")
        }

        let policies = policy.userConsentPolicies
        if policies.contains(where: { $0.caseInsensitiveCompare(unrestrictedUserConsentPolicy) == .orderedSame }) {
            return .userConsentAllowed(policies)
        }
        guard let grants else {
            let reason: String
            if case .unknown(let grantsReason) = lookup {
                reason = grantsReason
            } else {
                reason = "The grants could not be read."
            }
            let consent = policies.isEmpty ? "Users may not consent for themselves" : "Users may consent for themselves only under conditions"
            return .undecided("\(consent), and whether a tenant-wide grant includes the scopes is unknown: \(reason)")
        }
        if !policies.isEmpty {
            return .userConsentLimited(policies, grants)
        }
        return .grantNeeded(grants, policies: policy.permissionGrantPoliciesAssigned)
    }

    private func grantEvidence(_ grants: ResourceGrants) -> [Evidence] {
        guard let grant = grants.allPrincipals else {
            return []
        }
        return [
            Evidence(label: "grant id", value: grant.id),
            Evidence(label: "granted scopes", value: grant.scope.isEmpty ? "(none)" : grant.scope),
        ]
    }

    private func policyEvidence(_ policies: [String]) -> [Evidence] {
        if policies.isEmpty {
            return [Evidence(label: "permissionGrantPoliciesAssigned", value: "(no user consent policy)")]
        }
        return policies.map { Evidence(label: "permissionGrantPoliciesAssigned", value: $0) }
    }
}
