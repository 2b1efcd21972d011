/// Finding where an error's segment, its prefix and the lines around it start and end.
extension TextExtractor {
    /// A line that starts a log record: a date, a bracketed level such as `[error]`, or an
    /// upper-case level such as `ERROR:`. Case matters for the bare level, so that a message line
    /// such as `Trace ID: ...` is not taken for one.
    private static let recordStart = TextPattern(
        #"^\s*(?:\[?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}|\[(?:[Ee]rror|ERROR|[Ww]arn(?:ing)?|WARN(?:ING)?|[Ii]nfo|INFO|[Dd]ebug|DEBUG)\]|(?:ERROR|WARN|WARNING|INFO|DEBUG)[:\s])"#,
        caseInsensitive: false
    )

    /// Returns where a hit's error ends: the next hit, the length cap, or the first later line
    /// that starts a new log record, whichever comes first.
    static func segmentEnd(for hit: ErrorHit, nextHitStart: String.Index, lineEnd: String.Index, in text: String) -> String.Index {
        var end = text.index(hit.range.lowerBound, offsetBy: maximumSegmentLength, limitedBy: nextHitStart) ?? nextHitStart
        var lineStart = lineEnd
        while lineStart < end {
            let afterNewline = text.index(after: lineStart)
            guard afterNewline < end else {
                break
            }
            let nextLineEnd = endOfLine(from: afterNewline, in: text, reach: maximumLineReach)
            let head = String(text[afterNewline..<min(nextLineEnd, text.index(afterNewline, offsetBy: 48, limitedBy: nextLineEnd) ?? nextLineEnd)])
            if recordStart.matches(head) {
                end = lineStart
                break
            }
            lineStart = nextLineEnd
        }
        return end
    }

    /// Returns where the prefix of a hit starts: `maximumPrefixLength` characters before it, or
    /// the start of its line when that is nearer.
    ///
    /// Within a line, which contains no CR LF pair, ASCII text has one character per byte. So when
    /// the bytes before the hit and the byte before those are ASCII, the start is found without
    /// stepping through the characters one by one.
    static func prefixStart(before hitStart: String.Index, lineStart: String.Index, in text: String) -> String.Index {
        let byteStart = text.utf8.index(hitStart, offsetBy: -maximumPrefixLength, limitedBy: lineStart) ?? lineStart
        let startsCharacter = byteStart == lineStart || text.utf8[text.utf8.index(before: byteStart)] < 0x80
        if startsCharacter, isASCII(text.utf8[byteStart..<hitStart]) {
            return byteStart
        }
        return text.index(hitStart, offsetBy: -maximumPrefixLength, limitedBy: lineStart) ?? lineStart
    }

    private static func isASCII(_ bytes: Substring.UTF8View) -> Bool {
        // OR-ing every byte lets the compiler use vector instructions, unlike an early exit.
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            buffer.reduce(0, |) < 0x80
        }
        return contiguous ?? bytes.allSatisfy { $0 < 0x80 }
    }

    /// Returns up to `count` whole lines before `lineStart`, at most 2,000 characters.
    static func precedingLines(before lineStart: String.Index, in text: String, count: Int) -> String {
        var start = lineStart
        for _ in 0..<count where start > text.startIndex {
            start = startOfLine(containing: text.index(before: start), in: text, reach: maximumLineReach)
        }
        let limited = text.index(lineStart, offsetBy: -2000, limitedBy: start) ?? start
        return String(text[max(start, limited)..<lineStart])
    }

    /// Returns the start of the line that contains `index`, or the position `reach` UTF-8 bytes
    /// before `index` when the line starts farther back.
    static func startOfLine(containing index: String.Index, in text: String, reach: Int = .max) -> String.Index {
        var position = index
        var remaining = reach
        while position > text.startIndex {
            guard remaining > 0 else {
                return scalarBoundary(atOrAfter: position, in: text)
            }
            let previous = text.utf8.index(before: position)
            if text.utf8[previous] == UInt8(ascii: "\n") {
                return position
            }
            position = previous
            remaining -= 1
        }
        return text.startIndex
    }

    /// Returns the position of the newline that ends the line from `index`, the end of the
    /// text, or the position `reach` UTF-8 bytes after `index` when the line goes on farther.
    static func endOfLine(from index: String.Index, in text: String, reach: Int = .max) -> String.Index {
        let bytes = text.utf8[index...]
        let searched = bytes.prefix(reach)
        if let newline = searched.firstIndex(of: UInt8(ascii: "\n")) {
            return newline
        }
        guard searched.endIndex < bytes.endIndex else {
            return text.endIndex
        }
        return scalarBoundary(atOrAfter: searched.endIndex, in: text)
    }

    /// Returns `index`, or the next position that starts a Unicode scalar when `index` falls
    /// inside the UTF-8 bytes of one, so a cut line never splits a character's bytes.
    static func scalarBoundary(atOrAfter index: String.Index, in text: String) -> String.Index {
        var position = index
        while position < text.endIndex, text.utf8[position] & 0xC0 == 0x80 {
            position = text.utf8.index(after: position)
        }
        return position
    }
}
