/// Telling the paste form of a plain-text error from the markers around it.
extension TextExtractor {
    static let msalMarkers = TextPattern(#"ServerError:|Msal[A-Za-z]*Exception|MSALErrorDomain|MSAL[A-Za-z]*Key|ClientAuthenticationError|CredentialUnavailableError|AuthenticationRequiredError|InteractionRequiredAuthError|Microsoft\.Identity\.Client"#, caseInsensitive: false, requiring: [
        "servererror:", "msal", "clientauthenticationerror", "credentialunavailableerror", "authenticationrequirederror",
        "interactionrequiredautherror", "microsoft.identity.client",
    ])
    static let redisInsightMarkers = TextPattern(#"Azure OAuth error|Token acquisition failed|Failed to get token for|Failed to get authenticated client|RedisInsight|Redis Insight"#, requiring: [
        "azure oauth error", "token acquisition failed", "failed to get token for", "failed to get authenticated client", "redisinsight", "redis insight",
    ])
    static let azureCLIMarkers = TextPattern(#"Run the command below to authenticate interactively|^\s*ERROR:|az login"#, requiring: [
        "run the command below to authenticate interactively", "error:", "az login",
    ])
    private static let interactiveLoginHint = TextPattern("Run the command below to authenticate interactively", caseInsensitive: false, requiring: [
        "run the command below to authenticate interactively",
    ])
    static let signInPageMarkers = TextPattern(#"having trouble signing you in|Troubleshooting details|Copy info to clipboard|Flag sign-in errors for review"#, requiring: [
        "having trouble signing you in", "troubleshooting details", "copy info to clipboard", "flag sign-in errors for review",
    ])

    /// Picks the form of a plain-text error from the markers around it.
    ///
    /// - Parameters:
    ///   - lineMarkers: The markers found on the hit's line, within reach of the hit.
    ///   - nearSignInPage: Whether a label of the sign-in page is in the neighbourhood: from
    ///     `neighbourhoodLength` bytes before the hit to the end of its segment.
    static func form(lineMarkers: Set<LineContext.Marker>, segment: Substring, nearSignInPage: Bool) -> PasteForm {
        if lineMarkers.contains(.msal) {
            return .msal
        }
        if lineMarkers.contains(.redisInsight) {
            return .redisInsightLog
        }
        let following = String(segment.prefix(2048))
        if lineMarkers.contains(.azureCLI) || interactiveLoginHint.matches(following) {
            return .azureCLI
        }
        if nearSignInPage || PageLabels.looksLikeTroubleshootingBlock(following) {
            return .signInPageText
        }
        return .plainText
    }
}
