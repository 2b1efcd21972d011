/// Checks that the tenant has a service principal for the client and for every resource the
/// client needs. Without one, sign-in cannot consent to or reach that app.
public struct ServicePrincipalCheck: HealthCheck {
    public init() {}

    public func findings(in context: CheckContext) -> [Finding] {
        var findings = [clientFinding(context)]
        for resource in context.profile.resources {
            findings.append(resourceFinding(resource, context: context))
        }
        return findings
    }

    private func clientFinding(_ context: CheckContext) -> Finding {
        let profile = context.profile
        return finding(
            id: FindingID.clientServicePrincipal,
            name: profile.displayName,
            appId: profile.clientAppId,
            state: context.clientState,
            missingDetail: "The tenant has no service principal for \(profile.displayName), so no consent can be recorded for it. Users are asked to consent, and without the right to consent they are stopped with a request for admin approval.",
            relatedCodes: [.delegationDoesNotExist, .adminConsentRequired]
        )
    }

    private func resourceFinding(_ resource: ResourceRequirement, context: CheckContext) -> Finding {
        let missingDetail: String
        switch resource.purpose {
        case .signIn:
            missingDetail = "The tenant has no service principal for \(resource.displayName), so tokens for it cannot be issued and sign-in fails."
        case .afterSignIn:
            missingDetail = "The tenant has no service principal for \(resource.displayName). Sign-in works, but \(context.profile.displayName) fails when it asks for a \(resource.displayName) token afterwards."
        case .openID:
            missingDetail = "The tenant has no service principal for \(resource.displayName), which records consent to the OpenID scopes \(resource.scopes.joined(separator: " "))."
        }
        return finding(
            id: FindingID.servicePrincipal(resource),
            name: resource.displayName,
            appId: resource.appId,
            state: context.state(of: resource),
            missingDetail: missingDetail,
            relatedCodes: [.servicePrincipalMissingForResource, .resourcePrincipalNotFound]
        )
    }

    private func finding(
        id: String,
        name: String,
        appId: String,
        state: ServicePrincipalState,
        missingDetail: String,
        relatedCodes: [SignInErrorCode]
    ) -> Finding {
        let title = "Service principal for \(name)"
        var evidence = [Evidence(label: "appId", value: appId)]
        switch state {
        case .found(let servicePrincipal):
            evidence.append(Evidence(label: "object id", value: servicePrincipal.id))
            if let displayName = servicePrincipal.displayName {
                evidence.append(Evidence(label: "display name", value: displayName))
            }
            return Finding(id: id, title: title, status: .pass, detail: "The service principal exists.", evidence: evidence)
        case .referenced(let reference):
            evidence.append(Evidence(label: "object id", value: reference.objectId))
            if let displayName = reference.displayName {
                evidence.append(Evidence(label: "display name", value: displayName))
            }
            evidence.append(Evidence(label: "known from", value: reference.basis))
            return Finding(
                id: id,
                title: title,
                status: .pass,
                detail: "The service principal exists: a grant refers to it. Its properties were not read.",
                evidence: evidence
            )
        case .missing:
            return Finding(id: id, title: title, status: .fail, detail: missingDetail, evidence: evidence, relatedCodes: relatedCodes)
        case .unknown(let failure):
            return Finding(
                id: id,
                title: title,
                status: .unknown,
                detail: "Whether the tenant has this service principal could not be checked.",
                reason: FailureReason.text(for: failure, subject: .applications),
                evidence: evidence,
                relatedCodes: relatedCodes
            )
        }
    }
}
