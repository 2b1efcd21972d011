extension CodeExplanations {
    static let redirectURIs: [CodeExplanation] = [
        CodeExplanation(
            code: .invalidReplyTo,
            title: "Redirect URI not registered",
            summary: "The redirect URI in the sign-in request is not one of the redirect URIs registered for the app.",
            cause: "Entra ID returns the sign-in result only to a redirect URI listed in the app's registration, and compares it exactly: scheme, host, port and path must all match. Reaching the app through another address, such as an IP address, a proxy or another port, changes the URI it sends.",
            advice: [
                "Reach the app through the address its registration lists.",
                "If the app is yours, add the exact URI to the registration under the right platform (web, SPA or mobile and desktop).",
            ]
        ),
        CodeExplanation(
            code: .replyAddressNotSupported,
            title: "No redirect URI registered",
            summary: "The app's registration has no redirect URI for the kind of sign-in the app attempted.",
            cause: "The registration lists no redirect URI for the platform the request used, so Entra ID has nowhere to send the result.",
            advice: [
                "The app's owner adds the redirect URI the app uses to the registration.",
            ]
        ),
        CodeExplanation(
            code: .crossOriginRedemptionRequiresSPA,
            title: "Cross-origin redemption needs a single-page app redirect URI",
            summary: "A browser page redeemed an authorization code from another origin, which Entra ID allows only for redirect URIs registered as single-page application.",
            cause: "The redirect URI is registered under the web platform, but the token request came from browser JavaScript, which sends an Origin header.",
            advice: [
                "The app's owner moves the redirect URI to the single-page application platform, or redeems the code on a server.",
            ]
        ),
    ]
}
