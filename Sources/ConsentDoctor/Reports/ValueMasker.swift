import Foundation

/// Replaces sensitive values in text with numbered placeholders, the same placeholder for the
/// same value (ignoring case) for as long as the masker lives.
struct ValueMasker {
    enum Kind: String {
        case email
        case user
        case ip
        case domain
    }

    /// Host suffixes that belong to Microsoft or to public services and are never masked.
    static let publicHostSuffixes = [
        "microsoftonline.com", "microsoftonline.us", "microsoftonline.cn", "microsoft.com", "microsoft.us",
        "azure.com", "azure.net", "azure.us", "windows.net", "usgovcloudapi.net", "chinacloudapi.cn",
        "aka.ms", "live.com", "msauth.net", "msftauth.net", "office.com", "office365.com", "redis.io",
    ]

    private var placeholders: [String: String] = [:]
    private var counts: [Kind: Int] = [:]
    /// Values registered by role, masked wherever they appear in any string.
    private var literals: [(value: String, kind: Kind)] = []

    /// An e-mail address, also with its `@` percent-encoded as `%40` (or `%2540`), as in
    /// `mailto:dave%40contoso.com`, written as the HTML reference `&#64;` or `&#x40;`, or as the
    /// JSON escape `\u0040`. The local part takes no percent-encoded delimiter such as `%3D` or
    /// `%3A`, and does not start inside one, so `login_hint%3Ddave%40contoso.com` keeps its
    /// `login_hint%3D`. A quoted local part, as in `"dave"@contoso.com`, has at most 64 characters.
    private static let email = TextPattern(
        #"(?:"[^"\\\r\n@]{1,64}"|(?<!%)(?<!%[0-9A-Fa-f])(?:[A-Za-z0-9._+-]|%(?!25|2[02367CF]|3[A-F]|40))+)"#
            + #"(?:@|%(?:25)?40|&#0*64;|&#x0*40;|\\u0040)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}"#
    )
    private static let userBeforeAt = TextPattern(#"(?<![A-Za-z0-9._<>-])([A-Za-z0-9._-]+)@(?=[A-Za-z0-9\[])"#)
    private static let urlHost = TextPattern(#"[A-Za-z][A-Za-z0-9+.-]*://(?:[^/\s@'"<>]*@)?([A-Za-z0-9.-]+\.[A-Za-z]{2,63})(?![A-Za-z0-9-])"#)
    private static let tenantDomain = TextPattern(#"(?<![A-Za-z0-9.-])[A-Za-z0-9-]+\.(?:onmicrosoft\.(?:com|us|de)|partner\.onmschina\.cn)(?![A-Za-z0-9-])"#)
    private static let ipv4 = TextPattern(#"(?<![0-9]|[0-9]\.)\d{1,3}(?:\.\d{1,3}){3}(?!\.?[0-9])"#)
    private static let ipv6 = TextPattern(#"(?<![0-9A-Za-z:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Za-z:])"#)
    private static let homeFolder = TextPattern(#"(?:/home/|/Users/|[A-Za-z]:\\Users\\)([^/\\\s'"<>]+)"#)
    private static let labelledUser = TextPattern(#"\b(?:user(?:name)?|upn|login_hint|account)\s*[=:]\s*"?([^\s",;'<>]{2,})"#)

    /// Registers a value to mask wherever it appears.
    mutating func register(_ value: String, kind: Kind) {
        guard !value.isEmpty, !literals.contains(where: { $0.value.caseInsensitiveCompare(value) == .orderedSame }) else {
            return
        }
        literals.append((value, kind))
        literals.sort { $0.value.count > $1.value.count }
    }

    /// Registers the hosts of URLs in `text` that are not public, so the same host is masked
    /// where it appears without a scheme, such as in an ssh command or a sentence.
    mutating func registerURLHosts(in text: String) {
        for match in Self.urlHost.matches(in: text) {
            guard let host = match.groups[0], !Self.isPublicHost(host), !RedirectURIAnalysis.isIPAddress(host) else {
                continue
            }
            register(host, kind: .domain)
        }
    }

    /// Returns `text` with every sensitive value replaced by its placeholder.
    mutating func mask(_ text: String) -> String {
        var result = text
        result = replace(Self.email, in: result, group: 0, kind: .email)
        for literal in literals {
            result = replaceLiteral(literal.value, kind: literal.kind, in: result)
        }
        result = replace(Self.homeFolder, in: result, group: 1, kind: .user)
        result = replace(Self.labelledUser, in: result, group: 1, kind: .user) { !$0.hasPrefix("<") }
        result = replace(Self.userBeforeAt, in: result, group: 1, kind: .user)
        result = replace(Self.tenantDomain, in: result, group: 0, kind: .domain)
        result = replace(Self.urlHost, in: result, group: 1, kind: .domain) { host in
            !Self.isPublicHost(host) && !RedirectURIAnalysis.isIPAddress(host)
        }
        result = replace(Self.ipv4, in: result, group: 0, kind: .ip) { RedirectURIAnalysis.isIPAddress($0) }
        result = replace(Self.ipv6, in: result, group: 0, kind: .ip) { candidate in
            candidate.contains(where: \.isHexDigit) && candidate.filter({ $0 == ":" }).count >= 2
                && RedirectURIAnalysis.isIPAddress(candidate)
        }
        return result
    }

    static func isPublicHost(_ host: String) -> Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || publicHostSuffixes.contains { lowered == $0 || lowered.hasSuffix("." + $0) }
    }

    private mutating func placeholder(for value: String, kind: Kind) -> String {
        var canonical = value.lowercased()
        if kind == .email {
            // The same address, however its `@` is written and with or without quotes around
            // its local part, gets one placeholder.
            for encodedAt in ["%2540", "%40", "&#64;", "&#x40;", "\\u0040"] {
                canonical = canonical.replacingOccurrences(of: encodedAt, with: "@")
            }
            if canonical.hasPrefix("\""), let closingQuote = canonical.dropFirst().firstIndex(of: "\"") {
                canonical.remove(at: closingQuote)
                canonical.removeFirst()
            }
        }
        let key = "\(kind.rawValue):\(canonical)"
        if let existing = placeholders[key] {
            return existing
        }
        let number = (counts[kind] ?? 0) + 1
        counts[kind] = number
        let placeholder = "<\(kind.rawValue)-\(number)>"
        placeholders[key] = placeholder
        return placeholder
    }

    /// Replaces the text of capture `group` of every match (0 for the whole match) when `accept` allows it.
    private mutating func replace(_ pattern: TextPattern, in text: String, group: Int, kind: Kind, accept: (String) -> Bool = { _ in true }) -> String {
        let matches = pattern.expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else {
            return text
        }
        var result = text
        for match in matches.reversed() {
            guard let range = Range(match.range(at: group), in: result) else {
                continue
            }
            let value = String(result[range])
            guard accept(value), !value.hasPrefix("<") else {
                continue
            }
            result.replaceSubrange(range, with: placeholder(for: value, kind: kind))
        }
        return result
    }

    private mutating func replaceLiteral(_ value: String, kind: Kind, in text: String) -> String {
        guard text.range(of: value, options: .caseInsensitive) != nil else {
            return text
        }
        let escaped = NSRegularExpression.escapedPattern(for: value)
        let pattern = TextPattern("(?<![A-Za-z0-9.-])\(escaped)(?![A-Za-z0-9-])")
        return replace(pattern, in: text, group: 0, kind: kind)
    }
}
