import Foundation

/// The stable identifiers of health-check findings. Reports, JSON consumers and tests match on
/// them, so they never change once released.
public enum FindingID {
    public static let tenantMatch = "tenant.match"
    public static let clientServicePrincipal = "service-principal.client"
    public static let clientEnabled = "client.enabled"
    public static let clientAssignmentRequired = "client.assignment-required"
    public static let openIDUserConsent = "openid.user-consent"
    public static let perUserGrants = "grants.per-user"
    public static let adminConsentWorkflow = "consent.admin-workflow"

    /// Returns `service-principal.{key}` for a resource, such as `service-principal.redis-api`.
    public static func servicePrincipal(_ resource: ResourceRequirement) -> String {
        "service-principal.\(resource.findingKey)"
    }

    /// Returns `{key}.scope-exposed` for a resource, such as `redis-api.scope-exposed`.
    public static func scopeExposed(_ resource: ResourceRequirement) -> String {
        "\(resource.findingKey).scope-exposed"
    }

    /// Returns `grant.{key}` for a resource, such as `grant.resource-manager`.
    public static func grant(_ resource: ResourceRequirement) -> String {
        "grant.\(resource.findingKey)"
    }
}

extension ResourceRequirement {
    /// The short name used in finding ids: `redis-api`, `resource-manager` and `microsoft-graph`
    /// for the well-known APIs, otherwise the display name without accents, in lower case, with
    /// every run of other characters turned into one hyphen.
    public var findingKey: String {
        switch appId.lowercased() {
        case WellKnownApps.azureRedisCache.appId:
            return "redis-api"
        case WellKnownApps.azureResourceManager.appId:
            return "resource-manager"
        case WellKnownApps.microsoftGraph.appId:
            return "microsoft-graph"
        default:
            return Self.slug(displayName, fallback: appId.lowercased())
        }
    }

    private static func slug(_ text: String, fallback: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased().unicodeScalars {
            let isWordCharacter = scalar.isASCII && (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar))
            if isWordCharacter {
                if pendingHyphen && !result.isEmpty {
                    result.append("-")
                }
                result.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? fallback : result
    }
}
