extension Diagnoser {
    /// Builds the draft for every other code from the tool's own explanation when it has one,
    /// otherwise from the code's table category. A code the table lacks is reported as unknown.
    static func generalDraft(_ context: ErrorContext, code: SignInErrorCode) -> RemediationDraft {
        var notes: [String] = []
        if let profile = context.profile, let note = profileNote(for: code, profile: profile) {
            notes.append(note)
        }
        let subject = context.client.appId != nil || context.client.name != nil
            ? "\(context.client.label(fallback: "The app")): " : ""

        if let explanation = CodeExplanations.explanation(for: code) {
            return RemediationDraft(
                summary: subject + explanation.summary,
                cause: explanation.cause,
                steps: explanation.advice,
                notes: notes
            )
        }
        if let entry = CodeCatalog.entry(for: code) {
            let category = CategoryExplanation.for(entry.category)
            return RemediationDraft(
                summary: subject + category.summary,
                cause: "\(category.cause) The tool has no specific text for \(code); the message and the linked page give the detail.",
                steps: [category.advice, "Usually fixed by \(entry.fixedBy.phrase)."],
                notes: notes
            )
        }
        return RemediationDraft(
            summary: "Entra ID returned \(code), which is not in the bundled code table.",
            cause: "The code may be new or internal. The message below is Microsoft's own account of it.",
            steps: [
                "Open the linked page for Microsoft's description of the code.",
                "A tenant administrator can find the request in the sign-in logs by its correlation id; Microsoft support needs the trace id and correlation id.",
            ],
            notes: notes
        )
    }

    /// Returns what a code means for a profiled app, where that differs from the general case.
    private static func profileNote(for code: SignInErrorCode, profile: AppProfile) -> String? {
        switch code {
        case .invalidClientSecret, .clientSecretExpired, .clientAssertionNotValidYet:
            return "\(profile.displayName) is a public client and sends no secret or assertion, so this error comes from another app or a custom build."
        case .clientApplicationNotFound:
            return "\(profile.displayName) is registered in the public Azure cloud. This error usually means the sign-in went to another cloud (US Government or China), or the Tenant ID typed into \(profile.displayName) is wrong."
        case .userUnauthorized:
            return "The account is not in the tenant typed into \(profile.displayName)'s Tenant ID field. Leave the field empty to sign in through the account's home tenant, or have an administrator invite the account as a guest."
        case .invalidScope:
            return "\(profile.displayName) asks for one API at a time at sign-in, so a scope error points to a modified build or a proxy that rewrites the request."
        case .singleTenantAppOnCommonEndpoint:
            return "\(profile.displayName)'s registration is multi-tenant, so this error points to a modified build."
        default:
            return nil
        }
    }
}
