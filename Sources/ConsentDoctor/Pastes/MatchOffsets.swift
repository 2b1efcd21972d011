/// The matches of a pattern in a text, found once, for asking many times whether a whole match
/// lies within a range, as `TextExtractor` does for each hit.
struct MatchOffsets {
    /// The matches as UTF-8 offsets from the start of the text, in order and without overlaps,
    /// because a regular expression's successive matches never overlap.
    private let ranges: [Range<Int>]

    /// Finds every match of `pattern` in `text[range]`.
    init(_ pattern: TextPattern, in text: String, range: Range<String.Index>) {
        let part = String(text[range])
        let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        ranges = pattern.matches(in: part).map { match in
            let lower = offset + part.utf8.distance(from: part.startIndex, to: match.range.lowerBound)
            let upper = offset + part.utf8.distance(from: part.startIndex, to: match.range.upperBound)
            return lower..<upper
        }
    }

    /// Returns whether a whole match lies within `bounds` of `text`.
    func containsMatch(within bounds: Range<String.Index>, in text: String) -> Bool {
        guard !ranges.isEmpty else {
            return false
        }
        let lower = text.utf8.distance(from: text.startIndex, to: bounds.lowerBound)
        let upper = text.utf8.distance(from: text.startIndex, to: bounds.upperBound)

        // Binary search for the first match that starts at or after `lower`. The ends are in
        // order too, so that match is the only one to test.
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound < lower {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < ranges.count && ranges[low].upperBound <= upper
    }
}
