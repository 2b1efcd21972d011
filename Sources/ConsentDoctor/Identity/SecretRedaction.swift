/// Removes secrets from text that came from outside, such as an error description from a token
/// endpoint or Graph's error message, before the text reaches an error, a report or a log message.
enum SecretRedaction {
    static let placeholder = "[redacted]"

    /// Returns `text` with every occurrence of each secret of 4 or more characters replaced.
    /// Shorter values are skipped because they would match ordinary words.
    static func redact(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where secret.count >= 4 {
            result = result.replacingOccurrences(of: secret, with: placeholder)
        }
        return result
    }

    /// Returns text from a server or a tool with the request's `secrets` replaced. Every value
    /// that `SecretMasker` recognises as a credential is masked too, because a server may echo a
    /// token or a password that the request did not carry.
    static func cleaned(_ text: String, secrets: [String]) -> String {
        SecretMasker.masked(redact(text, secrets: secrets))
    }

    /// Returns the first line of `text`, cleaned as `cleaned(_:secrets:)` does and cut to `limit`
    /// characters, or nil when empty. Masking comes before the cut, so a cut never leaves part of
    /// a secret that masking would have recognised whole.
    static func summary(_ text: String, secrets: [String], limit: Int = 300) -> String? {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !line.isEmpty else {
            return nil
        }
        return cleanedAndCut(line, secrets: secrets, limit: limit)
    }

    /// Returns `text` with its lines joined by single spaces, cleaned and cut to `limit`
    /// characters, or nil when empty. Unlike `summary`, it keeps the lines after the first, for
    /// messages such as Graph's whose later part may carry the reason.
    static func singleLine(_ text: String, secrets: [String], limit: Int = 300) -> String? {
        let line = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        guard !line.isEmpty else {
            return nil
        }
        return cleanedAndCut(line, secrets: secrets, limit: limit)
    }

    /// Returns `text` cleaned and cut to `limit` characters. The request's own secrets are
    /// replaced in the whole text, which is cheap, but the pattern masker runs only on a prefix of
    /// 16 times the limit, so a message of many megabytes costs no more than a short one. When
    /// masking shrinks that prefix to less than twice the limit, text from near the prefix's end
    /// could reach the shown part, so the whole text is masked instead.
    private static func cleanedAndCut(_ text: String, secrets: [String], limit: Int) -> String {
        let prefixLength = limit * 16
        let redacted = redact(text, secrets: secrets)
        var cleanedText = SecretMasker.masked(String(redacted.prefix(prefixLength)))
        if cleanedText.count < 2 * limit && redacted.count > prefixLength {
            cleanedText = SecretMasker.masked(redacted)
        }
        return cleanedText.count > limit ? String(cleanedText.prefix(limit)) + "…" : cleanedText
    }
}
