/// A delegated permission a resource service principal exposes, from `oauth2PermissionScopes`.
public struct PermissionScope: Codable, Sendable, Equatable {
    public var id: String
    public var value: String
    /// `User` or `Admin`: who may consent to the scope.
    public var type: String?
    public var isEnabled: Bool?

    public init(id: String, value: String, type: String? = nil, isEnabled: Bool? = nil) {
        self.id = id
        self.value = value
        self.type = type
        self.isEnabled = isEnabled
    }
}

/// A Microsoft Graph `servicePrincipal`, with the properties the checks read.
public struct ServicePrincipal: Codable, Sendable, Equatable {
    /// The object id in this tenant. Grants refer to service principals by this id.
    public var id: String
    public var appId: String
    public var displayName: String?
    public var accountEnabled: Bool?
    public var appRoleAssignmentRequired: Bool?
    /// Non-nil when Microsoft has disabled the app, for example as malicious.
    public var disabledByMicrosoftStatus: String?
    public var appOwnerOrganizationId: String?
    public var oauth2PermissionScopes: [PermissionScope]?
    public var servicePrincipalNames: [String]?
    public var replyUrls: [String]?

    public init(
        id: String,
        appId: String,
        displayName: String? = nil,
        accountEnabled: Bool? = nil,
        appRoleAssignmentRequired: Bool? = nil,
        disabledByMicrosoftStatus: String? = nil,
        appOwnerOrganizationId: String? = nil,
        oauth2PermissionScopes: [PermissionScope]? = nil,
        servicePrincipalNames: [String]? = nil,
        replyUrls: [String]? = nil
    ) {
        self.id = id
        self.appId = appId
        self.displayName = displayName
        self.accountEnabled = accountEnabled
        self.appRoleAssignmentRequired = appRoleAssignmentRequired
        self.disabledByMicrosoftStatus = disabledByMicrosoftStatus
        self.appOwnerOrganizationId = appOwnerOrganizationId
        self.oauth2PermissionScopes = oauth2PermissionScopes
        self.servicePrincipalNames = servicePrincipalNames
        self.replyUrls = replyUrls
    }
}

/// A Microsoft Graph `oauth2PermissionGrant`: delegated scopes a client may use on a resource.
///
/// `clientId` and `resourceId` are service principal object ids, not appIds.
public struct OAuth2PermissionGrant: Codable, Sendable, Equatable {
    /// `AllPrincipals` for tenant-wide admin consent, `Principal` for one user's consent.
    public enum ConsentType: String, Codable, Sendable {
        case allPrincipals = "AllPrincipals"
        case principal = "Principal"
    }

    public var id: String
    public var clientId: String
    public var consentType: ConsentType
    /// The user's object id for a `Principal` grant, nil for `AllPrincipals`.
    public var principalId: String?
    public var resourceId: String
    /// Space-separated scope values, as Graph stores them.
    public var scope: String

    public init(id: String, clientId: String, consentType: ConsentType, principalId: String? = nil, resourceId: String, scope: String) {
        self.id = id
        self.clientId = clientId
        self.consentType = consentType
        self.principalId = principalId
        self.resourceId = resourceId
        self.scope = scope
    }

    /// The granted scope values, split on whitespace, in their stored order without repeats.
    public var scopes: [String] {
        var seen = Set<String>()
        return scope.split(whereSeparator: \.isWhitespace).map(String.init).filter { seen.insert($0).inserted }
    }
}

/// The part of the tenant's `authorizationPolicy` that decides whether users may consent.
public struct AuthorizationPolicy: Codable, Sendable, Equatable {
    /// `defaultUserRolePermissions.permissionGrantPoliciesAssigned`, such as
    /// `ManagePermissionGrantsForSelf.microsoft-user-default-low`.
    public var permissionGrantPoliciesAssigned: [String]

    public init(permissionGrantPoliciesAssigned: [String]) {
        self.permissionGrantPoliciesAssigned = permissionGrantPoliciesAssigned
    }

    /// The assigned policies that let users consent for themselves.
    public var userConsentPolicies: [String] {
        permissionGrantPoliciesAssigned.filter { $0.hasPrefix("ManagePermissionGrantsForSelf.") }
    }

    /// Whether users may consent to any app at all.
    public var allowsUserConsent: Bool { !userConsentPolicies.isEmpty }
}

/// The tenant's `adminConsentRequestPolicy`: whether users can ask an admin to approve an app.
public struct AdminConsentRequestPolicy: Codable, Sendable, Equatable {
    public var isEnabled: Bool
    public var reviewerCount: Int

    public init(isEnabled: Bool, reviewerCount: Int) {
        self.isEnabled = isEnabled
        self.reviewerCount = reviewerCount
    }
}

/// The tenant's id and verified domain names, from `GET /organization`.
public struct OrganizationIdentity: Codable, Sendable, Equatable {
    /// The tenant id, a GUID in lower case.
    public var id: String
    /// The names of the verified domains, such as `contoso.onmicrosoft.com`.
    public var domains: [String]

    public init(id: String, domains: [String]) {
        self.id = id
        self.domains = domains
    }
}
