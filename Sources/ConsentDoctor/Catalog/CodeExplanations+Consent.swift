extension CodeExplanations {
    static let consent: [CodeExplanation] = [
        CodeExplanation(
            code: .invalidResource,
            title: "Resource missing from the client's registration",
            summary: "The client asked for a token for an API that its app registration does not list, and the tenant has no admin grant that allows it anyway.",
            cause: "Entra ID lets a client request delegated access only to APIs named in its registration's required permissions, unless an administrator has granted the client access to that API for the whole tenant. A multi-tenant app whose vendor left an API out of the registration depends on that tenant-wide grant for the API.",
            advice: [
                "A tenant administrator grants the client the delegated scopes it needs on the API named in the message.",
                "The app's owner can add the API to the registration's required permissions, after which ordinary consent covers it.",
            ],
            fixedBy: .tenantAdmin
        ),
        CodeExplanation(
            code: .noMatchingEntitlements,
            title: "Requested permissions not offered by the resource",
            summary: "The permission ids the client asked for on the resource match no delegated scope that the resource's service principal publishes in this tenant, so no consent can be recorded.",
            cause: "The client's registration refers to the resource's permissions by id. When those ids are wrong, or the resource's service principal in the tenant publishes other ids, the consent step has nothing to grant. An admin grant names scopes by value, such as user_impersonation, and so does not depend on the ids.",
            advice: [
                "A tenant administrator grants the client the scopes it needs on the resource by value.",
                "The app's owner corrects the permission ids in the registration.",
            ],
            fixedBy: .tenantAdmin
        ),
        CodeExplanation(
            code: .delegationDoesNotExist,
            title: "No consent for the application",
            summary: "Neither the user nor an administrator has consented to the app using the permissions it asked for.",
            cause: "Delegated access needs a consent record (an oauth2PermissionGrant) in the tenant. When users may not consent for themselves, or the permissions need an administrator, the app fails until an administrator grants them for the whole tenant.",
            advice: [
                "A tenant administrator grants the app its delegated scopes for the whole tenant.",
                "Or the user signs in interactively and accepts the consent prompt, where the tenant lets users consent.",
            ]
        ),
        CodeExplanation(
            code: .userDeclinedConsent,
            title: "User declined consent",
            summary: "The user cancelled the consent prompt, so the app got no token.",
            cause: "The consent prompt lists the permissions the app asks for. Declining it leaves no grant, and the next sign-in shows the prompt again.",
            advice: [
                "The user signs in again and accepts the prompt.",
                "Or a tenant administrator grants the permissions for everyone, so users see no prompt.",
            ],
            fixedBy: .user
        ),
        CodeExplanation(
            code: .misconfiguredApplication,
            title: "Application asks for access that cannot be granted",
            summary: "The app's registration lists an API or a permission that this tenant cannot grant.",
            cause: "Usually the registration names an API whose service principal is missing from the tenant, or a permission the API no longer publishes. The consent step then has nothing valid to record.",
            advice: [
                "Check that every API the app needs has a service principal in the tenant (`az ad sp show --id <appId>`), and create missing ones with `az ad sp create --id <appId>`.",
                "If the permission itself is wrong, the app's owner corrects the registration.",
            ]
        ),
        CodeExplanation(
            code: .resourceNotInRequiredAccess,
            title: "Resource not in the client's required permissions",
            summary: "The client asked for a permission on an API that its registration does not list, and no administrator has granted it.",
            cause: "As with AADSTS650057, the registration decides which APIs users can consent to. An API outside that list needs a tenant-wide grant made by an administrator.",
            advice: [
                "A tenant administrator grants the client the scopes it needs on that API.",
                "Or the app's owner adds the API to the registration's required permissions.",
            ],
            fixedBy: .tenantAdmin
        ),
        CodeExplanation(
            code: .adminConsentRequired,
            title: "Administrator approval needed",
            summary: "The permissions the app asks for need an administrator's consent, and the signed-in user cannot give it.",
            cause: "Either the permissions are ones only an administrator may grant, or the tenant's consent settings do not let users consent to this app. The sign-in page shows this as a request for admin approval.",
            advice: [
                "A tenant administrator grants the permissions for the whole tenant.",
                "Where the admin consent workflow is on, the user can send a request from the sign-in page instead.",
            ]
        ),
        CodeExplanation(
            code: .graphUserUnauthorized,
            title: "User not allowed to grant these permissions",
            summary: "Entra ID refused the consent because the signed-in user may not grant the permissions the app asks for.",
            cause: "The request needs a consent the user's role or the tenant's consent policy does not allow, so an administrator has to grant it.",
            advice: [
                "A tenant administrator grants the permissions for the whole tenant.",
            ]
        ),
        CodeExplanation(
            code: .userConsentBlockedByPolicy,
            title: "User consent blocked by tenant policy",
            summary: "The tenant's consent settings do not let users consent to this app, so an administrator must.",
            cause: "The permission grant policies assigned to users (the authorization policy's permissionGrantPoliciesAssigned) exclude this app or these permissions, for example by allowing user consent only for verified publishers, or not at all.",
            advice: [
                "A tenant administrator grants the permissions for the whole tenant; there is no need to loosen the user consent settings.",
            ]
        ),
        CodeExplanation(
            code: .adminConsentRequiredRequestAccess,
            title: "Admin consent request required",
            summary: "The tenant uses the admin consent workflow: the user can request approval, and the app works once a reviewer approves it.",
            cause: "User consent is off for this app, and the tenant routes such requests to designated reviewers instead of failing outright.",
            advice: [
                "A reviewer approves the pending request under Enterprise applications, Admin consent requests, in the Entra admin center.",
                "Or a tenant administrator grants the permissions directly.",
            ]
        ),
        CodeExplanation(
            code: .tokenForItselfRequiresGraphPermission,
            title: "App requested a token for itself without sign-in permission",
            summary: "The app asked for a token whose audience is the app itself, which requires at least the permission to sign the user in and read their profile.",
            cause: "The registration does not request a Microsoft Graph permission such as User.Read, or nobody has consented to it.",
            advice: [
                "The app's owner adds a Microsoft Graph sign-in permission (such as User.Read) to the registration, and the tenant consents to it.",
            ]
        ),
    ]
}
