extension CodeExplanations {
    static let accessPolicies: [CodeExplanation] = [
        CodeExplanation(
            code: .blockedByConditionalAccess,
            title: "Blocked by Conditional Access",
            summary: "A Conditional Access policy in the tenant blocked this sign-in.",
            cause: "A policy matched the user, the app, the location, the device or the sign-in risk, and its control is to block, or asks for something this sign-in cannot provide.",
            advice: [
                "A tenant administrator opens the sign-in log entry for the request id or correlation id; its Conditional Access tab names the policy that applied.",
                "The administrator then decides whether the sign-in should be allowed, for example from a compliant device or a trusted location.",
            ]
        ),
        CodeExplanation(
            code: .managedDeviceRequired,
            title: "Managed device required",
            summary: "A Conditional Access policy requires a managed or compliant device, and Entra ID could not confirm that this device is one.",
            cause: "The device is not enrolled or not compliant, or the browser did not pass the device's identity to Entra ID.",
            advice: [
                "Sign in from a device the organisation manages, in a browser that passes the device identity (for example Microsoft Edge signed in with the work account).",
                "A tenant administrator can read the sign-in log entry to see which policy asked for the device.",
            ]
        ),
        CodeExplanation(
            code: .strongAuthenticationRequired,
            title: "Multi-factor authentication required",
            summary: "The sign-in needs multi-factor authentication, and the request could not perform it.",
            cause: "A Conditional Access policy or per-user MFA requires a second factor for this user and resource. A request made in the background, without a window, cannot show the MFA prompt.",
            advice: [
                "The user signs in again interactively and completes MFA.",
            ],
            fixedBy: .user
        ),
        CodeExplanation(
            code: .strongAuthenticationEnrollmentRequired,
            title: "MFA registration required",
            summary: "The user has to register a multi-factor authentication method before this sign-in can continue.",
            cause: "A policy requires MFA, and the user has no method registered, so Entra ID asks for registration first. A request made in the background cannot show that page.",
            advice: [
                "The user registers an MFA method at https://aka.ms/mfasetup, then signs in again.",
            ],
            fixedBy: .user
        ),
    ]
}
