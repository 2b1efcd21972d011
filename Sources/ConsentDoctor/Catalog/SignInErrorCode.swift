/// An AADSTS error code: the number Entra ID prints after `AADSTS`.
///
/// The set of codes is open, so this is a `RawRepresentable` struct rather than an enum: a code
/// that no table knows is still a valid value, and diagnosis reports it with its number.
public struct SignInErrorCode: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Parses `650057`, `AADSTS650057` or `aadsts650057`.
    public init?(_ text: String) {
        var digits = Substring(text)
        if digits.uppercased().hasPrefix("AADSTS") {
            digits = digits.dropFirst(6)
        }
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCIIDigit), let value = Int(digits) else {
            return nil
        }
        self.rawValue = value
    }

    public var description: String { "AADSTS\(rawValue)" }

    public static func < (lhs: SignInErrorCode, rhs: SignInErrorCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension SignInErrorCode {
    // Consent and permissions.
    public static let invalidResource = SignInErrorCode(rawValue: 650057)
    public static let noMatchingEntitlements = SignInErrorCode(rawValue: 65006)
    public static let servicePrincipalMissingForResource = SignInErrorCode(rawValue: 650052)
    public static let resourcePrincipalNotFound = SignInErrorCode(rawValue: 500011)
    public static let clientApplicationNotFound = SignInErrorCode(rawValue: 700016)
    public static let delegationDoesNotExist = SignInErrorCode(rawValue: 65001)
    public static let userDeclinedConsent = SignInErrorCode(rawValue: 65004)
    public static let misconfiguredApplication = SignInErrorCode(rawValue: 65005)
    public static let resourceNotInRequiredAccess = SignInErrorCode(rawValue: 650056)
    public static let adminConsentRequired = SignInErrorCode(rawValue: 90094)
    public static let graphUserUnauthorized = SignInErrorCode(rawValue: 90093)
    public static let userConsentBlockedByPolicy = SignInErrorCode(rawValue: 900941)
    public static let adminConsentRequiredRequestAccess = SignInErrorCode(rawValue: 90095)
    public static let tokenForItselfRequiresGraphPermission = SignInErrorCode(rawValue: 90008)

    // Redirect URIs.
    public static let invalidReplyTo = SignInErrorCode(rawValue: 50011)
    public static let replyAddressNotSupported = SignInErrorCode(rawValue: 500113)
    public static let crossOriginRedemptionRequiresSPA = SignInErrorCode(rawValue: 9002326)

    // Service principal state.
    public static let userNotAssignedToApplication = SignInErrorCode(rawValue: 50105)
    public static let clientApplicationDisabled = SignInErrorCode(rawValue: 7000112)
    public static let resourceServicePrincipalDisabled = SignInErrorCode(rawValue: 500014)

    // Conditional Access and MFA.
    public static let blockedByConditionalAccess = SignInErrorCode(rawValue: 53003)
    public static let managedDeviceRequired = SignInErrorCode(rawValue: 530003)
    public static let strongAuthenticationRequired = SignInErrorCode(rawValue: 50076)
    public static let strongAuthenticationEnrollmentRequired = SignInErrorCode(rawValue: 50079)

    // Accounts, tenants, scopes and credentials.
    public static let userUnauthorized = SignInErrorCode(rawValue: 50020)
    public static let invalidScope = SignInErrorCode(rawValue: 70011)
    public static let invalidClientSecret = SignInErrorCode(rawValue: 7000215)
    public static let clientSecretExpired = SignInErrorCode(rawValue: 7000222)
    public static let clientAssertionNotValidYet = SignInErrorCode(rawValue: 700024)
    public static let singleTenantAppOnCommonEndpoint = SignInErrorCode(rawValue: 50194)
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
