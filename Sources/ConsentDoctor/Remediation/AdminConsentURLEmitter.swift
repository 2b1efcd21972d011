/// Renders a plan as the admin consent URLs on the plan's cloud: one for each tenant and client
/// app the plan changes, or one for the plan's own tenant and client when it changes nothing.
enum AdminConsentURLEmitter {
    /// Returns the URLs, or none when the plan's cloud is not in `Cloud.all`.
    static func lines(_ plan: ScriptPlan) -> [String] {
        guard let cloud = plan.cloud else {
            return []
        }
        var pairs: [(tenant: String, client: String)] = []
        var tenant = plan.tenant
        for step in plan.steps {
            switch step {
            case .signIn(let signInTenant, _):
                tenant = signInTenant
            case .createServicePrincipal, .omitted:
                append((tenant, plan.clientAppId), to: &pairs)
            case .grant(let grant):
                append((tenant, grant.client.appId), to: &pairs)
            }
        }
        if pairs.isEmpty {
            pairs = [(plan.tenant, plan.clientAppId)]
        }
        return pairs.map { cloud.adminConsentURL(tenant: $0.tenant, clientAppId: $0.client) }
    }

    private static func append(_ pair: (tenant: String, client: String), to pairs: inout [(tenant: String, client: String)]) {
        if !pairs.contains(where: { $0 == pair }) {
            pairs.append(pair)
        }
    }
}
