/// The context shared by the hits on one line of a text: where the line starts and ends, the
/// lines before it, and where the markers of each paste form occur on it.
///
/// `TextExtractor` builds one per line that has hits, not one per hit. A line can be far longer
/// than an error, such as a JSON log written on one line with thousands of errors, and reading it
/// once keeps the work per hit independent of the line's length.
struct LineContext {
    /// The paste forms whose markers are looked for on the line.
    enum Marker: CaseIterable {
        case msal
        case redisInsight
        case azureCLI
    }

    /// The 0-based line in the text.
    let index: Int
    /// The first character of the line.
    let start: String.Index
    /// The newline that ends the line, or the end of the text.
    let end: String.Index
    /// Up to two whole lines before this one, at most 2,000 characters.
    let precedingLines: String
    /// The matches of each marker pattern on the line.
    private let matches: [Marker: MatchOffsets]

    /// Reads the line that contains `position`.
    init(index: Int, containing position: String.Index, in text: String) {
        self.index = index
        let newline = UInt8(ascii: "\n")
        start = text.utf8[..<position].lastIndex(of: newline).map { text.utf8.index(after: $0) } ?? text.startIndex
        end = text.utf8[position...].firstIndex(of: newline) ?? text.endIndex
        precedingLines = TextExtractor.precedingLines(before: start, in: text, count: 2)

        var matches: [Marker: MatchOffsets] = [:]
        for marker in Marker.allCases {
            matches[marker] = MatchOffsets(Self.pattern(for: marker), in: text, range: start..<end)
        }
        self.matches = matches
    }

    /// Returns the part of the line that a hit at `position` reads: at most `reach` UTF-8 bytes
    /// on each side, cut at whole Unicode scalars.
    func bounds(around position: String.Index, reach: Int, in text: String) -> Range<String.Index> {
        var lower = start
        if text.utf8.distance(from: start, to: position) > reach {
            lower = TextExtractor.scalarBoundary(atOrAfter: text.utf8.index(position, offsetBy: -reach), in: text)
        }
        var upper = end
        if text.utf8.distance(from: position, to: end) > reach {
            upper = TextExtractor.scalarBoundary(atOrAfter: text.utf8.index(position, offsetBy: reach), in: text)
        }
        return lower..<upper
    }

    /// Returns whether a whole match of `marker` lies within `bounds`.
    func contains(_ marker: Marker, within bounds: Range<String.Index>, in text: String) -> Bool {
        matches[marker]?.containsMatch(within: bounds, in: text) ?? false
    }

    private static func pattern(for marker: Marker) -> TextPattern {
        switch marker {
        case .msal:
            return TextExtractor.msalMarkers
        case .redisInsight:
            return TextExtractor.redisInsightMarkers
        case .azureCLI:
            return TextExtractor.azureCLIMarkers
        }
    }
}
