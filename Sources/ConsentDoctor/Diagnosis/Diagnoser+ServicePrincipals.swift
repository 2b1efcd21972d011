extension Diagnoser {
    /// 650052 and 500011: the tenant lacks the API's service principal. The setup must run in the
    /// tenant the message names, which may not be the one that owns the Azure resources.
    static func missingServicePrincipalDraft(_ context: ErrorContext) -> RemediationDraft {
        let explanation = CodeExplanations.explanation(for: context.code ?? .servicePrincipalMissingForResource)
        let resource = context.resource
        let target = resource?.label() ?? "an API the app needs"
        let tenantText = context.tenant.map { "The tenant \($0)" } ?? "The tenant"
        let client = context.client.label(fallback: "the app")
        let summary = "\(tenantText) has no service principal for \(target), so \(client) cannot be granted access to it there."

        var steps: [String] = []
        if let tenant = context.tenant {
            var text = "Run the setup in the tenant \(tenant): it is the tenant that issued the failing token."
            if context.profile?.id == AppProfile.redisInsight.id {
                text += " RedisInsight signs in through the user's home tenant unless a Tenant ID is typed into it, so consent given in the tenant that owns the Redis caches does not help a user whose home tenant is another one."
            }
            steps.append(text)
        } else {
            steps.append("Run the setup in \(tenantPhrase(context)).")
        }
        let createCommand = ShellQuoting.commandLine(["az", "ad", "sp", "create", "--id", resource?.app.appId ?? ErrorContext.resourcePlaceholder])
        steps.append("Sign in as a Cloud Application Administrator or Application Administrator of that tenant, then create the missing service principal with `\(createCommand)`.")

        var grants: [ResourceReference] = []
        if let resource, context.client.appId != nil || context.profile != nil || resource.scopes != nil {
            grants = [resource]
            steps += grantSteps(context, resources: grants).dropFirst()
        } else {
            steps.append("Then grant the app the scopes it needs on that API, or run `consent-doctor check` to list them.")
        }

        let created = resource.map { [$0.app] } ?? [AppReference(appId: nil, name: nil)]
        let plan = GrantPlanner.plan(context, createServicePrincipals: created, grants: grants)
        return RemediationDraft(
            summary: summary,
            cause: explanation?.cause ?? "",
            steps: steps,
            plan: plan,
            adminConsentURL: grants.isEmpty ? nil : GrantPlanner.adminConsentURL(context),
            notes: profileResourceNotes(context, granted: resource),
            fixedBy: .tenantAdmin
        )
    }

    /// 7000112 and 500014: the client's or the API's service principal is disabled.
    static func disabledServicePrincipalDraft(_ context: ErrorContext) -> RemediationDraft {
        let code = context.code ?? .clientApplicationDisabled
        let explanation = CodeExplanations.explanation(for: code)
        let isClient = code == .clientApplicationDisabled
        let app = isClient ? context.client : (context.resource?.app ?? AppReference(appId: nil, name: nil))
        let label = app.label(fallback: isClient ? "The client app" : "The API")
        let summary = "\(label) is disabled in \(context.tenant.map { "the tenant \($0)" } ?? "the tenant"), so Entra ID issues no tokens \(isClient ? "to it" : "for it")."

        let appId = app.appId ?? (isClient ? ErrorContext.clientPlaceholder : ErrorContext.resourcePlaceholder)
        let enable = ShellQuoting.commandLine(["az", "ad", "sp", "update", "--id", appId, "--set", "accountEnabled=true"])
        let steps = [
            "Check why it was disabled before turning it back on: `\(ShellQuoting.commandLine(["az", "ad", "sp", "show", "--id", appId, "--query", "{accountEnabled:accountEnabled,disabledByMicrosoftStatus:disabledByMicrosoftStatus}"]))`. If disabledByMicrosoftStatus is set, Microsoft disabled the app and only its vendor can resolve it.",
            "If an administrator disabled it by mistake, enable it again in \(tenantPhrase(context)) with the commands below.",
        ]
        let signIn = ShellQuoting.commandLine(["az", "login", "--tenant", context.tenantOrPlaceholder])
        return RemediationDraft(
            summary: summary,
            cause: explanation?.cause ?? "",
            steps: steps,
            extraCommands: cloudCommands(context) + [signIn, enable],
            fixedBy: .tenantAdmin
        )
    }

    /// Returns `az cloud set` for a cloud other than the public one, for commands built outside a plan.
    static func cloudCommands(_ context: ErrorContext) -> [String] {
        context.cloud == .azureCloud ? [] : [ShellQuoting.commandLine(["az", "cloud", "set", "--name", context.cloud.name])]
    }
}
