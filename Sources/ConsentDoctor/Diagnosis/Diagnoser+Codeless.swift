extension Diagnoser {
    /// Errors without an AADSTS code: RedisInsight's 12400 and 11024, Graph's insufficient
    /// privileges from the Azure CLI, and a bare OAuth error.
    static func codelessDraft(_ context: ErrorContext) -> RemediationDraft {
        let values = context.values
        if values.applicationErrorCode == ErrorHit.authenticatedClientErrorCode {
            return resourceManagerTokenDraft(context)
        }
        if values.applicationErrorCode == ErrorHit.redisTokenExpiredErrorCode {
            return RemediationDraft(
                summary: "RedisInsight's token for Azure Cache for Redis expired and could not be renewed (RedisInsight error code 11024).",
                cause: "RedisInsight uses the Entra ID token as the Redis password and renews it before it expires. When renewal fails, for example because the session ended, a Conditional Access sign-in frequency policy asked for a new sign-in, or the machine slept past the expiry, Redis rejects the connection.",
                steps: [
                    "Sign out of the Azure account in RedisInsight and sign in again, then reconnect to the database.",
                    "If it happens every hour or so, a tenant administrator checks for a sign-in frequency policy that applies to RedisInsight.",
                ],
                fixedBy: .user
            )
        }
        if values.graphErrorCode != nil {
            return RemediationDraft(
                summary: "Microsoft Graph refused an Azure CLI command because the signed-in account lacks the directory role it needs.",
                cause: "Creating service principals and delegated grants writes to the directory. A user without an administrator role may read but not change it, and Graph answers with Authorization_RequestDenied.",
                steps: [
                    "Sign in to the Azure CLI (`az login --tenant <tenant-id>`) with an account that holds the Cloud Application Administrator or Application Administrator role in the tenant, then run the command again.",
                    "Granting Microsoft Graph application permissions (app roles) needs Privileged Role Administrator; delegated grants such as RedisInsight's do not.",
                    "Without such an account, hand the commands to an administrator of the tenant.",
                ],
                fixedBy: .tenantAdmin
            )
        }
        let error = values.oauthError ?? "unknown"
        return RemediationDraft(
            summary: "The sign-in failed with the OAuth error \(error) and no AADSTS code.",
            cause: OAuthErrorText.meaning(of: error),
            steps: ["Look for an AADSTS code in the full response or the app's log; `consent-doctor explain` explains it with the exact fix."]
        )
    }

    /// RedisInsight 12400: the silent Resource Manager token request failed.
    private static func resourceManagerTokenDraft(_ context: ErrorContext) -> RemediationDraft {
        let profile = context.profile ?? .redisInsight
        let requirement = profile.resources.first { $0.purpose == .afterSignIn }
        let resource = requirement.map(reference)
        let name = requirement.map { "\($0.displayName) (\($0.appId))" } ?? "Azure Resource Manager"
        let steps = [
            "Look in the RedisInsight log around this line for an AADSTS code and run `consent-doctor explain` on that line: it names the exact cause.",
            "The most common cause is a missing admin grant for \(name). A tenant administrator grants it with the commands below, signed in to \(tenantPhrase(context)).",
            "If the tenant has no service principal for Resource Manager (AADSTS650052), create it first with `az ad sp create --id \(requirement?.appId ?? WellKnownApps.azureResourceManager.appId)`.",
            "If MFA or Conditional Access applies to Resource Manager (AADSTS50076, 50079, 53003), the user signs out of Azure in RedisInsight and signs in again, completing MFA; see those codes with `consent-doctor codes`.",
        ]
        let plan = resource.map { GrantPlanner.plan(context, grants: [$0]) }
        return RemediationDraft(
            summary: "RedisInsight signed in, but its silent request for the \(name) token failed (RedisInsight error code 12400), so it cannot list subscriptions and caches.",
            cause: "After the interactive sign-in for Azure Cache for Redis, RedisInsight requests the Resource Manager token in the background. Its log line carries no AADSTS code. The usual causes are a missing admin grant for Resource Manager (AADSTS650057 or 65001), a missing Resource Manager service principal (650052), or MFA and Conditional Access policies on Resource Manager (50076, 50079, 53003), which a background request cannot satisfy.",
            steps: steps,
            plan: plan,
            adminConsentURL: GrantPlanner.adminConsentURL(context),
            fixedBy: .tenantAdmin
        )
    }
}

/// The meaning of OAuth error values, for errors that come without an AADSTS code.
enum OAuthErrorText {
    static func meaning(of error: String) -> String {
        switch error {
        case "consent_required": "The app needs a consent that nobody has given yet."
        case "interaction_required", "login_required": "The request needed the user to sign in interactively, which a background request cannot do."
        case "invalid_grant": "The code, refresh token or credential the app presented is invalid, expired or revoked."
        case "invalid_client": "Entra ID could not accept the client: its id, credential or registration does not fit the request."
        case "invalid_scope": "The requested scope is malformed or not allowed."
        case "access_denied": "The user or a policy refused the request."
        case "unauthorized_client": "The client may not use this kind of request."
        case "temporarily_unavailable", "server_error": "Entra ID had a temporary problem; retry later."
        default: "The OAuth error alone does not say what went wrong."
        }
    }
}
