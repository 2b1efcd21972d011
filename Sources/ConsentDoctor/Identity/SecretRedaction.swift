/// Removes known secrets from text that came from outside, such as an error description from a
/// token endpoint, before the text reaches an error or a log message.
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

    /// Returns the first line of `text`, redacted and cut to `limit` characters, or nil when empty.
    static func summary(_ text: String, secrets: [String], limit: Int = 300) -> String? {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !line.isEmpty else {
            return nil
        }
        let redacted = redact(line, secrets: secrets)
        return redacted.count > limit ? String(redacted.prefix(limit)) + "…" : redacted
    }

    /// Returns `text` with its lines joined by single spaces, redacted and cut to `limit`
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
        let redacted = redact(line, secrets: secrets)
        return redacted.count > limit ? String(redacted.prefix(limit)) + "…" : redacted
    }
}
