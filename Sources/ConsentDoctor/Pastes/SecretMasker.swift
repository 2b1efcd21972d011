import Foundation

/// Masks tokens and other bearer secrets in text taken from a paste, keeping the rest of it.
///
/// A pasted error may carry a credential next to the message: a JWT in `error_description`, a
/// URL with `access_token=` or `code=`, an `Authorization: Bearer ...` header or a cookie from a
/// log. Every extracted value passes through `masked(_:)`, so no such value reaches a report in
/// any format, with or without `--redact`. Each secret becomes `[redacted]`; its label, such as
/// `access_token=` or `Bearer`, stays so the reader sees what was removed.
enum SecretMasker {
    static let placeholder = "[redacted]"

    /// Parameter and field names whose values are credentials.
    private static let secretNames = "access_token|refresh_token|id_token|client_secret|client_assertion|assertion|password|passwd|pwd"

    /// The masks, in order. Group 1, when present, is kept in front of the placeholder.
    private static let patterns: [TextPattern] = [
        // A cookie header: every cookie in it may sign the user in.
        TextPattern(#"(\b(?:Set-)?Cookie\s*:\s*)[^\r\n]+"#),
        // An Authorization header, whatever its scheme.
        TextPattern(#"(\bAuthorization\s*[:=]\s*"?(?:(?:Bearer|Basic|Negotiate|Digest|PoP)\s+)?)[^\s",;]+"#),
        // A bearer token after its scheme word. The token must contain a digit or punctuation,
        // so prose such as "the Bearer token was rejected" stays as it is.
        TextPattern(#"(\b(?:Bearer|PoP)\s+)(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}"#),
        // name=value in a URL, a form body or a log line.
        TextPattern(#"((?<![A-Za-z0-9_])(?:\#(secretNames))\s*=\s*)[^&\s#"'<>]+"#),
        // An authorization code or a SAS signature as a URL parameter. A number, as in the error
        // page's `?code=650057`, is an error code and stays.
        TextPattern(#"([?&#;](?:code|sig)=)(?![0-9]{1,12}(?:[&#\s"'<>]|$))[^&\s#"'<>]+"#),
        // "name": "value" in JSON, also with escaped quotes as JSON inside a JSON string has them.
        TextPattern(#"(\\?"(?:\#(secretNames))\\?"\s*:\s*\\?")[^"\\]+"#),
        // A JWT (JWS or JWE) or another base64url-encoded JSON object: both start with `eyJ`.
        TextPattern(#"()\beyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){0,4}"#, caseInsensitive: false),
    ]

    /// Lowercase words one of which every pattern needs, so most text skips the expressions.
    private static let triggers: [[UInt8]] = [
        "cookie", "authorization", "bearer", "pop ", "token", "secret", "assertion", "passw", "pwd", "code", "sig=", "eyj",
    ].map { Array($0.utf8) }

    /// Returns `text` with every credential replaced by `[redacted]`.
    static func masked(_ text: String) -> String {
        guard mayContainSecret(text) else {
            return text
        }
        var result = text
        for pattern in patterns {
            result = replace(pattern, in: result)
        }
        return result
    }

    private static func replace(_ pattern: TextPattern, in text: String) -> String {
        let matches = pattern.expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else {
            return text
        }
        var result = text
        for match in matches.reversed() {
            guard let whole = Range(match.range, in: result) else {
                continue
            }
            let label = match.numberOfRanges > 1 ? Range(match.range(at: 1), in: result).map { String(result[$0]) } ?? "" : ""
            result.replaceSubrange(whole, with: label + placeholder)
        }
        return result
    }

    /// Returns whether `text` contains one of `triggers`, ignoring ASCII case.
    static func mayContainSecret(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable(containsTrigger) {
            return found
        }
        return Array(text.utf8).withUnsafeBufferPointer(containsTrigger)
    }

    private static func containsTrigger(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else {
            return false
        }
        for start in 0..<bytes.count {
            let first = lowercased(bytes[start])
            for trigger in triggers where trigger[0] == first && start + trigger.count <= bytes.count {
                var matched = true
                for offset in 1..<trigger.count where lowercased(bytes[start + offset]) != trigger[offset] {
                    matched = false
                    break
                }
                if matched {
                    return true
                }
            }
        }
        return false
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
