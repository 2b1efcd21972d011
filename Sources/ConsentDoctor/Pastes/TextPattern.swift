import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A compiled regular expression with helpers that return captured groups as strings.
///
/// Every pattern in this module is a constant, so a pattern that fails to compile is a
/// programming error. The unit tests compile all of them.
struct TextPattern: Sendable {
    let expression: NSRegularExpression
    /// Lowercase ASCII strings one of which every match contains; empty when there is no such list.
    private let literals: [[UInt8]]

    /// - Parameter literals: Strings one of which every match must contain, compared ignoring
    ///   ASCII case. Text that contains none is not handed to the regular expression engine at
    ///   all, which is much slower than this check. List only strings a match cannot do without.
    init(_ pattern: String, caseInsensitive: Bool = true, requiring literals: [String] = []) {
        let options: NSRegularExpression.Options = caseInsensitive ? [.caseInsensitive] : []
        expression = try! NSRegularExpression(pattern: pattern, options: options)
        self.literals = literals.map { Array($0.lowercased().utf8) }
    }

    /// Returns false when `text` lacks every required literal, so the pattern cannot match.
    func mayMatch(_ text: String) -> Bool {
        guard !literals.isEmpty else {
            return true
        }
        if let found = text.utf8.withContiguousStorageIfAvailable({ bytes in literals.contains { Self.contains(bytes, $0) } }) {
            return found
        }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in literals.contains { Self.contains(buffer, $0) } }
    }

    /// Returns whether `haystack` contains `needle`, which is lowercase, ignoring ASCII case.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else {
            return true
        }
        guard let base = haystack.baseAddress, haystack.count >= needle.count else {
            return false
        }
        let upperFirst = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) ? first - 32 : first
        let end = haystack.count - needle.count + 1

        // memchr finds the next candidate for the first byte far faster than a loop over every
        // byte. Each case is searched forward from its own last find, so the scan stays linear.
        func find(_ byte: UInt8, from start: Int) -> Int? {
            guard start < end, let found = memchr(base + start, Int32(byte), end - start) else {
                return nil
            }
            return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
        }
        var nextLower = find(first, from: 0)
        var nextUpper = upperFirst == first ? nil : find(upperFirst, from: 0)
        while true {
            let candidate: Int
            switch (nextLower, nextUpper) {
            case let (lower?, upper?): candidate = min(lower, upper)
            case let (lower?, nil): candidate = lower
            case let (nil, upper?): candidate = upper
            case (nil, nil): return false
            }
            var offset = 1
            while offset < needle.count, lowercased(haystack[candidate + offset]) == needle[offset] {
                offset += 1
            }
            if offset == needle.count {
                return true
            }
            if candidate == nextLower {
                nextLower = find(first, from: candidate + 1)
            } else {
                nextUpper = find(upperFirst, from: candidate + 1)
            }
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// Returns the captured groups of the first match, nil for a group that did not take part,
    /// or nil when nothing matches.
    func firstGroups(in text: String) -> [String?]? {
        guard mayMatch(text) else {
            return nil
        }
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
        let trimmed = TextDecoding.trimmed(value)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Returns the first match with its range in `text` and its captured groups, or nil.
    func firstMatch(in text: String) -> TextMatch? {
        guard mayMatch(text), let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let whole = Range(match.range, in: text)
        else {
            return nil
        }
        return TextMatch(range: whole, groups: Self.groups(of: match, in: text))
    }

    /// Returns every match with its range in `text` and its captured groups.
    func matches(in text: String) -> [TextMatch] {
        guard mayMatch(text) else {
            return []
        }
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
        mayMatch(text) && expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
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
