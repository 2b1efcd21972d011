/// Finds the sign-in errors in a piece of text and pulls out the values of each one.
///
/// The text may be a whole paste or a window of a large log around a hit. Each error runs from
/// its hit to the next hit, at most `maximumSegmentLength` characters, and stops early at a line
/// that starts a new log record. The part of the hit's line before the hit is read for context
/// (the OAuth error, RedisInsight's user and tenant, a wrapper's timestamp).
struct TextExtractor {
    /// The form to report for every error, when the caller knows it (HAR, saved HTML, token JSON).
    var formOverride: PasteForm?
    /// The 1-based line of the input where `text` starts, or nil when lines mean nothing
    /// (text taken out of JSON or HTML).
    var firstLine: Int?

    static let maximumSegmentLength = 4096
    static let maximumPrefixLength = 600
    /// The farthest, in UTF-8 bytes, that the line around a hit is read in each direction. A
    /// longer line, such as a one-line JSON log, is cut there, so the work per hit stays bounded
    /// instead of growing with the length of the line.
    static let maximumLineReach = 8192

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
        for (position, located) in hits.enumerated() {
            let nextStart = position + 1 < hits.count ? hits[position + 1].hit.range.lowerBound : text.endIndex
            body(occurrence(for: located, nextHitStart: nextStart, in: text))
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

    private func occurrence(for located: LocatedHit, nextHitStart: String.Index, in text: String) -> SignInErrorOccurrence {
        let hit = located.hit
        let lineStart = Self.startOfLine(containing: hit.range.lowerBound, in: text, reach: Self.maximumLineReach)
        let lineEnd = Self.endOfLine(from: hit.range.lowerBound, in: text, reach: Self.maximumLineReach)
        let prefixStart = text.index(hit.range.lowerBound, offsetBy: -Self.maximumPrefixLength, limitedBy: lineStart) ?? lineStart
        let prefix = String(text[max(prefixStart, lineStart)..<hit.range.lowerBound])
        let line = String(text[lineStart..<lineEnd])
        let segmentEnd = Self.segmentEnd(for: hit, nextHitStart: nextHitStart, lineEnd: lineEnd, in: text)
        let segment = text[hit.range.lowerBound..<segmentEnd]

        var values = ExtractedValues()
        var form: PasteForm
        let decoded: String
        var urlAddress: String?

        switch hit.kind {
        case .code(let number):
            values.code = SignInErrorCode(rawValue: number)
            let decoding = SegmentDecoding.decode(segment: segment, prefix: prefix, line: line)
            // JSON escapes and URL encoding can bring back controls, such as `\u0000` or `%00`.
            decoded = TextDecoding.controlsAsSpaces(decoding.text)
            let neighbourhoodStart = text.index(hit.range.lowerBound, offsetBy: -1500, limitedBy: text.startIndex) ?? text.startIndex
            let neighbourhood = String(text[neighbourhoodStart..<segmentEnd])
            form = decoding.form ?? Self.form(line: line, segment: segment, neighbourhood: neighbourhood)
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
            values.message = Self.logMessage(line)
        case .graphPrivileges:
            decoded = String(segment)
            form = .azureCLI
            values.graphErrorCode = "Authorization_RequestDenied"
            values.message = Self.logMessage(line)
        }
        values.applicationErrorCode = located.applicationErrorCode

        MessageTemplates.apply(to: &values, from: decoded)
        values.redirectURI = values.redirectURI ?? urlAddress
        ContextValues.apply(to: &values, decoded: decoded, context: prefix + segment, prefix: prefix)
        ContextValues.applyPrecedingLines(to: &values, lines: Self.precedingLines(before: lineStart, in: text, count: 2))
        PageLabels.apply(to: &values, from: segment)
        ValueCleaner.clean(&values)

        if let formOverride {
            form = formOverride
        }
        let lineNumber = firstLine.map { $0 + located.lineIndex }
        return SignInErrorOccurrence(form: form, line: lineNumber, values: values)
    }

    // MARK: - Segments and lines

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
    private static func scalarBoundary(atOrAfter index: String.Index, in text: String) -> String.Index {
        var position = index
        while position < text.endIndex, text.utf8[position] & 0xC0 == 0x80 {
            position = text.utf8.index(after: position)
        }
        return position
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

    // MARK: - Forms

    private static let msalMarkers = TextPattern(#"ServerError:|Msal[A-Za-z]*Exception|MSALErrorDomain|MSAL[A-Za-z]*Key|ClientAuthenticationError|CredentialUnavailableError|AuthenticationRequiredError|InteractionRequiredAuthError|Microsoft\.Identity\.Client"#, caseInsensitive: false, requiring: [
        "servererror:", "msal", "clientauthenticationerror", "credentialunavailableerror", "authenticationrequirederror",
        "interactionrequiredautherror", "microsoft.identity.client",
    ])
    private static let redisInsightMarkers = TextPattern(#"Azure OAuth error|Token acquisition failed|Failed to get token for|Failed to get authenticated client|RedisInsight|Redis Insight"#, requiring: [
        "azure oauth error", "token acquisition failed", "failed to get token for", "failed to get authenticated client", "redisinsight", "redis insight",
    ])
    private static let azureCLIMarkers = TextPattern(#"Run the command below to authenticate interactively|^\s*ERROR:|az login"#, requiring: [
        "run the command below to authenticate interactively", "error:", "az login",
    ])
    private static let interactiveLoginHint = TextPattern("Run the command below to authenticate interactively", caseInsensitive: false, requiring: [
        "run the command below to authenticate interactively",
    ])
    private static let signInPageMarkers = TextPattern(#"having trouble signing you in|Troubleshooting details|Copy info to clipboard|Flag sign-in errors for review"#, requiring: [
        "having trouble signing you in", "troubleshooting details", "copy info to clipboard", "flag sign-in errors for review",
    ])

    /// Picks the form of a plain-text error from the markers around it.
    static func form(line: String, segment: Substring, neighbourhood: String) -> PasteForm {
        if msalMarkers.matches(line) {
            return .msal
        }
        if redisInsightMarkers.matches(line) {
            return .redisInsightLog
        }
        let following = String(segment.prefix(2048))
        if azureCLIMarkers.matches(line) || interactiveLoginHint.matches(following) {
            return .azureCLI
        }
        if signInPageMarkers.matches(neighbourhood) || PageLabels.looksLikeTroubleshootingBlock(following) {
            return .signInPageText
        }
        return .plainText
    }
}
