/// Checks that the client's service principal is enabled, both by the tenant (`accountEnabled`)
/// and by Microsoft (`disabledByMicrosoftStatus`).
public struct ClientEnabledCheck: HealthCheck {
    /// The state of the client's service principal, as the planner also needs it.
    enum Outcome: Equatable {
        case enabled
        case disabledByTenant
        case disabledByMicrosoft(String)
        case undecided(String)
    }

    public init() {}

    public func findings(in context: CheckContext) -> [Finding] {
        let title = "\(context.profile.displayName) service principal is enabled"
        var evidence: [Evidence] = []
        if let servicePrincipal = context.clientState.servicePrincipal {
            evidence.append(Evidence(label: "object id", value: servicePrincipal.id))
            if let enabled = servicePrincipal.accountEnabled {
                evidence.append(Evidence(label: "accountEnabled", value: String(enabled)))
            }
            if let status = servicePrincipal.disabledByMicrosoftStatus {
                evidence.append(Evidence(label: "disabledByMicrosoftStatus", value: status))
            }
        }

        switch Self.evaluate(context) {
        case .enabled:
            return [Finding(id: FindingID.clientEnabled, title: title, status: .pass, detail: "The service principal is enabled.", evidence: evidence)]
        case .disabledByTenant:
            return [Finding(
                id: FindingID.clientEnabled,
                title: title,
                status: .fail,
                detail: "An admin of this tenant disabled the \(context.profile.displayName) service principal (accountEnabled is false), so every sign-in to it is refused. Enable it with the command in the plan, or under Enterprise applications > Properties > Enabled for users to sign in.",
                evidence: evidence,
                relatedCodes: [.clientApplicationDisabled]
            )]
        case .disabledByMicrosoft(let status):
            return [Finding(
                id: FindingID.clientEnabled,
                title: title,
                status: .fail,
                detail: "Microsoft disabled \(context.profile.displayName) in every tenant (disabledByMicrosoftStatus is \(status)). No tenant setting can undo this, so only the app's publisher can resolve it with Microsoft.",
                evidence: evidence,
                relatedCodes: [.clientApplicationDisabled]
            )]
        case .undecided(let reason):
            return [Finding(
                id: FindingID.clientEnabled,
                title: title,
                status: .unknown,
                detail: "Whether the service principal is enabled could not be checked.",
                reason: reason,
                evidence: evidence,
                relatedCodes: [.clientApplicationDisabled]
            )]
        }
    }

    /// Reads the two enabled flags of the client's service principal.
    static func evaluate(_ context: CheckContext) -> Outcome {
        let servicePrincipal: ServicePrincipal
        switch context.clientState {
        case .found(let found):
            servicePrincipal = found
        case .referenced:
            return .undecided("Only a reference to the service principal was read, not its properties. Add the output of az ad sp show --id \(context.profile.clientAppId) to check them.")
        case .missing:
            return .undecided("The service principal does not exist yet, so there is nothing to check. One created with az ad sp create is enabled. Run the check again after creating it.")
        case .unknown(let failure):
            return .undecided(FailureReason.dependsOn(FindingID.clientServicePrincipal, because: FailureReason.text(for: failure, subject: .applications)))
        }

        // Graph reports `NotDisabled` or null for an app Microsoft has not disabled.
        if let status = servicePrincipal.disabledByMicrosoftStatus,
           status.caseInsensitiveCompare("NotDisabled") != .orderedSame {
            return .disabledByMicrosoft(status)
        }
        switch servicePrincipal.accountEnabled {
        case .some(true):
            return .enabled
        case .some(false):
            return .disabledByTenant
        case .none:
            return .undecided("The snapshot does not include accountEnabled for the service principal.")
        }
    }
}
