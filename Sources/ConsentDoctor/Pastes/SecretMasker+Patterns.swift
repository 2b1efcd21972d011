import Foundation

extension SecretMasker {
    typealias Fragment = SecretPattern.Fragment

    /// Names whose value is a credential wherever it is.
    static let credentialNames = Fragment.names([
        ["access", "token"], ["refresh", "token"], ["id", "token"],
        ["client", "secret"], ["client", "assertion"], ["assertion"],
        ["password"], ["passwd"], ["pwd"],
        ["x", "api", "key"], ["api", "key"],
        ["account", "key"], ["shared", "access", "key"],
    ])

    /// Names of credentials that are also ordinary words, so prose such as "Failed to get token:
    /// invalid_grant" must not lose its next word.
    static let ambiguousNames = Fragment.names([["token"], ["secret"], ["session", "id"], ["session"]])

    /// The schemes an `Authorization` header may name before its credential.
    private static let authorizationSchemes = "(?:Bearer|Basic|Negotiate|Digest|PoP|NTLM)"

    /// The masks, in order. A later pattern leaves alone a secret that an earlier one replaced,
    /// because captured text that starts with the placeholder is kept.
    static let patterns: [SecretPattern] = [
        // A cookie header: every cookie in it may sign the user in, so the whole value goes.
        SecretPattern(
            Fragment.boundary + #"(?:Set-)?Cookie(?:\\?["'])?[ \t]*:[ \t]*(?:"# + Fragment.quotedValue + #"|([^\r\n]+))"#
                + "|" + Fragment.boundary + "(?:Set(?:-|\(Fragment.percent("2D"))))?Cookie" + Fragment.percent("3A") + Fragment.encodedSpaces
                + "((?:(?!\(Fragment.percent("0[AD]")))[^\\s&\"'<>])+)"
        ),
        // An Authorization header, whatever its scheme.
        SecretPattern(
            Fragment.boundary + #"Authorization(?:\\?["'])?[ \t]*[:=][ \t]*(?:\\?["'])?(?:"# + authorizationSchemes + #"[ \t]+)?([^\s"',;\\]+)"#
                + "|" + Fragment.boundary + "Authorization" + Fragment.percent("3[AD]") + Fragment.encodedSpaces
                + "(?:\(authorizationSchemes)(?:\(Fragment.percent("20"))|\\+)+)?" + Fragment.encodedValue
        ),
        // A token after its scheme word, also percent-encoded as `Bearer%20...`.
        SecretPattern(
            Fragment.boundary + "(?:Bearer|PoP)(?:" + #"[ \t]+([A-Za-z0-9._~+/=-]+)"# + "|(?:\(Fragment.percent("20")))+" + Fragment.encodedValue + ")",
            keeps: isSchemeProse
        ),
        SecretPattern.assignment(names: credentialNames, separator: .either, values: .all),
        SecretPattern.assignment(names: ambiguousNames, separator: .equals, values: .all, keeps: isIdentifierOrCode),
        SecretPattern.assignment(names: ambiguousNames, separator: .colon, values: .quoted, keeps: isIdentifierOrCode),
        SecretPattern.assignment(names: ambiguousNames, separator: .colon, values: .unquoted) { value in
            isIdentifierOrCode(value) || !value.contains(where: \.isASCIIDigit)
        },
        // An authorization code as a URL parameter, and a SAS signature wherever its name starts
        // a word. `code` alone is too common a word to mask without the URL around it.
        SecretPattern(
            #"(?:(?:[?&#;]|"# + Fragment.percent("26|3F|23|3B") + ")code|" + Fragment.boundary + "sig)"
                + "(?:=" + Fragment.plainValue + "|" + Fragment.percent("3D") + Fragment.encodedValue + ")",
            keeps: isErrorCode
        ),
        // The password in a URL's user information: `scheme://user:password@host`.
        SecretPattern(
            #"://[^/\s:@?#'"<>]*:([^/\s@?#'"<>]+)(?=@)"#
                + "|" + Fragment.percent("3A") + Fragment.percent("2F") + Fragment.percent("2F")
                + "(?:(?!\(Fragment.percent("3A|40|2F")))[^\\s/:@&?#'\"<>])*" + Fragment.percent("3A")
                + "((?:(?!\(Fragment.percent("40|2F")))[^\\s/@&?#'\"<>])+)(?=\(Fragment.percent("40")))"
        ),
        // A JWT (JWS or JWE) or another base64url-encoded JSON object: both start with `eyJ`.
        SecretPattern(#"(?:\b|(?<=%[0-9A-Fa-f]{2}))(eyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){0,4})"#, caseInsensitive: false),
    ]

    /// Returns true for a word after `Bearer` or `PoP` that is prose, not a token: shorter than 8
    /// characters, or letters only apart from a final period, as in "the Bearer token expired."
    static func isSchemeProse(_ value: Substring) -> Bool {
        var word = value
        while word.hasSuffix(".") {
            word = word.dropLast()
        }
        return value.count < 8 || word.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// Returns true for a GUID or an AADSTS code, also with sentence punctuation after it, as in
    /// "Failed to get token: AADSTS650057: ...". A `sessionId` on the sign-in page is a GUID that
    /// support requests, and neither is a credential.
    static func isIdentifierOrCode(_ value: Substring) -> Bool {
        var word = value
        while let last = word.last, ".:)]}".contains(last) {
            word = word.dropLast()
        }
        return Identifiers.isGUID(word) || isAADSTSCode(word)
    }

    /// Returns true for an error code after `code=`, such as the error page's `?code=650057`: a
    /// number of up to 12 digits or an AADSTS code.
    static func isErrorCode(_ value: Substring) -> Bool {
        ((1...12).contains(value.count) && value.allSatisfy(\.isASCIIDigit)) || isAADSTSCode(value)
    }

    private static func isAADSTSCode(_ value: Substring) -> Bool {
        let digits = value.dropFirst(6)
        return value.prefix(6).uppercased() == "AADSTS" && !digits.isEmpty && digits.count <= 12 && digits.allSatisfy(\.isASCIIDigit)
    }
}

