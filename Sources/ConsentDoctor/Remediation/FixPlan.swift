/// One change a tenant needs, in terms of the directory, independent of how it is carried out
/// (az, PowerShell, REST or a Graph write by `fix`).
public struct FixStep: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// Sign in to the tenant where the change must happen.
        case signIn = "sign-in"
        /// Create the service principal for `appId`.
        case createServicePrincipal = "create-service-principal"
        /// Create an `AllPrincipals` grant from the client to the resource with `scopesAfter`.
        case createGrant = "create-grant"
        /// Set the scope of the existing `AllPrincipals` grant `grantId` to `scopesAfter`.
        case extendGrant = "extend-grant"
    }

    public var kind: Kind
    /// Why the step is needed, as a sentence.
    public var reason: String
    /// The tenant for `signIn`.
    public var tenant: String?
    /// The service principal to create, for `createServicePrincipal`.
    public var appId: String?
    public var displayName: String?
    public var clientAppId: String?
    public var resourceAppId: String?
    public var resourceDisplayName: String?
    /// The existing grant, for `extendGrant`.
    public var grantId: String?
    /// Object ids when known; `fix` needs them, commands built from appIds do not.
    public var clientObjectId: String?
    public var resourceObjectId: String?
    /// Scopes the existing `AllPrincipals` grant already has.
    public var existingScopes: [String]
    /// Scopes the app requires on this resource.
    public var requiredScopes: [String]
    /// The full scope list after the step: the union of existing and required.
    public var scopesAfter: [String]
    /// Per-user grants between this client and resource, which `az ad app permission grant` deletes.
    public var perUserGrantCount: Int

    public init(
        kind: Kind,
        reason: String,
        tenant: String? = nil,
        appId: String? = nil,
        displayName: String? = nil,
        clientAppId: String? = nil,
        resourceAppId: String? = nil,
        resourceDisplayName: String? = nil,
        grantId: String? = nil,
        clientObjectId: String? = nil,
        resourceObjectId: String? = nil,
        existingScopes: [String] = [],
        requiredScopes: [String] = [],
        scopesAfter: [String] = [],
        perUserGrantCount: Int = 0
    ) {
        self.kind = kind
        self.reason = reason
        self.tenant = tenant
        self.appId = appId
        self.displayName = displayName
        self.clientAppId = clientAppId
        self.resourceAppId = resourceAppId
        self.resourceDisplayName = resourceDisplayName
        self.grantId = grantId
        self.clientObjectId = clientObjectId
        self.resourceObjectId = resourceObjectId
        self.existingScopes = existingScopes
        self.requiredScopes = requiredScopes
        self.scopesAfter = scopesAfter
        self.perUserGrantCount = perUserGrantCount
    }
}

/// The ordered changes that make a tenant healthy for one client app.
public struct FixPlan: Codable, Sendable, Equatable {
    /// The tenant to change, when known. Commands use a placeholder when it is not.
    public var tenant: String?
    public var cloud: String
    public var clientAppId: String
    /// Whether the plan was computed from the tenant's current state (`check`) or only from an
    /// error message (`explain`), in which case existing grants are not known.
    public var stateAware: Bool
    public var steps: [FixStep]
    /// Things the admin must know before running the plan, as sentences.
    public var warnings: [String]

    public init(tenant: String?, cloud: String, clientAppId: String, stateAware: Bool, steps: [FixStep], warnings: [String] = []) {
        self.tenant = tenant
        self.cloud = cloud
        self.clientAppId = clientAppId
        self.stateAware = stateAware
        self.steps = steps
        self.warnings = warnings
    }

    /// Whether the plan changes anything.
    public var isEmpty: Bool {
        !steps.contains { $0.kind != .signIn }
    }
}
