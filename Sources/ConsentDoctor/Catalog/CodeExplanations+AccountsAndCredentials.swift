extension CodeExplanations {
    static let accountsAndCredentials: [CodeExplanation] = [
        CodeExplanation(
            code: .userUnauthorized,
            title: "Account not in the tenant",
            summary: "The account is neither a member nor a guest of the tenant the sign-in went to.",
            cause: "The app signed in to a specific tenant, and the account belongs to another tenant or identity provider.",
            advice: [
                "Sign in to the account's own tenant, or have an administrator invite the account as a guest.",
            ]
        ),
        CodeExplanation(
            code: .invalidScope,
            title: "Invalid scope",
            summary: "The scope in the token request is malformed, or combines resources in a way Entra ID rejects.",
            cause: "A request may name scopes of only one resource (plus the OpenID scopes), and `.default` cannot be mixed with other scopes of the same resource.",
            advice: [
                "The app's developer fixes the scope the app sends.",
            ]
        ),
        CodeExplanation(
            code: .invalidClientSecret,
            title: "Invalid client secret",
            summary: "The app sent a client secret that is not a valid secret of its registration.",
            cause: "Often the secret's id was configured instead of its value, or the secret was rotated and the app still uses the old one.",
            advice: [
                "Whoever runs the app configures the secret's value from the registration's Certificates & secrets page, or creates a new secret.",
            ]
        ),
        CodeExplanation(
            code: .clientSecretExpired,
            title: "Client secret expired",
            summary: "Every client secret the app sent has expired.",
            cause: "Client secrets have an end date. After it, Entra ID rejects them.",
            advice: [
                "The app's owner creates a new secret (for example `az ad app credential reset --id <appId> --append`) and configures the app with it.",
            ]
        ),
        CodeExplanation(
            code: .clientAssertionNotValidYet,
            title: "Client assertion outside its valid time",
            summary: "The signed client assertion the app sent is not valid at the time Entra ID received it.",
            cause: "The assertion's not-before or expiry time is wrong, usually because the clock of the machine that signed it is off, or an old assertion was reused.",
            advice: [
                "Correct the clock of the machine that signs the assertion (for example with NTP), and create a fresh assertion for each request.",
            ]
        ),
        CodeExplanation(
            code: .singleTenantAppOnCommonEndpoint,
            title: "Single-tenant app on a multi-tenant endpoint",
            summary: "The app is registered for its own tenant only, but the sign-in used /common or /organizations.",
            cause: "Entra ID cannot pick a tenant for a single-tenant app from a shared endpoint.",
            advice: [
                "The app signs in through its own tenant's endpoint, or its owner makes the registration multi-tenant.",
            ]
        ),
    ]
}
