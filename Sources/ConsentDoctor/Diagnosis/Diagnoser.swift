/// Turns one error found in a paste into a diagnosis: what is wrong, why, who fixes it, the
/// steps, and the exact commands with the error's values filled in.
///
/// The code alone picks the explanation; message wording never does. Codes the tool has no
/// text for get the explanation of their table category, and codes the table lacks are still
/// reported with their number and values.
public enum Diagnoser {
    /// Returns the diagnosis of `occurrence`, the `index`-th error of the paste (from 1).
    ///
    /// - Parameter pasteProfile: The profile other errors of the same paste selected, used when
    ///   this error names no client app (see `pasteProfile(for:options:)`).
    public static func diagnose(
        _ occurrence: SignInErrorOccurrence,
        index: Int,
        options: ExplainOptions,
        pasteProfile: AppProfile? = nil
    ) -> Diagnosis {
        let context = ErrorContext(occurrence: occurrence, options: options, pasteProfile: pasteProfile)
        let draft = draft(for: context)
        let code = occurrence.values.code

        var notes = context.notes + draft.notes
        if let plan = draft.plan {
            notes += GrantPlanner.placeholderNotes(plan, values: occurrence.values).filter { !notes.contains($0) }
        }

        return Diagnosis(
            index: index,
            form: occurrence.form,
            line: occurrence.line,
            values: occurrence.values,
            codeEntry: code.flatMap(CodeCatalog.entry),
            errorPageURL: code.map(options.cloud.errorPageURL),
            profileId: context.profile?.id,
            summary: draft.summary,
            cause: draft.cause,
            remediation: draft.steps,
            commands: (draft.plan.map(AzCommands.lines) ?? []) + draft.extraCommands,
            fixedBy: draft.fixedBy ?? code.flatMap(CodeCatalog.fixer),
            plan: draft.plan,
            title: title(for: occurrence.values),
            repeatCount: occurrence.repeatCount,
            adminConsentURL: draft.adminConsentURL,
            notes: notes
        )
    }

    /// Returns the profile that errors of a paste select by their client appId or by RedisInsight's
    /// markers, for the errors of the same paste that name no client. Assumptions do not count.
    public static func pasteProfile(for occurrences: [SignInErrorOccurrence], options: ExplainOptions) -> AppProfile? {
        guard options.profile == .automatic else {
            return nil
        }
        for occurrence in occurrences {
            let (profile, note) = ErrorContext.chooseProfile(for: occurrence, choice: .automatic)
            if let profile, note == nil {
                return profile
            }
        }
        return nil
    }

    static func draft(for context: ErrorContext) -> RemediationDraft {
        guard let code = context.code else {
            return codelessDraft(context)
        }
        switch code {
        case .invalidResource, .noMatchingEntitlements, .resourceNotInRequiredAccess:
            return missingGrantDraft(context)
        case .delegationDoesNotExist, .adminConsentRequired, .graphUserUnauthorized, .userConsentBlockedByPolicy,
             .adminConsentRequiredRequestAccess, .userDeclinedConsent:
            return consentDraft(context)
        case .servicePrincipalMissingForResource, .resourcePrincipalNotFound:
            return missingServicePrincipalDraft(context)
        case .invalidReplyTo:
            return redirectURIDraft(context)
        case .strongAuthenticationRequired, .strongAuthenticationEnrollmentRequired:
            return multiFactorDraft(context)
        case .blockedByConditionalAccess, .managedDeviceRequired:
            return conditionalAccessDraft(context)
        case .clientApplicationDisabled, .resourceServicePrincipalDisabled:
            return disabledServicePrincipalDraft(context)
        default:
            return generalDraft(context, code: code)
        }
    }

    /// Returns the title shown next to the code.
    static func title(for values: ExtractedValues) -> String? {
        if let code = values.code {
            return CodeCatalog.title(for: code)
        }
        switch values.applicationErrorCode {
        case ErrorHit.authenticatedClientErrorCode:
            return "RedisInsight could not get the Azure Resource Manager token"
        case ErrorHit.redisTokenExpiredErrorCode:
            return "RedisInsight's Redis token expired"
        default:
            break
        }
        if values.graphErrorCode != nil {
            return "Insufficient privileges in Microsoft Graph"
        }
        return values.oauthError.map { "OAuth error \($0)" }
    }
}
