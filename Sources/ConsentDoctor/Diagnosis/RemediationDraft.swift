/// The text and commands of a diagnosis before they become a `Diagnosis`.
struct RemediationDraft {
    var summary: String
    var cause: String
    var steps: [String] = []
    /// The directory changes, rendered as az commands ahead of `extraCommands`.
    var plan: FixPlan?
    /// Commands that are not directory changes, such as an SSH tunnel.
    var extraCommands: [String] = []
    var adminConsentURL: String?
    var notes: [String] = []
    /// The person who fixes it, when that differs from the catalog.
    var fixedBy: Fixer?
}

/// Builds state-unaware fix plans for `explain` from the values in one error.
enum GrantPlanner {
    /// The warning every plan with a grant carries, because `az ad app permission grant`
    /// replaces instead of merging.
    static let replaceWarning = "`az ad app permission grant` replaces the scopes already granted to the client on that API, and deletes the per-user grants between them, so each command lists every scope the app needs there. `consent-doctor check` reads the tenant and prints a plan that keeps what is already granted."
    static let createWarning = "`az ad sp create` fails when the service principal already exists; that failure is harmless, so go on with the next command."

    /// Returns a plan that signs in to the error's tenant, creates the listed service principals
    /// and grants the client each resource's scopes.
    static func plan(
        _ context: ErrorContext,
        createServicePrincipals: [AppReference] = [],
        grants: [ResourceReference]
    ) -> FixPlan {
        var steps = [FixStep(kind: .signIn, reason: "Sign in to the tenant that issues the failing token.", tenant: context.tenant)]
        var warnings: [String] = []

        for app in createServicePrincipals {
            steps.append(FixStep(
                kind: .createServicePrincipal,
                reason: "The tenant has no service principal for \(app.label(fallback: "the API")).",
                appId: app.appId ?? ErrorContext.resourcePlaceholder,
                displayName: app.name
            ))
        }
        if !createServicePrincipals.isEmpty {
            warnings.append(createWarning)
        }

        for resource in grants {
            let scopes = resource.scopes.flatMap { $0.isEmpty ? nil : $0 } ?? [ErrorContext.scopePlaceholder]
            steps.append(FixStep(
                kind: .createGrant,
                reason: "Grant \(context.client.label(fallback: "the client")) the delegated scopes it needs on \(resource.label()) for every user.",
                clientAppId: context.clientAppIdOrPlaceholder,
                resourceAppId: resource.app.appId ?? ErrorContext.resourcePlaceholder,
                resourceDisplayName: resource.app.name,
                requiredScopes: scopes,
                scopesAfter: scopes
            ))
        }
        if !grants.isEmpty {
            warnings.append(replaceWarning)
        }

        return FixPlan(
            tenant: context.tenant,
            cloud: context.cloud.name,
            clientAppId: context.clientAppIdOrPlaceholder,
            stateAware: false,
            steps: steps,
            warnings: warnings
        )
    }

    /// Returns the admin consent URL for the error's client in its tenant, with placeholders for unknown values.
    // NOTE: whether this page grants an API that the client's registration does not list is
    // unconfirmed, so the steps tell the admin to use the az command when the page omits the API.
    static func adminConsentURL(_ context: ErrorContext) -> String {
        context.cloud.adminConsentURL(tenant: context.tenantOrPlaceholder, clientAppId: context.clientAppIdOrPlaceholder)
    }

    /// Returns notes about placeholders left in a plan, so the reader knows what to replace.
    /// A value the paste had but that failed validation already has its own note, so it gets no second one.
    static func placeholderNotes(_ plan: FixPlan, values: ExtractedValues) -> [String] {
        var notes: [String] = []
        let words = AzCommands.lines(for: plan).joined(separator: " ")
        if words.contains(AzCommands.tenantPlaceholder), values.tenant == nil {
            notes.append("The paste does not name the tenant, so the commands use \(AzCommands.tenantPlaceholder): use the tenant that issued the user's token.")
        }
        if words.contains(ErrorContext.clientPlaceholder), values.clientAppId == nil {
            notes.append("The paste does not name the client app, so the commands use \(ErrorContext.clientPlaceholder): use the appId of the app that failed (RedisInsight's is \(AppProfile.redisInsight.clientAppId)).")
        }
        if words.contains(ErrorContext.resourcePlaceholder), values.resourceAppId == nil {
            notes.append("The paste does not give the API's appId, so the commands use \(ErrorContext.resourcePlaceholder): look it up with `az ad sp list --display-name <name>` or in the API's documentation.")
        }
        if words.contains(ErrorContext.scopePlaceholder) {
            notes.append("The tool does not know which scopes the app needs on that API, so the commands use \(ErrorContext.scopePlaceholder): list every delegated scope the app requests there.")
        }
        return notes
    }
}
