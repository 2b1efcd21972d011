/// Computes the state-aware fix plan for a tenant from a directory snapshot and an app profile.
///
/// The plan contains only what is missing, in an order that works: sign in, create service
/// principals (client first, then resources), then create or extend grants. Something the
/// snapshot cannot tell gets no step but a warning that the plan may be incomplete. Every value
/// in a step has passed `Identifiers` validation; a value that fails is left out with a warning.
public enum FixPlanner {
    /// Returns the plan that makes the tenant healthy for the context's profile.
    public static func plan(for context: CheckContext) -> FixPlan {
        var builder = PlanBuilder(context: context)
        builder.addTenantMismatchWarning()
        builder.addSignIn()
        builder.addServicePrincipals()
        builder.addClientStateWarnings()
        for resource in context.profile.resources where resource.purpose != .openID {
            builder.addGrant(for: resource)
        }
        builder.addOpenIDGrant()
        builder.addPlaceholderWarnings()
        return builder.plan
    }

    /// Returns the admin consent URL for the client on the snapshot's cloud, with a placeholder
    /// when the tenant is not known, or nil when the cloud is not in `Cloud.all`.
    public static func adminConsentURL(for context: CheckContext) -> String? {
        guard let cloud = context.cloud, Identifiers.isGUID(context.profile.clientAppId) else {
            return nil
        }
        let tenant = context.snapshot.tenant.flatMap { Identifiers.isTenant($0) ? $0 : nil } ?? AzCommands.tenantPlaceholder
        return cloud.adminConsentURL(tenant: tenant, clientAppId: context.profile.clientAppId.lowercased())
    }
}

/// The steps and warnings of a plan while it is being built.
struct PlanBuilder {
    let context: CheckContext
    private(set) var plan: FixPlan
    /// Whether the first warning is the tenant mismatch, which must stay first.
    private var warnsOfTenantMismatch = false

    init(context: CheckContext) {
        self.context = context
        let tenant = context.snapshot.tenant.flatMap { Identifiers.isTenant($0) ? $0 : nil }
        plan = FixPlan(
            tenant: tenant,
            cloud: Self.cloudName(context.snapshot.cloud),
            clientAppId: context.profile.clientAppId,
            stateAware: true,
            steps: []
        )
    }

    /// The profile's client display name, for sentences.
    var clientName: String {
        context.profile.displayName
    }

    mutating func warn(_ sentence: String, at index: Int? = nil) {
        guard !plan.warnings.contains(sentence) else {
            return
        }
        if let index {
            plan.warnings.insert(sentence, at: min(index, plan.warnings.count))
        } else {
            plan.warnings.append(sentence)
        }
    }

    mutating func append(_ step: FixStep) {
        plan.steps.append(step)
    }

    /// Warns, as the first warning, when users get their tokens from another tenant.
    mutating func addTenantMismatchWarning() {
        if case .mismatch(let others) = TenantMatchCheck.evaluate(context) {
            let names = others.map(\.tenant).joined(separator: ", ")
            warn("This plan is for tenant \(context.snapshot.tenant ?? "unknown"), but users get their tokens from \(names). Run the check against \(names) and use that plan, because changes in this tenant do not help those users.")
            warnsOfTenantMismatch = true
        }
    }

    /// Warns about a tenant or cloud that cannot appear in the commands, right after the tenant
    /// mismatch warning, when the plan has anything to run.
    mutating func addPlaceholderWarnings() {
        guard !plan.isEmpty else {
            return
        }
        let position = warnsOfTenantMismatch ? 1 : 0
        if Cloud.named(context.snapshot.cloud) == nil {
            warn("The cloud \(Identifiers.isCloudName(context.snapshot.cloud) ? context.snapshot.cloud : "that was given") is not one this tool knows, so its Graph host is unknown and the az rest alternatives are left out.", at: position)
        }
        if let tenant = context.snapshot.tenant, !Identifiers.isTenant(tenant) {
            warn("The tenant that was read is not a valid tenant GUID or domain name, so az login uses the placeholder \(AzCommands.tenantPlaceholder). Replace it with the tenant GUID.", at: position)
        } else if context.snapshot.tenant == nil {
            warn("The tenant is not known, so az login uses the placeholder \(AzCommands.tenantPlaceholder). Replace it with the tenant GUID, which az account show --query tenantId prints.", at: position)
        }
    }

    mutating func addSignIn() {
        append(FixStep(
            kind: .signIn,
            reason: "Sign in to the tenant whose users need \(clientName), as an admin who may create service principals and grant consent.",
            tenant: plan.tenant
        ))
    }

    /// Adds a create step for each missing service principal: the client first, then resources.
    mutating func addServicePrincipals() {
        addServicePrincipal(appId: context.profile.clientAppId, name: clientName, findingId: FindingID.clientServicePrincipal, state: context.clientState)
        for resource in context.profile.resources {
            addServicePrincipal(appId: resource.appId, name: resource.displayName, findingId: FindingID.servicePrincipal(resource), state: context.state(of: resource))
        }
    }

    private mutating func addServicePrincipal(appId: String, name: String, findingId: String, state: ServicePrincipalState) {
        switch state {
        case .found, .referenced:
            return
        case .unknown:
            warn("Whether the tenant has a service principal for \(name) (\(appId)) is unknown, so the plan may be incomplete. \(findingId) says why.")
        case .missing:
            guard Identifiers.isGUID(appId) else {
                warn("The profile's appId for \(name) is not a valid GUID, so no step creates its service principal.")
                return
            }
            append(FixStep(
                kind: .createServicePrincipal,
                reason: "The tenant has no service principal for \(name).",
                appId: appId.lowercased(),
                displayName: name
            ))
        }
    }

    /// Warns about client settings that the plan's commands do not change.
    mutating func addClientStateWarnings() {
        switch ClientEnabledCheck.evaluate(context) {
        case .disabledByTenant:
            let command = AzCommands.enableServicePrincipalLine(appId: context.profile.clientAppId)
            if let command {
                warn("The \(clientName) service principal is disabled in this tenant, so sign-in fails even with consent. If that was not deliberate, enable it with: \(command)")
            } else {
                warn("The \(clientName) service principal is disabled in this tenant, so sign-in fails even with consent. If that was not deliberate, enable it in Enterprise applications > Properties.")
            }
        case .disabledByMicrosoft:
            warn("Microsoft has disabled \(clientName), and nothing in this plan can change that.")
        case .enabled, .undecided:
            break
        }
        if context.clientState.servicePrincipal?.appRoleAssignmentRequired == true {
            warn("\(clientName) admits only assigned users. Assign the users who need it under Enterprise applications > \(clientName) > Users and groups, or turn off assignment required.")
        }
    }

    /// Returns the cloud's canonical name, the given name when it is a valid unknown name, or a
    /// placeholder.
    private static func cloudName(_ name: String) -> String {
        if let cloud = Cloud.named(name) {
            return cloud.name
        }
        return Identifiers.isCloudName(name) ? name : "<cloud-name>"
    }
}
