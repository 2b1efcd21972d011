/// Checks whether the client's service principal lets only assigned users sign in. That is a
/// deliberate setting, so it is a warning: users without an assignment are refused.
public struct AssignmentRequiredCheck: HealthCheck {
    public init() {}

    public func findings(in context: CheckContext) -> [Finding] {
        let id = FindingID.clientAssignmentRequired
        let name = context.profile.displayName
        let title = "\(name) admits users without assignment"
        let related: [SignInErrorCode] = [.userNotAssignedToApplication]

        let servicePrincipal: ServicePrincipal
        switch context.clientState {
        case .found(let found):
            servicePrincipal = found
        case .referenced:
            return [undecided(title, related, reason: "Only a reference to the service principal was read, not its properties. Add the output of az ad sp show --id \(context.profile.clientAppId) to check them.")]
        case .missing:
            return [undecided(title, related, reason: "The service principal does not exist yet. One created with az ad sp create admits every user of the tenant. Run the check again after creating it.")]
        case .unknown(let failure):
            return [undecided(title, related, reason: FailureReason.dependsOn(FindingID.clientServicePrincipal, because: FailureReason.text(for: failure, subject: .applications)))]
        }

        var evidence = [Evidence(label: "object id", value: servicePrincipal.id)]
        switch servicePrincipal.appRoleAssignmentRequired {
        case .some(false):
            evidence.append(Evidence(label: "appRoleAssignmentRequired", value: "false"))
            return [Finding(id: id, title: title, status: .pass, detail: "Every user of the tenant may sign in to \(name).", evidence: evidence)]
        case .some(true):
            evidence.append(Evidence(label: "appRoleAssignmentRequired", value: "true"))
            return [Finding(
                id: id,
                title: title,
                status: .warning,
                detail: "Only users and groups assigned to \(name) may sign in; everyone else is refused even with consent in place. Assign them under Enterprise applications > \(name) > Users and groups, or set assignment required to No there. This command does the same: az ad sp update --id \(context.profile.clientAppId) --set appRoleAssignmentRequired=false",
                evidence: evidence,
                relatedCodes: related
            )]
        case .none:
            return [undecided(title, related, reason: "The snapshot does not include appRoleAssignmentRequired for the service principal.")]
        }
    }

    private func undecided(_ title: String, _ related: [SignInErrorCode], reason: String) -> Finding {
        Finding(
            id: FindingID.clientAssignmentRequired,
            title: title,
            status: .unknown,
            detail: "Whether users need an assignment to sign in could not be checked.",
            reason: reason,
            relatedCodes: related
        )
    }
}
