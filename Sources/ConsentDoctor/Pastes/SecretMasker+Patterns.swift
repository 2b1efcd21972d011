import Foundation

extension SecretMasker {
    typealias Fragment = SecretPattern.Fragment

    /// Names whose value is a credential wherever it is.
    static let credentialNames = Fragment.names([
        ["access", "token"], ["refresh", "token"], ["id", "token"],
        ["client", "secret"], ["client", "assertion"], ["assertion"],
        ["password"], ["passwd"], ["pwd"],
        ["x", "api", "key"], ["api", "key"],
        ["account", "key"], ["shared", "access", "key"], ["private", "key"],
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
        // The body of a PEM private key, from its BEGIN line to its END line or the end of the
        // text. It comes before the assignments, so that `private_key: -----BEGIN` keeps its armor.
        SecretPattern(#"-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----((?:(?!-----END)[\s\S])+)"#),
        // A credential as an XML element, `<password>value</password>`, also HTML-escaped.
        SecretPattern(
            "<(?:\(credentialNames)|\(ambiguousNames))(?:[ \t][^<>]*)?>([^<]+)</"
                + "|&lt;(?:\(credentialNames)|\(ambiguousNames))&gt;((?:(?!&lt;)[^<])+)&lt;/",
            keeps: isIdentifierOrCode
        ),
        // A token after its scheme word, also percent-encoded as `Bearer%20...`.
        SecretPattern(
            Fragment.boundary + "(?:Bearer|PoP)(?:" + #"[ \t]+([A-Za-z0-9._~+/=-]+)"# + "|(?:\(Fragment.percent("20")))+" + Fragment.encodedValue + ")",
            keeps: isSchemeProse
        ),
        SecretPattern.assignment(names: credentialNames, separator: .either, values: .all) { value in
            value.hasPrefix("-----")
        },
        SecretPattern.assignment(names: ambiguousNames, separator: .equals, values: .all, keeps: isIdentifierOrCode),
        SecretPattern.assignment(names: ambiguousNames, separator: .colon, values: .quoted, keeps: isIdentifierOrCode),
        SecretPattern.assignment(names: ambiguousNames, separator: .colon, values: .unquoted) { value in
            isIdentifierOrCode(value) || !isTokenShaped(value)
        },
        // An authorization code as a URL parameter, and a SAS signature wherever its name starts
        // a word. `code` alone is too common a word to mask without the URL around it.
        SecretPattern(
            #"(?:(?:[?&#;]|"# + Fragment.percent("26|3F|23|3B") + ")code|" + Fragment.boundary + "sig)"
                + "(?:=" + Fragment.plainValue + "|" + Fragment.percent("3D") + Fragment.encodedValue + ")",
            keeps: isErrorCode
        ),
        // An authorization code outside a URL, such as `code=0.AAAA...` in a log line.
        SecretPattern(Fragment.boundary + "code[ \t]*=[ \t]*" + Fragment.plainValue, keeps: { !isAuthorizationCode($0) }),
        // An Entra client secret on its own. Entra writes three characters, then `7Q~` or `8Q~`,
        // then 31 or more. One or two characters before the marker count too, because a copy
        // may have lost the start of the secret.
        SecretPattern(#"(?<![A-Za-z0-9_.~-])([A-Za-z0-9_.~-]{1,3}[78]Q~[A-Za-z0-9_.~-]{31,})"#, caseInsensitive: false),
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

    /// Returns true for a word after `Bearer` or `PoP` that is prose, not a token. Prose is
    /// shorter than 6 characters, or fewer than 20 letters with at most the first upper case and
    /// an optional final period, as in "the Bearer token expired." or "Bearer authentication".
    static func isSchemeProse(_ value: Substring) -> Bool {
        var word = value
        while word.hasSuffix(".") {
            word = word.dropLast()
        }
        guard value.count >= 6 else {
            return true
        }
        let isLetters = word.allSatisfy { $0.isASCII && $0.isLetter }
        return isLetters && word.count < 20 && !word.dropFirst().contains(where: \.isUppercase)
    }

    /// Returns true for a value after `token:` or `secret:` that looks like a credential: it has
    /// a digit, or it has 12 or more characters and upper case after the first one, or it has 24
    /// or more characters. Prose such as "token: invalid_grant" has none of these.
    static func isTokenShaped(_ value: Substring) -> Bool {
        if value.contains(where: \.isASCIIDigit) {
            return true
        }
        let hasInnerUppercase = value.dropFirst().contains(where: \.isUppercase)
        return (value.count >= 12 && hasInnerUppercase && value.contains(where: \.isLowercase)) || value.count >= 24
    }

    /// Returns true for an authorization code outside a URL, as in Entra's `0.AAAA...`: digits,
    /// a period, then at least 4 more characters with a letter among them. A version such as
    /// `1.2.3` has no letter.
    static func isAuthorizationCode(_ value: Substring) -> Bool {
        let number = value.prefix { $0.isASCIIDigit }
        let rest = value.dropFirst(number.count)
        return !number.isEmpty && rest.hasPrefix(".") && rest.count > 4 && rest.contains(where: \.isLetter)
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

