/// Checks that a tenant-wide (`AllPrincipals`) grant from the client to each API includes the
/// scopes the client needs. The OpenID scopes have their own check, because user consent can
/// also cover them.
public struct ResourceGrantCheck: HealthCheck {
    public init() {}

    public func findings(in context: CheckContext) -> [Finding] {
        context.profile.resources
            .filter { $0.purpose != .openID }
            .map { finding(for: $0, context: context) }
    }

    private func finding(for resource: ResourceRequirement, context: CheckContext) -> Finding {
        let id = FindingID.grant(resource)
        let client = context.profile.displayName
        let scopes = resource.scopes.joined(separator: " ")
        let title = "Admin consent for \(client) to \(resource.displayName) (\(scopes))"
        let timing = timingSentence(for: resource, client: client)

        let grants: ResourceGrants
        switch context.grants(to: resource) {
        case .unknown(let reason):
            return Finding(
                id: id,
                title: title,
                status: .unknown,
                detail: "Whether the tenant granted \(scopes) on \(resource.displayName) could not be checked.",
                reason: reason,
                relatedCodes: Self.missingGrantCodes
            )
        case .known(let known):
            grants = known
        }

        var evidence = grants.evidence
        if let grant = grants.allPrincipals {
            evidence.append(Evidence(label: "grant id", value: grant.id))
            evidence.append(Evidence(label: "granted scopes", value: grant.scope.isEmpty ? "(none)" : grant.scope))
        }
        if !grants.perUser.isEmpty {
            evidence.append(Evidence(label: "per-user grants", value: String(grants.perUser.count)))
        }

        let missing = grants.missingScopes(resource.scopes)
        if grants.allPrincipals != nil && missing.isEmpty {
            return Finding(
                id: id,
                title: title,
                status: .pass,
                detail: "An admin granted \(scopes) on \(resource.displayName) for every user of the tenant.",
                evidence: evidence
            )
        }
        if grants.allPrincipals != nil {
            return Finding(
                id: id,
                title: title,
                status: .fail,
                detail: "The tenant-wide grant to \(resource.displayName) lacks \(missing.joined(separator: " ")). \(timing)",
                evidence: evidence,
                relatedCodes: [.invalidResource, .noMatchingEntitlements]
            )
        }
        let perUserNote = grants.perUser.isEmpty
            ? ""
            : " Some users consented for themselves, which helps only them."
        return Finding(
            id: id,
            title: title,
            status: .fail,
            detail: "No admin granted \(scopes) on \(resource.displayName) for the whole tenant.\(perUserNote) \(timing)",
            evidence: evidence,
            relatedCodes: Self.missingGrantCodes
        )
    }

    /// Says when users notice the missing grant, which depends on when the client asks for a token.
    private func timingSentence(for resource: ResourceRequirement, client: String) -> String {
        switch resource.purpose {
        case .signIn:
            return "Users are refused at sign-in, because \(client) asks for this access while signing in."
        case .afterSignIn, .openID:
            return "Sign-in still works: \(client) asks for this token later, so the failure appears only then, for example when it discovers resources after sign-in."
        }
    }

    private static let missingGrantCodes: [SignInErrorCode] = [.invalidResource, .delegationDoesNotExist, .adminConsentRequired]
}
