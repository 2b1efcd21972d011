/// Finds the sign-in errors in a piece of text and pulls out the values of each one.
///
/// The text may be a whole paste or a window of a large log around a hit. Each error runs from
/// its hit to the next hit, at most `maximumSegmentLength` characters, and stops early at a line
/// that starts a new log record. At most `maximumPrefixLength` characters of the hit's line
/// before the hit are read for context (the OAuth error, RedisInsight's user and tenant, a
/// wrapper's timestamp).
///
/// The work per hit does not grow with the length of its line. Markers on the line are found
/// once per line (`LineContext`) and the sign-in page's labels once per text (`MatchOffsets`),
/// so a one-line log with many errors costs about as much per error as one error per line.
struct TextExtractor {
    /// The form to report for every error, when the caller knows it (HAR, saved HTML, token JSON).
    var formOverride: PasteForm?
    /// The 1-based line of the input where `text` starts, or nil when lines mean nothing
    /// (text taken out of JSON or HTML).
    var firstLine: Int?

    static let maximumSegmentLength = 4096
    static let maximumPrefixLength = 600
    /// The farthest, in UTF-8 bytes, that a hit's line counts in each direction: a form marker
    /// farther away on a longer line, such as a one-line JSON log, does not decide the hit's form.
    static let maximumLineReach = 8192
    /// The distance in UTF-8 bytes before a hit within which the sign-in page's labels count.
    static let neighbourhoodLength = 1500

    init(formOverride: PasteForm? = nil, firstLine: Int? = 1) {
        self.formOverride = formOverride
        self.firstLine = firstLine
    }

    /// Returns the errors in `text` in order of appearance, before repeats are folded.
    func occurrences(in text: String) -> [SignInErrorOccurrence] {
        var result: [SignInErrorOccurrence] = []
        forEachOccurrence(in: text) { result.append($0) }
        return result
    }

    /// Calls `body` with each error in `text`, in order of appearance, so a caller can fold
    /// repeats without holding every error of a large text at once.
    ///
    /// Control characters other than tab and line breaks count as spaces, so a NUL between two
    /// words does not stop a message template from matching.
    func forEachOccurrence(in rawText: String, _ body: (SignInErrorOccurrence) -> Void) {
        let text = TextDecoding.controlsAsSpaces(rawText)
        let hits = Self.significantHits(in: text)
        let signInPageMatches = hits.isEmpty ? nil : MatchOffsets(Self.signInPageMarkers, in: text, range: text.startIndex..<text.endIndex)
        var cachedLine: LineContext?
        for (position, located) in hits.enumerated() {
            let nextStart = position + 1 < hits.count ? hits[position + 1].hit.range.lowerBound : text.endIndex
            let line: LineContext
            if let cached = cachedLine, cached.index == located.lineIndex {
                line = cached
            } else {
                line = LineContext(index: located.lineIndex, containing: located.hit.range.lowerBound, in: text)
                cachedLine = line
            }
            body(occurrence(for: located, line: line, signInPageMatches: signInPageMatches, nextHitStart: nextStart, in: text))
        }
    }

    // MARK: - Hits

    /// A hit with its 0-based line in the text and a RedisInsight error code seen on the same line.
    struct LocatedHit {
        var hit: ErrorHit
        var lineIndex: Int
        var applicationErrorCode: Int?
    }

    /// Returns the hits that start an error: every AADSTS code, and the first code-less marker of a
    /// line without a code. A code-less marker on a line with a code only adds its error code there.
    static func significantHits(in text: String) -> [LocatedHit] {
        let hits = ErrorHit.all(in: text)
        var lineIndex = 0
        var counted = text.startIndex
        var byLine: [(line: Int, hits: [ErrorHit])] = []
        for hit in hits {
            lineIndex += text.utf8[counted..<hit.range.lowerBound].lazy.filter { $0 == UInt8(ascii: "\n") }.count
            counted = hit.range.lowerBound
            if let last = byLine.last, last.line == lineIndex {
                byLine[byLine.count - 1].hits.append(hit)
            } else {
                byLine.append((lineIndex, [hit]))
            }
        }

        var result: [LocatedHit] = []
        for (line, lineHits) in byLine {
            let applicationCode = lineHits.lazy.compactMap { hit -> Int? in
                if case .applicationErrorCode(let number) = hit.kind {
                    return number
                }
                return nil
            }.first
            let codeHits = lineHits.filter { !$0.kind.isCodeless }
            if !codeHits.isEmpty {
                result += codeHits.map { LocatedHit(hit: $0, lineIndex: line, applicationErrorCode: applicationCode) }
            } else if let first = lineHits.first {
                var code = applicationCode
                if code == nil, lineHits.contains(where: { $0.kind == .authenticatedClientFailure }) {
                    code = ErrorHit.authenticatedClientErrorCode
                }
                result.append(LocatedHit(hit: first, lineIndex: line, applicationErrorCode: code))
            }
        }
        return result
    }

    // MARK: - One error

    /// Reads one error. The text read per hit is bounded: the segment up to the next hit and the
    /// prefix before the hit. Markers on the hit's line come from `line`, which is read once for
    /// all the hits on it, and markers of the sign-in page from `signInPageMatches`, found once
    /// in the whole text.
    private func occurrence(
        for located: LocatedHit,
        line: LineContext,
        signInPageMatches: MatchOffsets?,
        nextHitStart: String.Index,
        in text: String
    ) -> SignInErrorOccurrence {
        let hit = located.hit
        let lineBounds = line.bounds(around: hit.range.lowerBound, reach: Self.maximumLineReach, in: text)
        let lineStart = lineBounds.lowerBound
        let lineEnd = lineBounds.upperBound
        let prefixStart = Self.prefixStart(before: hit.range.lowerBound, lineStart: lineStart, in: text)
        let prefix = String(text[prefixStart..<hit.range.lowerBound])
        let segmentEnd = Self.segmentEnd(for: hit, nextHitStart: nextHitStart, lineEnd: lineEnd, in: text)
        let segment = text[hit.range.lowerBound..<segmentEnd]

        var values = ExtractedValues()
        var form: PasteForm
        let decoded: String
        var urlAddress: String?

        switch hit.kind {
        case .code(let number):
            values.code = SignInErrorCode(rawValue: number)
            let decoding = SegmentDecoding.decode(segment: segment, prefix: prefix)
            // JSON escapes and URL encoding can bring back controls, such as `\u0000` or `%00`.
            decoded = TextDecoding.controlsAsSpaces(decoding.text)
            let neighbourhoodStart = text.utf8.index(hit.range.lowerBound, offsetBy: -Self.neighbourhoodLength, limitedBy: text.startIndex) ?? text.startIndex
            let neighbourhood = Self.scalarBoundary(atOrAfter: neighbourhoodStart, in: text)..<segmentEnd
            let nearSignInPage = signInPageMatches?.containsMatch(within: neighbourhood, in: text) ?? false
            let markers = Set(LineContext.Marker.allCases.filter { line.contains($0, within: lineBounds, in: text) })
            form = decoding.form ?? Self.form(lineMarkers: markers, segment: segment, nearSignInPage: nearSignInPage)
            decoding.urlValues.apply(to: &values)
            urlAddress = decoding.urlValues.address
            values.message = Self.message(afterCodeIn: decoded)
            if Self.isToast(hit: hit, in: text) {
                form = .redisInsightToast
                values.message = Self.toastSentence(prefix)
            }
        case .applicationErrorCode, .authenticatedClientFailure:
            decoded = String(segment)
            form = .redisInsightLog
            values.message = Self.logMessage(String(text[lineBounds]))
        case .graphPrivileges:
            decoded = String(segment)
            form = .azureCLI
            values.graphErrorCode = "Authorization_RequestDenied"
            values.message = Self.logMessage(String(text[lineBounds]))
        }
        values.applicationErrorCode = located.applicationErrorCode

        MessageTemplates.apply(to: &values, from: decoded)
        values.redirectURI = values.redirectURI ?? urlAddress
        ContextValues.apply(to: &values, decoded: decoded, context: prefix + segment, prefix: prefix)
        ContextValues.applyPrecedingLines(to: &values, lines: line.precedingLines)
        PageLabels.apply(to: &values, from: segment)
        ValueCleaner.clean(&values)

        if let formOverride {
            form = formOverride
        }
        let lineNumber = firstLine.map { $0 + located.lineIndex }
        return SignInErrorOccurrence(form: form, line: lineNumber, values: values)
    }

    // MARK: - Messages

    private static let trailingLabel = TextPattern(#"(?:Trace ID|Correlation ID|Timestamp)\s*:"#, requiring: ["trace id", "correlation id", "timestamp"])

    /// Returns the message after `AADSTSnnnn:`, without trailing trace values, up to the end of its line.
    static func message(afterCodeIn decoded: String) -> String? {
        var body = withoutCodePrefix(Substring(decoded))
        if let lineBreak = body.firstIndex(where: { $0 == "\n" || $0 == "\r" }) {
            body = body[..<lineBreak]
        }
        let bodyText = String(body)
        if let trailing = trailingLabel.firstMatch(in: bodyText) {
            body = bodyText[..<startOfSeparator(before: trailing.range.lowerBound, in: bodyText)]
        }
        var cleaned = TextDecoding.cleaned(body)
        while cleaned.hasSuffix(" -") || cleaned.hasSuffix("\"") || cleaned.hasSuffix(",") {
            cleaned = String(cleaned.dropLast(cleaned.hasSuffix(" -") ? 2 : 1))
        }
        return cleaned.isEmpty ? nil : String(cleaned.prefix(2000))
    }

    /// Returns where the separator before a trailing label starts: white space, or ` - ` as
    /// msal-node writes it. Searching for the label first and stepping back is much faster than
    /// a pattern that starts with optional white space.
    private static func startOfSeparator(before index: String.Index, in text: String) -> String.Index {
        var start = index
        func skipWhitespace() {
            while start > text.startIndex, text[text.index(before: start)].isWhitespace {
                start = text.index(before: start)
            }
        }
        skipWhitespace()
        if start > text.startIndex, text[text.index(before: start)] == "-" {
            start = text.index(before: start)
            skipWhitespace()
        }
        return start
    }

    /// Returns `text` without a leading `AADSTSnnnn`, the colon after it and the white space
    /// around the colon. Text that does not start with a code is returned unchanged.
    static func withoutCodePrefix(_ text: Substring) -> Substring {
        guard text.utf8.count > 6, text.prefix(6).uppercased() == "AADSTS" else {
            return text
        }
        var rest = text.dropFirst(6)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else {
            return text
        }
        rest = rest.dropFirst(digits.count).drop(while: \.isWhitespace)
        if rest.first == ":" {
            rest = rest.dropFirst().drop(while: \.isWhitespace)
        }
        return rest
    }

    private static let logPrefix = TextPattern(#"^\s*(?:\[[^\]]{1,40}\]\s*|\d{4}-\d{2}-\d{2}[ T][0-9:.,]+Z?\s*|(?:error|warn|info)\s*:?\s*)+"#)

    /// Returns a log line without its leading timestamp and level, shortened for a report.
    static func logMessage(_ line: String) -> String? {
        var text = line
        if let match = logPrefix.matches(in: line).first, match.range.lowerBound == line.startIndex {
            text = String(line[match.range.upperBound...])
        }
        let cleaned = TextDecoding.cleaned(text)
        return cleaned.isEmpty ? nil : String(cleaned.prefix(300))
    }

    /// Returns whether the code is wrapped in brackets, as in RedisInsight's toast `(AADSTS650057)`.
    static func isToast(hit: ErrorHit, in text: String) -> Bool {
        guard hit.range.lowerBound > text.startIndex, hit.range.upperBound < text.endIndex else {
            return false
        }
        return text[text.index(before: hit.range.lowerBound)] == "(" && text[hit.range.upperBound] == ")"
    }

    private static func toastSentence(_ prefix: String) -> String? {
        var sentence = Substring(prefix)
        if sentence.hasSuffix("(") {
            sentence = sentence.dropLast()
        }
        let cleaned = TextDecoding.cleaned(sentence)
        return cleaned.isEmpty ? nil : cleaned
    }
}
