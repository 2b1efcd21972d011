/// Checks that each API the client calls exposes, and has enabled, the delegated scopes the
/// client needs. A grant cannot give a scope the API does not offer.
///
/// The OpenID scopes are left out: Entra handles them itself.
public struct ScopeExposedCheck: HealthCheck {
    public init() {}

    public func findings(in context: CheckContext) -> [Finding] {
        context.profile.resources
            .filter { $0.purpose != .openID }
            .map { finding(for: $0, context: context) }
    }

    private func finding(for resource: ResourceRequirement, context: CheckContext) -> Finding {
        let id = FindingID.scopeExposed(resource)
        let scopes = resource.scopes.joined(separator: " ")
        let title = "\(resource.displayName) exposes \(scopes)"
        let related: [SignInErrorCode] = [.noMatchingEntitlements]

        func undecided(_ reason: String) -> Finding {
            Finding(id: id, title: title, status: .unknown, detail: "Whether the API exposes the scopes could not be checked.", reason: reason, relatedCodes: related)
        }

        let servicePrincipal: ServicePrincipal
        switch context.state(of: resource) {
        case .found(let found):
            servicePrincipal = found
        case .referenced:
            return undecided("Only a reference to the \(resource.displayName) service principal was read. Add the output of az ad sp show --id \(resource.appId) to check its scopes.")
        case .missing:
            return undecided("The \(resource.displayName) service principal does not exist yet. Run the check again after creating it.")
        case .unknown(let failure):
            return undecided(FailureReason.dependsOn(FindingID.servicePrincipal(resource), because: FailureReason.text(for: failure, subject: .applications)))
        }
        guard let exposed = servicePrincipal.oauth2PermissionScopes else {
            return undecided("The snapshot does not include oauth2PermissionScopes for the \(resource.displayName) service principal.")
        }

        var evidence = [Evidence(label: "object id", value: servicePrincipal.id)]
        var absent: [String] = []
        var disabled: [String] = []
        for scope in resource.scopes {
            guard let match = exposed.first(where: { $0.value.caseInsensitiveCompare(scope) == .orderedSame }) else {
                absent.append(scope)
                continue
            }
            evidence.append(Evidence(label: "scope \(match.value)", value: "id \(match.id), enabled \(match.isEnabled.map(String.init) ?? "not stated")"))
            if match.isEnabled == false {
                disabled.append(scope)
            }
        }

        if absent.isEmpty && disabled.isEmpty {
            return Finding(id: id, title: title, status: .pass, detail: "The API exposes \(scopes) and the scope is enabled.", evidence: evidence)
        }
        var problems: [String] = []
        if !absent.isEmpty {
            problems.append("does not expose \(absent.joined(separator: " "))")
        }
        if !disabled.isEmpty {
            problems.append("has disabled \(disabled.joined(separator: " "))")
        }
        return Finding(
            id: id,
            title: title,
            status: .fail,
            detail: "The \(resource.displayName) service principal \(problems.joined(separator: " and ")), so no grant can give \(context.profile.displayName) that access. A tenant cannot add scopes to an API it does not own, so this needs the API's publisher.",
            evidence: evidence,
            relatedCodes: related
        )
    }
}
