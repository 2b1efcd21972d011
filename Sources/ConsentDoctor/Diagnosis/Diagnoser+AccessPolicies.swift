extension Diagnoser {
    /// Builds the draft for 50076 and 50079 (MFA required). For RedisInsight's silent Resource
    /// Manager request, the draft explains why it fails only at autodiscovery.
    static func multiFactorDraft(_ context: ErrorContext) -> RemediationDraft {
        let code = context.code ?? .strongAuthenticationRequired
        let explanation = CodeExplanations.explanation(for: code)
        let enrollment = code == .strongAuthenticationEnrollmentRequired
        let resource = context.resource
        let isSilentResource = resource?.requirement?.purpose == .afterSignIn

        guard let profile = context.profile, isSilentResource, let resource else {
            var steps = explanation?.advice ?? []
            steps.append("A tenant administrator can look up the sign-in by its correlation id in the sign-in logs to see which policy asked for MFA.")
            return RemediationDraft(
                summary: explanation?.summary ?? "",
                cause: explanation?.cause ?? "",
                steps: steps
            )
        }

        let signInResource = profile.resources.first { $0.purpose == .signIn }
        let summary = enrollment
            ? "\(resource.label()) requires MFA for this user, who has not registered a method yet, and \(profile.displayName) asks for that token silently after sign-in, so autodiscovery fails."
            : "\(resource.label()) requires MFA for this user, and \(profile.displayName) asks for that token silently after sign-in, so autodiscovery fails even though sign-in worked."
        let cause = "\(profile.displayName) signs in interactively for \(signInResource?.displayName ?? "its sign-in API") only, then requests the \(resource.app.name ?? "Resource Manager") token in the background to list subscriptions and caches. A Conditional Access policy or per-user MFA that covers \(resource.app.name ?? "that API") (in the policy editor often the 'Microsoft Azure Management' target) demands a second factor there, and a background request cannot show the prompt."

        var steps: [String] = []
        if enrollment {
            steps.append("The user registers an MFA method at https://aka.ms/mfasetup.")
        }
        steps.append("The user signs out of the Azure account in \(profile.displayName) and signs in again, completing MFA if asked, so the session carries it to the silent request.")
        if let signInResource {
            steps.append("If the sign-in never asks for MFA, a tenant administrator can extend the policy that requires MFA for \(resource.app.name ?? "that API") to \(signInResource.displayName) (\(signInResource.appId)) as well, so the interactive sign-in performs MFA and the silent request then succeeds.")
        }
        steps.append("A tenant administrator can look up the sign-in by its correlation id in the sign-in logs to see which policy asked for MFA.")
        return RemediationDraft(summary: summary, cause: cause, steps: steps, fixedBy: .user)
    }

    /// 53003 and 530003: Conditional Access stopped the sign-in.
    static func conditionalAccessDraft(_ context: ErrorContext) -> RemediationDraft {
        let code = context.code ?? .blockedByConditionalAccess
        let explanation = CodeExplanations.explanation(for: code)
        var steps = explanation?.advice ?? []
        if !steps.isEmpty, let id = context.values.correlationId ?? context.values.requestId {
            steps[0] = "A tenant administrator opens Entra ID sign-in logs, filters by the correlation or request id \(id), and reads the Conditional Access tab to see which policy applied."
        }
        var notes: [String] = []
        if !context.values.conditionalAccessPolicyIds.isEmpty {
            notes.append("The claims challenge names the Conditional Access policies \(context.values.conditionalAccessPolicyIds.joined(separator: ", ")).")
        }
        if context.occurrence.form == .azureCLI {
            steps.append("The Azure CLI suggests signing in again interactively. That satisfies policies that ask for MFA, but not a policy that blocks, which only an administrator can change.")
        }
        if let profile = context.profile, let resource = context.resource, resource.requirement?.purpose == .afterSignIn {
            notes.append("\(profile.displayName) asks for the \(resource.app.name ?? "Resource Manager") token silently after sign-in, so a policy on that API shows up only at autodiscovery.")
        }
        return RemediationDraft(
            summary: explanation?.summary ?? "",
            cause: explanation?.cause ?? "",
            steps: steps,
            notes: notes
        )
    }
}
