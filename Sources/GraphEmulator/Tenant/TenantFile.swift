import Foundation

/// The JSON file that describes one emulated tenant: its directory objects, policies and the
/// identities that may call the emulator. docs/emulator.md documents every field.
public struct TenantFile: Codable, Sendable {
    /// A verified domain of the tenant.
    public struct Domain: Codable, Sendable {
        public var name: String
        public var isDefault: Bool?
        public var isInitial: Bool?
    }

    /// A delegated permission that an app exposes, as Graph's `permissionScope`.
    public struct PermissionScope: Codable, Sendable {
        public var id: String
        public var value: String
        /// `User` or `Admin`: who may consent to it. Defaults to `User`.
        public var type: String?
        public var isEnabled: Bool?
        public var adminConsentDisplayName: String?
        public var adminConsentDescription: String?
        public var userConsentDisplayName: String?
        public var userConsentDescription: String?
    }

    /// A multi-tenant app that the emulator can create a service principal for.
    public struct CatalogApp: Codable, Sendable {
        public var appId: String
        public var displayName: String
        /// The tenant that owns the app registration.
        public var appOwnerOrganizationId: String?
        public var publisherName: String?
        public var signInAudience: String?
        /// Defaults to `[appId]`.
        public var servicePrincipalNames: [String]?
        public var replyUrls: [String]?
        public var oauth2PermissionScopes: [PermissionScope]?
    }

    /// An app registration owned by this tenant, listed under `/applications`.
    public struct Application: Codable, Sendable {
        public var id: String
        public var appId: String
        public var displayName: String
        public var identifierUris: [String]?
        public var signInAudience: String?
    }

    /// A service principal in the tenant. Fields left out are taken from the catalogue entry
    /// with the same appId.
    public struct ServicePrincipal: Codable, Sendable {
        public var id: String
        public var appId: String
        public var displayName: String?
        public var accountEnabled: Bool?
        public var appRoleAssignmentRequired: Bool?
        /// Non-null when Microsoft disabled the app, such as `"DisabledDueToViolationOfServicesAgreement"`.
        public var disabledByMicrosoftStatus: String?
        public var appOwnerOrganizationId: String?
        public var servicePrincipalNames: [String]?
        public var replyUrls: [String]?
        public var oauth2PermissionScopes: [PermissionScope]?
        public var tags: [String]?
    }

    /// A delegated permission grant. `id` defaults to the id Graph derives from the object ids.
    public struct PermissionGrant: Codable, Sendable {
        public var id: String?
        public var clientId: String
        public var consentType: String
        public var principalId: String?
        public var resourceId: String
        public var scope: String
    }

    public struct AuthorizationPolicy: Codable, Sendable {
        public var permissionGrantPoliciesAssigned: [String]
        public var allowedToCreateApps: Bool?
    }

    /// A reviewer entry of the admin consent request policy, as Graph's `accessReviewReviewerScope`.
    public struct Reviewer: Codable, Sendable {
        public var query: String
        public var queryType: String?
        public var queryRoot: String?
    }

    public struct AdminConsentRequestPolicy: Codable, Sendable {
        public var isEnabled: Bool
        public var notifyReviewers: Bool?
        public var remindersEnabled: Bool?
        public var requestDurationInDays: Int?
        public var reviewers: [Reviewer]?
    }

    /// An application credential for the client credentials flow.
    public struct ClientCredentials: Codable, Sendable {
        public var clientId: String
        public var clientSecret: String
    }

    /// A managed identity, reached through the `/msi/token` endpoint.
    public struct ManagedIdentity: Codable, Sendable {
        /// The value callers must send in `X-IDENTITY-HEADER`.
        public var identityHeader: String
        /// The identity's client id, which callers may send as `client_id` to pick it.
        public var clientId: String?
    }

    /// The course of a device code sign-in by this identity.
    public struct DeviceCode: Codable, Sendable {
        /// Public client ids allowed to start the flow for this identity; empty or absent means any.
        public var clientIds: [String]?
        /// Number of polls that get `authorization_pending` before the outcome.
        public var pendingPolls: Int?
        /// Number of polls that get `slow_down` before the pending ones.
        public var slowDownPolls: Int?
        /// `approved`, `declined` or `expired`.
        public var outcome: String?
        /// The polling interval the device code response announces, in seconds.
        public var interval: Int?
        /// The lifetime the device code response announces, in seconds.
        public var expiresIn: Int?
    }

    /// A caller of the emulator and what it may do.
    public struct Identity: Codable, Sendable {
        public var name: String
        /// `read`, `write`, both or neither.
        public var permissions: [String]
        public var objectId: String?
        public var userPrincipalName: String?
        /// Tokens accepted as they are, without a token request.
        public var staticTokens: [String]?
        public var clientCredentials: ClientCredentials?
        public var managedIdentity: ManagedIdentity?
        public var deviceCode: DeviceCode?
    }

    public var tenantId: String
    public var displayName: String?
    /// A note for people reading the file: the situation the tenant is set up to show.
    public var description: String?
    public var domains: [Domain]
    public var appCatalog: [CatalogApp]
    public var applications: [Application]?
    public var servicePrincipals: [ServicePrincipal]
    public var oauth2PermissionGrants: [PermissionGrant]
    public var authorizationPolicy: AuthorizationPolicy
    public var adminConsentRequestPolicy: AdminConsentRequestPolicy
    public var identities: [Identity]
}
