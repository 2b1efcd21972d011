import Foundation

/// Masks tokens and other bearer secrets in text taken from a paste or a server, keeping the rest.
///
/// A pasted error may carry a credential next to the message: a JWT in `error_description`, a
/// URL with `access_token=` or `code=`, an `Authorization: Bearer ...` header, a cookie or a
/// connection string from a log. Every extracted value, and every message a server returns that
/// the tool shows, passes through `masked(_:)`, so no such value reaches a report, an error or a
/// log line. Each secret becomes `[redacted]`, and its label, such as `access_token=` or `Bearer`,
/// stays so the reader sees what was removed. `SecretMasker+Patterns.swift` lists the shapes.
enum SecretMasker {
    static let placeholder = "[redacted]"

    /// Lowercase strings one of which every pattern needs, so most values skip the expressions.
    private static let triggers: [[UInt8]] = [
        "cookie", "authorization", "bearer", "pop", "token", "secret", "assertion", "passw", "pwd",
        "key", "session", "code", "sig", "eyj", "://", "3a%", "q~",
    ].map { Array($0.utf8) }

    /// Returns `text` with every credential replaced by `[redacted]`.
    ///
    /// Each pattern is one pass of ICU's regular expression engine, and the result is built in
    /// one more pass. NOTE: ICU backtracks, so linear time rests on the patterns' shape. It was
    /// measured, not proven: hostile 1 MB inputs of each shape took about 4 times as long as 250 KB.
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

    /// Returns `text` with the text of every capture group of every match replaced, unless it is
    /// empty, already the placeholder, or a value the pattern keeps.
    private static func replace(_ secretPattern: SecretPattern, in text: String) -> String {
        let matches = secretPattern.pattern.expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else {
            return text
        }

        // Copying the text between secrets into a new string, instead of replacing each secret
        // in place, keeps the work linear when one value contains many secrets.
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var copiedUpTo = text.startIndex
        for match in matches {
            for group in 1..<max(match.numberOfRanges, 1) {
                guard let range = Range(match.range(at: group), in: text), range.lowerBound >= copiedUpTo, !range.isEmpty else {
                    continue
                }
                let secret = text[range]
                guard !secret.hasPrefix(placeholder), !secretPattern.keeps(secret) else {
                    continue
                }
                result += text[copiedUpTo..<range.lowerBound]
                result += placeholder
                copiedUpTo = range.upperBound
            }
        }
        result += text[copiedUpTo...]
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
        triggers.contains { TextPattern.contains(bytes, $0) }
    }
}
