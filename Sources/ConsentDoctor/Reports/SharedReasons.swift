/// Reasons that several findings share, such as one 401 that stopped every Graph read. The text,
/// Markdown and HTML renderers state each shared reason once, numbered, and replace it inside
/// each finding's reason with a reference to that number.
public enum SharedReasons {
    /// Returns the candidates that the reasons of at least two findings contain, in the order the
    /// findings first show them. A candidate that contains another kept candidate is left out, so
    /// the shortest common failure is the one stated.
    public static func find(in findings: [Finding], candidates: [String]) -> [String] {
        let reasons = findings.compactMap(\.reason)
        var unique: [String] = []
        for candidate in candidates where !candidate.isEmpty && !unique.contains(candidate) {
            unique.append(candidate)
        }

        let repeated = unique.filter { candidate in
            reasons.filter { $0.contains(candidate) }.count >= 2
        }
        let roots = repeated.filter { candidate in
            !repeated.contains { other in other != candidate && candidate.contains(other) }
        }
        return roots.sorted { first, second in
            firstPlace(of: first, in: reasons) < firstPlace(of: second, in: reasons)
        }
    }

    /// Returns `reason` with each shared reason in it replaced by `see reason N above`, where N
    /// counts from 1. The reference starts with a capital letter where a sentence starts.
    public static func referencing(_ reason: String, shared: [String]) -> String {
        var result = reason
        for (offset, text) in shared.enumerated() where !text.isEmpty {
            let ending = text.hasSuffix(".") ? "." : ""
            var searchStart = result.startIndex
            while let range = result.range(of: text, range: searchStart..<result.endIndex) {
                let before = result[result.startIndex..<range.lowerBound].trimmingTrailingSpaces()
                let startsSentence = before.isEmpty || before.hasSuffix(".")
                let reference = "\(startsSentence ? "See" : "see") reason \(offset + 1) above\(ending)"
                result.replaceSubrange(range, with: reference)
                searchStart = result.index(range.lowerBound, offsetBy: reference.count)
            }
            // Two parts of one reason can fail for the same cause; refer to it once.
            let repeatedReference = "reason \(offset + 1) above\(ending) See reason \(offset + 1) above\(ending)"
            while result.contains(repeatedReference) {
                result = result.replacingOccurrences(of: repeatedReference, with: "reason \(offset + 1) above\(ending)")
            }
        }
        return result
    }

    /// Returns the index of the first reason that contains `text` and the position of `text` in
    /// it, for ordering.
    private static func firstPlace(of text: String, in reasons: [String]) -> (Int, Int) {
        for (index, reason) in reasons.enumerated() {
            if let range = reason.range(of: text) {
                return (index, reason.distance(from: reason.startIndex, to: range.lowerBound))
            }
        }
        return (reasons.count, 0)
    }
}

private extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var copy = self
        while copy.last == " " {
            copy.removeLast()
        }
        return copy
    }
}
