import Foundation

/// An API that a client app needs delegated permissions on, and the scopes it needs there.
public struct ResourceRequirement: Codable, Sendable, Equatable {
    /// Why the client needs the resource, which decides when a missing grant shows up.
    public enum Purpose: String, Codable, Sendable {
        /// Requested at sign-in, so a missing grant fails sign-in itself.
        case signIn = "sign-in"
        /// Requested silently after sign-in, so a missing grant fails later.
        case afterSignIn = "after-sign-in"
        /// The OpenID Connect scopes, which Entra records as a grant to Microsoft Graph.
        case openID = "openid"
    }

    public var appId: String
    public var displayName: String
    /// Other display names seen in tenants for the same app.
    public var otherDisplayNames: [String]
    /// The resource URI clients request tokens for, such as `https://redis.azure.com`.
    public var resourceURI: String?
    /// The delegated scopes the client needs on this resource.
    public var scopes: [String]
    public var purpose: Purpose
}

/// The redirect URI rules of a client whose registration the tenant cannot change.
public struct RedirectRules: Codable, Sendable, Equatable {
    /// The redirect URI of the desktop build, such as `redisinsight://azure/oauth/callback`.
    public var desktopRedirectURI: String?
    /// The only host the web build may use in its redirect URI.
    public var allowedHost: String
    /// The ports registered for the web build on `allowedHost`.
    public var allowedPorts: [Int]
    /// The port the web build listens on when none is configured.
    public var defaultPort: Int
    /// The path the web build appends to its base URL.
    public var callbackPath: String
    /// The environment variable that sets the web build's public base URL.
    public var externalURLVariable: String?
    /// The environment variable that sets the web build's port.
    public var portVariable: String?
}

/// What the tool knows about one client application: its appId, the resources and scopes it
/// needs, and its redirect rules. App knowledge lives here, not in checks or explanations.
public struct AppProfile: Codable, Sendable, Equatable {
    /// A short identifier for the command line, such as `redisinsight`.
    public var id: String
    public var displayName: String
    public var clientAppId: String
    /// Other display names seen in tenants for the client app.
    public var otherClientDisplayNames: [String]
    public var resources: [ResourceRequirement]
    public var redirectRules: RedirectRules?
    /// Whether the app's owner, not the tenant, controls the registration, so a tenant admin can
    /// grant consent but cannot add redirect URIs or required permissions.
    public var registrationOwnedByVendor: Bool

    /// Returns the requirement for a resource appId, if the app needs that resource.
    public func resource(appId: String) -> ResourceRequirement? {
        resources.first { $0.appId.caseInsensitiveCompare(appId) == .orderedSame }
    }

    /// Returns the requirement whose resource URI matches, ignoring case and a trailing slash.
    public func resource(uri: String) -> ResourceRequirement? {
        let wanted = Self.normalizedURI(uri)
        return resources.first { requirement in
            requirement.resourceURI.map(Self.normalizedURI) == wanted
        }
    }

    private static func normalizedURI(_ uri: String) -> String {
        var result = uri.lowercased()
        while result.hasSuffix("/") {
            result.removeLast()
        }
        return result
    }
}

extension AppProfile {
    /// RedisInsight's Entra ID sign-in for Azure Cache for Redis and Azure Managed Redis.
    public static let redisInsight = AppProfile(
        id: "redisinsight",
        displayName: "RedisInsight",
        clientAppId: WellKnownApps.redisInsight.appId,
        otherClientDisplayNames: ["Redis Insight"],
        resources: [
            ResourceRequirement(
                appId: WellKnownApps.azureRedisCache.appId,
                displayName: WellKnownApps.azureRedisCache.displayName,
                otherDisplayNames: [],
                resourceURI: WellKnownApps.azureRedisCache.resourceURI,
                scopes: ["user_impersonation"],
                purpose: .signIn
            ),
            ResourceRequirement(
                appId: WellKnownApps.azureResourceManager.appId,
                displayName: WellKnownApps.azureResourceManager.displayName,
                otherDisplayNames: ["Azure Resource Manager"],
                resourceURI: WellKnownApps.azureResourceManager.resourceURI,
                scopes: ["user_impersonation"],
                purpose: .afterSignIn
            ),
            ResourceRequirement(
                appId: WellKnownApps.microsoftGraph.appId,
                displayName: WellKnownApps.microsoftGraph.displayName,
                otherDisplayNames: [],
                resourceURI: WellKnownApps.microsoftGraph.resourceURI,
                scopes: ["openid", "profile", "offline_access"],
                purpose: .openID
            ),
        ],
        redirectRules: RedirectRules(
            desktopRedirectURI: "redisinsight://azure/oauth/callback",
            allowedHost: "localhost",
            allowedPorts: [5540, 8000, 8001, 8002, 8003, 8004, 8005],
            defaultPort: 5540,
            callbackPath: "/api/azure/auth/callback",
            externalURLVariable: "RI_EXTERNAL_URL",
            portVariable: "RI_APP_PORT"
        ),
        registrationOwnedByVendor: true
    )

    /// Every built-in profile.
    public static let builtIn: [AppProfile] = [.redisInsight]

    /// Returns the built-in profile for a client appId or a profile id, ignoring case.
    public static func builtIn(matching key: String) -> AppProfile? {
        builtIn.first { profile in
            profile.clientAppId.caseInsensitiveCompare(key) == .orderedSame
                || profile.id.caseInsensitiveCompare(key) == .orderedSame
        }
    }
}
