import Foundation

/// A compiled regular expression with helpers that return captured groups as strings.
///
/// Every pattern in this module is a constant, so a pattern that fails to compile is a
/// programming error. The unit tests compile all of them.
struct TextPattern: Sendable {
    let expression: NSRegularExpression

    init(_ pattern: String, caseInsensitive: Bool = true) {
        let options: NSRegularExpression.Options = caseInsensitive ? [.caseInsensitive] : []
        expression = try! NSRegularExpression(pattern: pattern, options: options)
    }

    /// Returns the captured groups of the first match, nil for a group that did not take part,
    /// or nil when nothing matches.
    func firstGroups(in text: String) -> [String?]? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = expression.firstMatch(in: text, range: range) else {
            return nil
        }
        return Self.groups(of: match, in: text)
    }

    /// Returns the first captured group of the first match, trimmed, or nil.
    func firstCapture(in text: String, group: Int = 1) -> String? {
        guard let groups = firstGroups(in: text), group - 1 < groups.count, let value = groups[group - 1] else {
            return nil
        }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Returns every match with its range in `text` and its captured groups.
    func matches(in text: String) -> [TextMatch] {
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            guard let whole = Range(match.range, in: text) else {
                return nil
            }
            return TextMatch(range: whole, groups: Self.groups(of: match, in: text))
        }
    }

    /// Returns whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private static func groups(of match: NSTextCheckingResult, in text: String) -> [String?] {
        guard match.numberOfRanges > 1 else {
            return []
        }
        return (1..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
    }
}

/// One match of a `TextPattern`.
struct TextMatch: Sendable {
    var range: Range<String.Index>
    var groups: [String?]
}
