/// Reports whether users can ask an admin to approve an app they cannot consent to. It does not
/// decide whether sign-in works, so the finding is always information, even when the setting
/// could not be read.
public struct AdminConsentWorkflowCheck: HealthCheck {
    public init() {}

    public func findings(in context: CheckContext) -> [Finding] {
        let id = FindingID.adminConsentWorkflow
        let title = "Admin consent requests"

        switch context.snapshot.adminConsentRequestPolicy {
        case .found(let policy):
            let evidence = [
                Evidence(label: "isEnabled", value: String(policy.isEnabled)),
                Evidence(label: "reviewers", value: String(policy.reviewerCount)),
            ]
            let detail: String
            if policy.isEnabled {
                detail = "Users who cannot consent can send a request from the sign-in page; \(policy.reviewerCount) reviewer\(policy.reviewerCount == 1 ? "" : "s") can approve it."
            } else {
                detail = "Users who cannot consent have no way to ask for approval from the sign-in page, so they must contact an admin directly."
            }
            return [Finding(id: id, title: title, status: .info, detail: detail, evidence: evidence)]
        case .missing:
            return [Finding(id: id, title: title, status: .info, detail: "Graph returned no admin consent request policy for the tenant.")]
        case .unknown(let failure):
            return [Finding(
                id: id,
                title: title,
                status: .info,
                detail: "The admin consent request setting could not be read. It does not decide whether sign-in works.",
                reason: FailureReason.text(for: failure, subject: .policies)
            )]
        }
    }
}
