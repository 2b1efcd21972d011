import Foundation

/// An access token the emulator accepts, with the identity and audience it was issued for.
struct IssuedToken: Sendable {
    var caller: Caller
    /// The normalised resource the token is for; nil for static tokens, which every API accepts.
    var audience: String?
    /// When the token stops being accepted; nil for static tokens.
    var expiresAt: Date?
}

/// A device code sign-in in progress.
struct DeviceCodeSession: Sendable {
    var caller: Caller
    var clientId: String
    var scopes: [String]
    var slowDownPollsLeft: Int
    var pendingPollsLeft: Int
    /// `approved`, `declined` or `expired`.
    var outcome: String
    var redeemed = false
}

/// The result of one poll of the token endpoint with a device code.
enum DeviceCodePoll {
    case unknown
    case slowDown
    case pending
    case approved(DeviceCodeSession)
    case declined
    case expired
}

/// Tokens, refresh tokens and device codes the emulator has issued, plus the tenant file's
/// static tokens. Token values are secrets: they never leave this type except in token responses.
final class TokenStore: @unchecked Sendable {
    /// Lifetime of issued access tokens in seconds, as Entra's default of about an hour.
    static let accessTokenLifetime = 3599

    private let lock = NSLock()
    private var accessTokens: [String: IssuedToken] = [:]
    private var refreshTokens: [String: (caller: Caller, clientId: String)] = [:]
    private var deviceCodes: [String: DeviceCodeSession] = [:]

    init(identities: [TenantFile.Identity]) {
        for identity in identities {
            for token in identity.staticTokens ?? [] {
                accessTokens[token] = IssuedToken(caller: Caller(identity, kind: .staticToken), audience: nil, expiresAt: nil)
            }
        }
    }

    /// Issues an access token and returns its value.
    func issueAccessToken(for caller: Caller, audience: String, now: Date = Date()) -> String {
        let value = SecretGenerator.token()
        lock.withLock {
            accessTokens[value] = IssuedToken(caller: caller, audience: TokenAudience.normalize(audience), expiresAt: now.addingTimeInterval(TimeInterval(Self.accessTokenLifetime)))
        }
        return value
    }

    func issueRefreshToken(for caller: Caller, clientId: String) -> String {
        let value = SecretGenerator.token(byteCount: 48)
        lock.withLock { refreshTokens[value] = (caller, clientId) }
        return value
    }

    func accessToken(_ value: String) -> IssuedToken? {
        lock.withLock { accessTokens[value] }
    }

    func refreshToken(_ value: String) -> (caller: Caller, clientId: String)? {
        lock.withLock { refreshTokens[value] }
    }

    /// Stores a new device code session and returns the device code.
    func startDeviceCode(_ session: DeviceCodeSession) -> String {
        let value = SecretGenerator.token(byteCount: 48)
        lock.withLock { deviceCodes[value] = session }
        return value
    }

    /// Advances a device code session by one poll: first `slow_down` polls, then pending polls,
    /// then the outcome. An approved code can be redeemed once.
    func pollDeviceCode(_ value: String) -> DeviceCodePoll {
        lock.withLock {
            guard var session = deviceCodes[value], !session.redeemed else {
                return .unknown
            }
            defer { deviceCodes[value] = session }
            if session.slowDownPollsLeft > 0 {
                session.slowDownPollsLeft -= 1
                return .slowDown
            }
            if session.pendingPollsLeft > 0 {
                session.pendingPollsLeft -= 1
                return .pending
            }
            switch session.outcome {
            case "declined":
                return .declined
            case "expired":
                return .expired
            default:
                session.redeemed = true
                return .approved(session)
            }
        }
    }
}

extension Caller {
    /// Builds the caller for a tenant file identity.
    init(_ identity: TenantFile.Identity, kind: Kind) {
        self.init(identityName: identity.name, kind: kind, permissions: Set(identity.permissions), objectId: identity.objectId, userPrincipalName: identity.userPrincipalName)
    }
}

/// Audience rules for tokens: which resource a scope names and which audiences Graph accepts.
enum TokenAudience {
    /// OpenID Connect scopes, which name no resource.
    static let openIdScopes: Set<String> = ["openid", "profile", "offline_access", "email"]
    static let graphAppId = "00000003-0000-0000-c000-000000000000"
    /// Graph's resource URIs in the public and national clouds.
    static let graphResources: Set<String> = [
        "https://graph.microsoft.com", "https://canary.graph.microsoft.com", "https://graph.microsoft.us",
        "https://dod-graph.microsoft.us", "https://microsoftgraph.chinacloudapi.cn", graphAppId,
    ]

    /// Lower-cases an audience and drops trailing slashes.
    static func normalize(_ audience: String) -> String {
        var value = audience.lowercased()
        while value.hasSuffix("/") {
            value.removeLast()
        }
        return value
    }

    /// Returns the resource a scope list names: the part before the last `/` of the first scope
    /// that has one, or Graph when every scope is a bare name such as `User.Read`.
    static func audience(forScopes scopes: [String]) -> String {
        for scope in scopes where !openIdScopes.contains(scope.lowercased()) {
            if let slash = scope.range(of: "/", options: .backwards) {
                return normalize(String(scope[..<slash.lowerBound]))
            }
        }
        return "https://graph.microsoft.com"
    }
}
