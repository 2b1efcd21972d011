extension Diagnoser {
    /// 650057, 65006 and 650056: the client needs a tenant-wide grant on the API the message names.
    static func missingGrantDraft(_ context: ErrorContext) -> RemediationDraft {
        let explanation = CodeExplanations.explanation(for: context.code ?? .invalidResource)
        var notes: [String] = []

        var resource = context.resource
        if resource == nil, let profile = context.profile, let signIn = profile.resources.first(where: { $0.purpose == .signIn }) {
            resource = reference(for: signIn)
            if let afterSignIn = profile.resources.first(where: { $0.purpose == .afterSignIn }) {
                notes.append("The error names no API. \(profile.displayName) requests \(signIn.displayName) (\(signIn.appId)) at sign-in, so the commands grant that. If the error appeared later, during autodiscovery, the API is \(afterSignIn.displayName) (\(afterSignIn.appId)), which needs the same command with --api \(afterSignIn.appId) --scope \(afterSignIn.scopes.joined(separator: " ")).")
            }
        }

        let client = context.client.label(fallback: "The client app")
        let target = resource?.label() ?? "an API"
        if resource == nil {
            // Neither the error nor a profile names the API: the command keeps placeholders for it.
            resource = ResourceReference(app: AppReference(appId: nil, name: nil), uri: nil, requirement: nil, scopes: nil)
        }
        var summary: String
        if context.code == .noMatchingEntitlements {
            summary = "\(client) asked \(target) for permission ids that the API does not offer in this tenant, so no consent could be recorded."
            if !context.values.requestedPermissionIds.isEmpty {
                summary += " Requested permission ids: \(context.values.requestedPermissionIds.joined(separator: ", "))."
            }
        } else {
            summary = "\(client) asked for a token for \(target), which its app registration does not list, and the tenant has no admin grant for it."
        }

        var cause = explanation?.cause ?? ""
        if let profile = context.profile, profile.registrationOwnedByVendor {
            let listed = context.values.validResources.isEmpty ? "" : " The registration lists only \(context.values.validResources.map(nameOrId).joined(separator: ", "))."
            cause += " \(profile.displayName)'s registration belongs to its vendor, so the tenant cannot add the API to it; an admin grant is the fix.\(listed)"
        }
        notes += profileResourceNotes(context, granted: resource)

        let grants = resource.map { [$0] } ?? []
        let plan = GrantPlanner.plan(context, grants: grants)
        return RemediationDraft(
            summary: summary,
            cause: cause,
            steps: grantSteps(context, resources: grants),
            plan: plan,
            adminConsentURL: GrantPlanner.adminConsentURL(context),
            notes: notes,
            fixedBy: .tenantAdmin
        )
    }

    /// 65001, 90094, 90093, 900941, 90095 and 65004: consent is missing or users may not give it.
    static func consentDraft(_ context: ErrorContext) -> RemediationDraft {
        let code = context.code ?? .delegationDoesNotExist
        let explanation = CodeExplanations.explanation(for: code)
        var grants: [ResourceReference] = []
        if let resource = context.resource {
            grants = [resource]
        } else if let profile = context.profile {
            grants = profile.resources.filter { $0.purpose != .afterSignIn }.map(reference)
        }

        let client = context.client.label(fallback: "The client app")
        var summary = "\(client): \(explanation?.summary ?? "consent is missing.")"
        if context.client.appId == nil && context.client.name == nil {
            summary = explanation?.summary ?? "Consent is missing."
        }

        var steps: [String] = []
        switch code {
        case .adminConsentRequiredRequestAccess:
            steps.append("A reviewer named in the tenant's admin consent request policy approves the user's request under Enterprise applications, Admin consent requests, in the Entra admin center. Or an administrator grants the permissions directly, as below.")
        case .userDeclinedConsent:
            steps.append("The user signs in again and accepts the consent prompt. To spare every user the prompt, an administrator grants the permissions for the tenant, as below.")
        case .userConsentBlockedByPolicy:
            steps.append("Keep the tenant's user consent settings as they are: an administrator grants this app's permissions for everyone instead, as below.")
        default:
            break
        }
        steps += grants.isEmpty ? adminConsentOnlySteps(context) : grantSteps(context, resources: grants)

        return RemediationDraft(
            summary: summary,
            cause: explanation?.cause ?? "",
            steps: steps,
            plan: grants.isEmpty ? nil : GrantPlanner.plan(context, grants: grants),
            adminConsentURL: GrantPlanner.adminConsentURL(context),
            notes: profileResourceNotes(context, granted: grants.first),
            fixedBy: code == .userDeclinedConsent ? .user : .tenantAdmin
        )
    }

    /// Returns the numbered steps around grant commands.
    static func grantSteps(_ context: ErrorContext, resources: [ResourceReference]) -> [String] {
        var steps: [String] = []
        steps.append("Sign in with the Azure CLI as a Cloud Application Administrator or Application Administrator of \(tenantPhrase(context)).")
        let client = context.client.label(fallback: "the client app")
        for resource in resources {
            let scopes = resource.scopes.map { $0.joined(separator: " ") } ?? ErrorContext.scopePlaceholder
            steps.append("Grant \(client) the delegated scopes \(scopes) on \(resource.label()) for every user in the tenant (the `az ad app permission grant` command below).")
        }
        if let appId = context.client.appId {
            steps.append("If az reports that the client has no service principal in the tenant, create it first with `\(ShellQuoting.commandLine(["az", "ad", "sp", "create", "--id", appId]))`, then run the grant again.")
        }
        steps.append("An administrator who prefers the browser can open the admin consent URL below instead. If the consent page does not list \(resources.first?.label() ?? "the API"), use the command.")
        steps.append("Sign in again in the app. Run `consent-doctor check` for a plan based on what the tenant already has.")
        return steps
    }

    private static func adminConsentOnlySteps(_ context: ErrorContext) -> [String] {
        [
            "The error does not say which API the app needs. A tenant administrator of \(tenantPhrase(context)) opens the admin consent URL below and accepts the permissions the app asks for.",
            "Or run `consent-doctor check` against the tenant to list the exact grants the app is missing.",
        ]
    }

    /// Returns where the setup must happen, in words.
    static func tenantPhrase(_ context: ErrorContext) -> String {
        if let tenant = context.tenant {
            return "the tenant \(tenant)"
        }
        if context.profile?.id == AppProfile.redisInsight.id {
            return "the tenant that issues the user's token (the user's home tenant, or the tenant typed into RedisInsight's Tenant ID field)"
        }
        return "the tenant the user signs in to"
    }

    /// Notes about the profile's other resources, so the reader knows the next failure in advance.
    static func profileResourceNotes(_ context: ErrorContext, granted: ResourceReference?) -> [String] {
        guard let profile = context.profile, let grantedId = granted?.app.appId,
              let requirement = profile.resource(appId: grantedId)
        else {
            return []
        }
        var notes: [String] = []
        if requirement.purpose == .afterSignIn {
            notes.append("\(profile.displayName) asks for the \(requirement.displayName) token silently after sign-in, to list subscriptions and caches, so this error shows up only at autodiscovery, after a sign-in that worked.")
        }
        let others = profile.resources.filter { $0.appId != grantedId }
        if !others.isEmpty {
            let list = others.map { "\($0.scopes.joined(separator: " ")) on \($0.displayName) (\($0.appId))" }.joined(separator: "; ")
            notes.append("\(profile.displayName) also needs \(list). `consent-doctor check` shows whether those grants exist.")
        }
        return notes
    }

    static func reference(for requirement: ResourceRequirement) -> ResourceReference {
        ResourceReference(
            app: AppReference(appId: requirement.appId, name: requirement.displayName),
            uri: requirement.resourceURI,
            requirement: requirement,
            scopes: requirement.scopes.filter { Identifiers.isScopeToken($0) }
        )
    }

    private static func nameOrId(_ value: String) -> String {
        WellKnownApps.app(appId: value).map { "\($0.displayName) (\(value))" } ?? value
    }
}
