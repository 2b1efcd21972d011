/// A fix plan prepared for the script emitters: every value validated again, every service
/// principal given a variable name, and steps with an invalid value marked as omitted.
///
/// Values reach a script only through this type. A value passes when `Identifiers` accepts it as
/// a GUID, a tenant, a scope token, a grant id or a cloud name, or when it is one of the fixed
/// placeholders. Any other value leaves its step out, with a comment that does not repeat it.
struct ScriptPlan {
    /// A service principal a script refers to, by appId.
    struct ServicePrincipalName: Equatable {
        /// A GUID in lower case, or a placeholder such as `<client-app-id>`.
        var appId: String
        /// A name made only of `a-z`, `0-9` and `_`, such as `redis_api`, for script variables.
        var variable: String
    }

    /// A grant step with validated values.
    struct Grant {
        var kind: FixStep.Kind
        var reason: String
        var client: ServicePrincipalName
        var resource: ServicePrincipalName
        /// The full scope list after the step: tokens, or the `<scope>` placeholder.
        var scopes: [String]
        /// The existing grant's id for `extendGrant`, when it is a valid grant id.
        var grantId: String?
        var clientObjectId: String?
        var resourceObjectId: String?
        var perUserGrantCount: Int
        /// The resource's display name for comments; it may hold any text, so comments clean it.
        var resourceName: String
    }

    enum Step {
        case signIn(tenant: String, reason: String)
        case createServicePrincipal(ServicePrincipalName, reason: String)
        case grant(Grant)
        /// A step left out because one of its values failed validation.
        case omitted(reason: String)
    }

    /// Placeholders a script may contain besides those of `AzCommands`.
    static let cloudPlaceholder = "<cloud-name>"
    static let graphPlaceholder = "<graph-url>"
    static let environmentPlaceholder = "<graph-environment>"

    var cloud: Cloud?
    /// The cloud's Azure CLI name, or the cloud placeholder.
    var cloudName: String
    /// The Graph root with its version, such as `https://graph.microsoft.com/v1.0`.
    var graphVersionRoot: String
    /// The tenant of the first sign-in step, or the tenant placeholder.
    var tenant: String
    /// The tenants of the sign-in steps in order, each once. A merged `explain` plan can sign in
    /// to several, and a `check` plan signs in to one.
    var signInTenants: [String] = []
    /// The client appId, or the client placeholder.
    var clientAppId: String
    var stateAware: Bool
    var steps: [Step]
    var warnings: [String]
    /// The warning that the input held errors the plan does not cover, or nil.
    var omittedErrorNotice: String?

    /// Whether the plan changes anything.
    var hasChanges: Bool {
        steps.contains { step in
            if case .signIn = step { return false }
            return true
        }
    }

    /// Prepares `plan` for the emitters.
    ///
    /// - Parameter graphRoot: The Graph root the tool read from, such as `http://127.0.0.1:8445`,
    ///   when it differs from the cloud's. Nil, or a value with characters outside a URL's safe
    ///   set, means the cloud's own Graph host.
    ///   - omittedErrors: The errors `explain` only counted, which the script cannot cover.
    init(plan: FixPlan, graphRoot: String? = nil, omittedErrors: [OmittedErrorCount] = []) {
        cloud = Cloud.named(plan.cloud)
        cloudName = cloud?.name ?? (Identifiers.isCloudName(plan.cloud) ? plan.cloud : Self.cloudPlaceholder)

        let root = graphRoot.flatMap { Self.isSafeRoot($0) ? $0 : nil } ?? cloud?.graphURL ?? Self.graphPlaceholder
        graphVersionRoot = root + "/v1.0"

        tenant = Self.tenant(plan.tenant)
        clientAppId = Self.appId(plan.clientAppId, placeholder: AzCommands.clientPlaceholder) ?? AzCommands.clientPlaceholder
        stateAware = plan.stateAware
        warnings = plan.warnings
        omittedErrorNotice = OmittedErrorNotice.text(omittedErrors)
        steps = []

        guard !plan.isEmpty else {
            return
        }
        var names = VariableNames(clientAppIds: Set([plan.clientAppId] + plan.steps.compactMap(\.clientAppId)).map { $0.lowercased() })
        for step in plan.steps {
            steps.append(Self.step(step, plan: plan, names: &names))
        }
        for case .signIn(let signInTenant, _) in steps where !signInTenants.contains(signInTenant) {
            signInTenants.append(signInTenant)
        }
        if let firstSignIn = signInTenants.first {
            tenant = firstSignIn
        }
    }

    /// Returns every placeholder that appears in the given lines, in a fixed order.
    static func placeholders(in lines: [String]) -> [String] {
        let all = [AzCommands.tenantPlaceholder, AzCommands.clientPlaceholder, AzCommands.resourcePlaceholder, AzCommands.scopePlaceholder, cloudPlaceholder, graphPlaceholder, environmentPlaceholder]
        let text = lines.joined(separator: "\n")
        return all.filter { text.contains($0) }
    }

    private static func step(_ step: FixStep, plan: FixPlan, names: inout VariableNames) -> Step {
        switch step.kind {
        case .signIn:
            return .signIn(tenant: tenant(step.tenant ?? plan.tenant), reason: step.reason)
        case .createServicePrincipal:
            guard let appId = appId(step.appId, placeholder: AzCommands.resourcePlaceholder) else {
                return .omitted(reason: step.reason)
            }
            return .createServicePrincipal(names.name(for: appId), reason: step.reason)
        case .createGrant, .extendGrant:
            let client = appId(step.clientAppId ?? plan.clientAppId, placeholder: AzCommands.clientPlaceholder)
            let resource = appId(step.resourceAppId, placeholder: AzCommands.resourcePlaceholder)
            let scopes = step.scopesAfter
            guard let client, let resource, !scopes.isEmpty,
                  scopes.allSatisfy({ Identifiers.isScopeToken($0) || $0 == AzCommands.scopePlaceholder })
            else {
                return .omitted(reason: step.reason)
            }
            return .grant(Grant(
                kind: step.kind,
                reason: step.reason,
                client: names.name(for: client),
                resource: names.name(for: resource),
                scopes: scopes,
                grantId: step.grantId.flatMap { Identifiers.isGrantId($0) ? $0 : nil },
                clientObjectId: step.clientObjectId.flatMap(Identifiers.normalizedGUID),
                resourceObjectId: step.resourceObjectId.flatMap(Identifiers.normalizedGUID),
                perUserGrantCount: max(0, step.perUserGrantCount),
                resourceName: step.resourceDisplayName ?? WellKnownApps.app(appId: resource)?.displayName ?? resource
            ))
        }
    }

    /// Returns a valid tenant, or the tenant placeholder.
    private static func tenant(_ value: String?) -> String {
        guard let value, Identifiers.isTenant(value) else {
            return AzCommands.tenantPlaceholder
        }
        return value
    }

    /// Returns the appId in lower case, the placeholder for a missing value or the placeholder
    /// itself, or nil for a value that fails validation.
    private static func appId(_ value: String?, placeholder: String) -> String? {
        guard let value else {
            return placeholder
        }
        if AzCommands.placeholders.contains(value) {
            return value
        }
        return Identifiers.normalizedGUID(value)
    }

    /// Returns true for an `http` or `https` root made only of characters that need no quoting
    /// in a URL: letters, digits and `. - _ ~ : / %`.
    static func isSafeRoot(_ text: String) -> Bool {
        guard text.hasPrefix("https://") || text.hasPrefix("http://"), !text.hasSuffix("/"), text.utf8.count <= 200 else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || ".-_~:/%".utf8.contains(byte)
        }
    }
}

/// Hands out script variable names for service principals: fixed names for the well-known APIs,
/// `client` for the client app, and `resource_1`, `resource_2` … for other APIs. Names never
/// come from display names, which may hold any text.
struct VariableNames {
    private let clientAppIds: Set<String>
    private var assigned: [String: String] = [:]
    private var resourceCount = 0
    private var clientCount = 0

    init(clientAppIds: [String]) {
        self.clientAppIds = Set(clientAppIds)
    }

    mutating func name(for appId: String) -> ScriptPlan.ServicePrincipalName {
        if let variable = assigned[appId] {
            return ScriptPlan.ServicePrincipalName(appId: appId, variable: variable)
        }
        let variable: String
        switch appId {
        case WellKnownApps.azureRedisCache.appId:
            variable = "redis_api"
        case WellKnownApps.azureResourceManager.appId:
            variable = "resource_manager"
        case WellKnownApps.microsoftGraph.appId:
            variable = "microsoft_graph"
        case _ where clientAppIds.contains(appId) || appId == AzCommands.clientPlaceholder:
            clientCount += 1
            variable = clientCount == 1 ? "client" : "client_\(clientCount)"
        default:
            resourceCount += 1
            variable = "resource_\(resourceCount)"
        }
        assigned[appId] = variable
        return ScriptPlan.ServicePrincipalName(appId: appId, variable: variable)
    }
}
