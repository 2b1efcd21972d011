import Foundation

/// A Graph v1.0 resource path the emulator serves. Segment names match without regard to case;
/// ids and key values keep their case.
enum GraphRoute: Equatable {
    /// The key a request uses to name one service principal.
    enum ServicePrincipalKey: Equatable {
        case id(String)
        case appId(String)
    }

    case servicePrincipals
    case servicePrincipal(ServicePrincipalKey)
    case servicePrincipalGrants(ServicePrincipalKey)
    case grants
    case grant(String)
    case applications
    case application(String)
    case batch
    case authorizationPolicy
    case adminConsentRequestPolicy
    case organization
    case me

    /// Parses the path after the version segment, such as `/servicePrincipals(appId='…')`.
    ///
    /// - Throws: `GraphError.badRequest` naming the first segment that is not served.
    static func parse(_ path: String) throws -> GraphRoute {
        let segments = path.split(separator: "/").map(String.init)
        guard let first = segments.first else {
            throw GraphError.badRequest("The request names no resource after the version segment.")
        }
        let rest = Array(segments.dropFirst())
        let (name, key) = splitKey(first)
        let lowerName = name.lowercased()

        switch (lowerName, key, rest.count) {
        case ("serviceprincipals", nil, 0):
            return .servicePrincipals
        case ("serviceprincipals", nil, 1):
            return .servicePrincipal(.id(rest[0]))
        case ("serviceprincipals", nil, 2) where rest[1].lowercased() == "oauth2permissiongrants":
            return .servicePrincipalGrants(.id(rest[0]))
        case ("serviceprincipals", let key?, 0):
            return .servicePrincipal(.appId(try appIdKey(key, segment: first)))
        case ("serviceprincipals", let key?, 1) where rest[0].lowercased() == "oauth2permissiongrants":
            return .servicePrincipalGrants(.appId(try appIdKey(key, segment: first)))
        case ("oauth2permissiongrants", nil, 0):
            return .grants
        case ("oauth2permissiongrants", nil, 1):
            return .grant(rest[0])
        case ("applications", nil, 0):
            return .applications
        case ("applications", nil, 1):
            return .application(rest[0])
        case ("$batch", nil, 0):
            return .batch
        case ("policies", nil, 1) where rest[0].lowercased() == "authorizationpolicy":
            return .authorizationPolicy
        case ("policies", nil, 1) where rest[0].lowercased() == "adminconsentrequestpolicy":
            return .adminConsentRequestPolicy
        case ("organization", nil, 0):
            return .organization
        case ("me", nil, 0):
            return .me
        default:
            let unknown = segments.first { !["serviceprincipals", "oauth2permissiongrants", "applications", "policies"].contains(splitKey($0).0.lowercased()) } ?? segments.last ?? first
            throw GraphError.badRequest("The segment '\(unknown)' in '\(path)' names no resource this emulator serves.")
        }
    }

    /// Splits `servicePrincipals(appId='x')` into the name and the text inside the parentheses.
    private static func splitKey(_ segment: String) -> (String, String?) {
        guard let open = segment.firstIndex(of: "("), segment.hasSuffix(")") else {
            return (segment, nil)
        }
        let inner = segment[segment.index(after: open)..<segment.index(before: segment.endIndex)]
        return (String(segment[..<open]), String(inner))
    }

    /// Reads `appId='…'` from a key segment.
    private static func appIdKey(_ key: String, segment: String) throws -> String {
        let pieces = key.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.count == 2, pieces[0].lowercased() == "appid", pieces[1].count >= 2, pieces[1].hasPrefix("'"), pieces[1].hasSuffix("'") else {
            throw GraphError.badRequest("The key in '\(segment)' is not of the form appId='…'.")
        }
        return String(pieces[1].dropFirst().dropLast())
    }
}
