/// One check of a tenant's configuration for a client app. A check is a pure function of the
/// context: it reads the snapshot and the profile and never talks to Graph.
public protocol HealthCheck: Sendable {
    /// Returns the check's findings, one per checked object, each with evidence.
    func findings(in context: CheckContext) -> [Finding]
}

/// The standard health checks, in report order.
public enum HealthChecks {
    /// Every check, ordered so a report reads from the tenant down to the grants.
    public static let standard: [any HealthCheck] = [
        TenantMatchCheck(),
        ServicePrincipalCheck(),
        ClientEnabledCheck(),
        AssignmentRequiredCheck(),
        ScopeExposedCheck(),
        ResourceGrantCheck(),
        OpenIDConsentCheck(),
        PerUserGrantsCheck(),
        AdminConsentWorkflowCheck(),
    ]

    /// Runs every standard check and returns their findings in report order.
    public static func run(_ context: CheckContext) -> [Finding] {
        standard.flatMap { $0.findings(in: context) }
    }
}
