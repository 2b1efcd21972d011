import Foundation

/// The source of a Graph token, named as `--auth` names it.
public enum TokenSourceKind: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// `--access-token` or `CONSENT_DOCTOR_ACCESS_TOKEN`.
    case accessToken = "access-token"
    /// Client credentials from `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and `AZURE_CLIENT_SECRET`.
    case environment
    /// The managed identity endpoint in `IDENTITY_ENDPOINT`.
    case managedIdentity = "managed-identity"
    /// `az account get-access-token`.
    case azureCLI = "azure-cli"
    /// The OAuth device authorization grant, signed in from another device.
    case deviceCode = "device-code"

    public var description: String {
        rawValue
    }
}

/// A bearer token for Microsoft Graph.
///
/// Its `description`, `debugDescription` and mirror never include the token itself, so printing
/// or dumping it by mistake shows only where it came from.
public struct AccessToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The token to send as `Authorization: Bearer …`.
    public let value: String
    public var expiresOn: Date?
    /// The tenant the token is for, from the source or the token's `tid` claim.
    public var tenantId: String?
    public var source: TokenSourceKind

    public init(value: String, expiresOn: Date? = nil, tenantId: String? = nil, source: TokenSourceKind) {
        self.value = value
        self.expiresOn = expiresOn
        self.tenantId = tenantId ?? JWTClaims.tenantId(in: value)
        self.source = source
    }

    /// Returns whether the token expires within `margin` seconds of `now`. A token without a known
    /// expiry never counts as expiring.
    public func expires(within margin: TimeInterval, of now: Date) -> Bool {
        guard let expiresOn else {
            return false
        }
        return expiresOn.timeIntervalSince(now) <= margin
    }

    public var description: String {
        let tenant = tenantId.map { " for tenant \($0)" } ?? ""
        return "access token from \(source)\(tenant)"
    }

    public var debugDescription: String {
        description
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["source": source, "tenantId": tenantId as Any, "expiresOn": expiresOn as Any])
    }
}
