/// A general explanation for every code of one category, used for codes without their own text.
public struct CategoryExplanation: Sendable, Equatable {
    public var title: String
    public var summary: String
    public var cause: String
    public var advice: String

    /// Returns the explanation for a category.
    public static func `for`(_ category: CodeCategory) -> CategoryExplanation {
        switch category {
        case .consent:
            return CategoryExplanation(
                title: "Consent problem",
                summary: "The app lacks a consent it needs in this tenant.",
                cause: "Delegated access needs a grant recorded in the tenant, by the user or by an administrator for everyone.",
                advice: "A tenant administrator reviews the app's grants; `consent-doctor check` lists what is missing."
            )
        case .appRegistration:
            return CategoryExplanation(
                title: "App registration problem",
                summary: "The app's registration does not allow what the request asked for.",
                cause: "Something in the registration, such as its permissions, audiences or settings, does not match the request.",
                advice: "The app's owner corrects the registration; a tenant that only uses the app cannot change it."
            )
        case .servicePrincipal:
            return CategoryExplanation(
                title: "Service principal problem",
                summary: "A service principal in the tenant is missing, disabled or restricted.",
                cause: "Each app and API a tenant uses is present there as a service principal, whose state decides who may sign in.",
                advice: "A tenant administrator checks the service principals of the app and the API (`az ad sp show --id <appId>`)."
            )
        case .redirectURI:
            return CategoryExplanation(
                title: "Redirect URI problem",
                summary: "The redirect URI of the request does not fit the app's registration.",
                cause: "Entra ID sends results only to redirect URIs the registration lists, for the right platform.",
                advice: "Reach the app through a registered address, or have the app's owner correct the registration."
            )
        case .conditionalAccess:
            return CategoryExplanation(
                title: "Conditional Access",
                summary: "A Conditional Access policy stopped or changed this sign-in.",
                cause: "A policy matched the user, app, device, location or risk, and its conditions were not met.",
                advice: "A tenant administrator opens the sign-in log entry by its request id to see which policy applied."
            )
        case .mfa:
            return CategoryExplanation(
                title: "Multi-factor authentication",
                summary: "The sign-in needs multi-factor authentication that did not happen.",
                cause: "A policy requires a second factor, and the request could not complete one.",
                advice: "The user signs in interactively and completes MFA, registering a method first if asked."
            )
        case .clientCredential:
            return CategoryExplanation(
                title: "Client credential problem",
                summary: "The app's own credential (secret, certificate or assertion) was rejected.",
                cause: "Confidential apps prove their identity with a credential that must be valid, current and registered.",
                advice: "Whoever runs the app renews or corrects its credential."
            )
        case .userAccount:
            return CategoryExplanation(
                title: "User account problem",
                summary: "Something about the user's account stopped the sign-in.",
                cause: "The account may be missing, disabled, locked, pending or in the wrong tenant.",
                advice: "The user or a tenant administrator checks the account in the tenant the sign-in used."
            )
        case .tenant:
            return CategoryExplanation(
                title: "Tenant problem",
                summary: "The tenant the sign-in used cannot serve this request.",
                cause: "The tenant may not exist, may be blocked, or its cross-tenant settings may forbid the access.",
                advice: "Check the tenant id or domain, and the cross-tenant access settings of both tenants."
            )
        case .federation:
            return CategoryExplanation(
                title: "Federation problem",
                summary: "The federated identity provider returned something Entra ID could not accept.",
                cause: "The user's domain signs in through another identity provider, whose response or configuration is invalid.",
                advice: "The administrator of the federated identity provider checks its configuration and logs."
            )
        case .tokenRequest:
            return CategoryExplanation(
                title: "Invalid token request",
                summary: "The token request itself was malformed or not allowed.",
                cause: "A parameter such as the grant, scope, resource or code was missing, wrong or expired.",
                advice: "The app's developer checks the request the app sends."
            )
        case .session:
            return CategoryExplanation(
                title: "Session problem",
                summary: "The sign-in session or its tokens can no longer be used.",
                cause: "A session or refresh token expired, was revoked, or does not match the account.",
                advice: "The user signs out and signs in again."
            )
        case .device:
            return CategoryExplanation(
                title: "Device problem",
                summary: "Entra ID could not establish the device's identity or state.",
                cause: "The device registration, its keys or its join state are missing or invalid.",
                advice: "The user or an administrator checks the device's registration in Entra ID."
            )
        case .throttlingOrService:
            return CategoryExplanation(
                title: "Service or throttling problem",
                summary: "Entra ID failed or throttled the request on its side.",
                cause: "The service was busy, throttled the caller, or had an internal error.",
                advice: "Retry later; if it persists, give Microsoft support the trace id and correlation id."
            )
        case .other:
            return CategoryExplanation(
                title: "Other sign-in problem",
                summary: "Entra ID rejected the sign-in for a reason outside the usual categories.",
                cause: "The message text and the linked page describe the specific reason.",
                advice: "Read the message and the linked page; the trace id and correlation id identify the request for Microsoft support."
            )
        }
    }
}
