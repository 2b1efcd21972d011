extension CodeExplanations {
    static let servicePrincipals: [CodeExplanation] = [
        CodeExplanation(
            code: .servicePrincipalMissingForResource,
            title: "Service principal missing for a resource",
            summary: "The tenant has no service principal for an API the app needs, so nobody in the tenant can consent to that API.",
            cause: "An app can be granted access only to an API that exists in the tenant as a service principal. Microsoft's own APIs get one when the tenant first uses them, so a tenant that never used the API lacks it. This is often the user's home tenant, not the tenant that owns the Azure resources. The message names the tenant that needs it.",
            advice: [
                "A tenant administrator of the tenant named in the message creates the missing service principal, then grants the app access to that API.",
            ]
        ),
        CodeExplanation(
            code: .resourcePrincipalNotFound,
            title: "Resource service principal not found",
            summary: "The tenant has no service principal for the resource URI the app asked for.",
            cause: "The resource's service principal was never created in this tenant, or the sign-in went to the wrong tenant or cloud, or the resource URI is misspelt.",
            advice: [
                "Check the resource URI and the tenant. If both are right, a tenant administrator creates the resource's service principal with `az ad sp create --id <resource appId>`.",
            ]
        ),
        CodeExplanation(
            code: .clientApplicationNotFound,
            title: "Application not found in the directory",
            summary: "The tenant that handled the sign-in has no record of the client app.",
            cause: "The appId is wrong, the registration was deleted, the app is registered as single-tenant in another tenant, or the sign-in went to the wrong tenant or national cloud.",
            advice: [
                "Check the appId and the tenant the app signs in to.",
                "For a multi-tenant app, sign in to a tenant in the cloud where the app is registered.",
            ]
        ),
        CodeExplanation(
            code: .userNotAssignedToApplication,
            title: "User not assigned to the application",
            summary: "The app requires assignment in this tenant, and neither the user nor a group they belong to is assigned to it.",
            cause: "The app's service principal has appRoleAssignmentRequired set to true, so Entra ID issues tokens only to assigned users.",
            advice: [
                "A tenant administrator assigns the user, or a group with the user, under Enterprise applications, Users and groups.",
                "Or, if the app should be open to everyone in the tenant, the administrator sets appRoleAssignmentRequired to false.",
            ]
        ),
        CodeExplanation(
            code: .clientApplicationDisabled,
            title: "Application disabled in the tenant",
            summary: "The app's service principal is disabled in this tenant, so nobody can sign in to it.",
            cause: "An administrator turned off sign-in for the app (accountEnabled is false), or Microsoft disabled the app.",
            advice: [
                "A tenant administrator enables the service principal again, unless it was disabled on purpose.",
                "If Microsoft disabled the app, only the app's vendor can resolve it.",
            ]
        ),
        CodeExplanation(
            code: .resourceServicePrincipalDisabled,
            title: "Resource disabled in the tenant",
            summary: "The service principal of the API the app asked for is disabled in this tenant.",
            cause: "An administrator turned off the API's service principal (accountEnabled is false), so Entra ID issues no tokens for it.",
            advice: [
                "A tenant administrator enables the API's service principal again, unless it was disabled on purpose.",
            ]
        ),
    ]
}
