import Foundation

/// A token given on the command line or in `CONSENT_DOCTOR_ACCESS_TOKEN`, used as it is.
public struct StaticTokenSource: TokenSource {
    public let kind = TokenSourceKind.accessToken
    private let token: String

    /// - Throws: `IdentityError.invalidAccessToken` for an empty value or one with white space.
    public init(token: String) throws {
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains(where: \.isWhitespace) else {
            throw IdentityError.invalidAccessToken
        }
        self.token = trimmed
    }

    public func fetchToken() async throws -> AccessToken {
        AccessToken(value: token, source: kind)
    }
}
