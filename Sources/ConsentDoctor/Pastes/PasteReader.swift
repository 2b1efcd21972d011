import Foundation

/// The errors found in one paste, after repeats were folded, and notes about the input.
public struct PasteReading: Sendable, Equatable {
    /// The distinct errors kept in full, at most `PasteReader.defaultDetailLimit` unless the
    /// reader was given another limit, in order of first appearance.
    public var occurrences: [SignInErrorOccurrence]
    /// Sentences about the input itself, such as Azure CLI output that is not a sign-in error.
    public var notes: [String]
    /// Whether the input was larger than `PasteReader.wholeDocumentLimit` and scanned as a stream.
    public var scannedAsStream: Bool
    /// The errors found after the detail limit was reached, counted per code instead of kept.
    public var omittedErrors: [OmittedErrorCount]
    /// The number of bytes read when reading stopped at the input limit; nil when the whole input was read.
    public var stoppedAfterBytes: Int?

    public init(
        occurrences: [SignInErrorOccurrence],
        notes: [String] = [],
        scannedAsStream: Bool = false,
        omittedErrors: [OmittedErrorCount] = [],
        stoppedAfterBytes: Int? = nil
    ) {
        self.occurrences = occurrences
        self.notes = notes
        self.scannedAsStream = scannedAsStream
        self.omittedErrors = omittedErrors
        self.stoppedAfterBytes = stoppedAfterBytes
    }
}

/// Reads a paste in whatever form it came and returns the sign-in errors in it.
///
/// An input up to `wholeDocumentLimit` bytes is read whole: JSON is parsed (token-endpoint
/// responses and HAR files get their own readers), HTML goes through libxml2, and anything
/// else is scanned as text. A larger input is scanned as text in chunks, in bounded memory;
/// JSON escapes and URL encoding around each hit are still decoded then, but a HAR's base64
/// bodies are not, and a note reports that. Reading stops after `maximumInputBytes`, with a note.
public enum PasteReader {
    /// The largest input parsed whole as JSON, HAR or HTML: 16 MiB, which fits any pasted
    /// error and most HAR files of a sign-in. Parsing that much whole is what takes the most
    /// memory: about 220 MiB for JSON and 440 MiB for a HAR, measured with the release build.
    public static let wholeDocumentLimit = 16 << 20

    /// The maximum number of input bytes read by default: 4 GiB, far more than the log of one
    /// incident, so only an endless or runaway input such as `/dev/zero` is cut short.
    public static let defaultMaximumInputBytes = 4 << 30

    /// The maximum number of distinct errors kept in full by default: enough for any real paste
    /// or the log of one incident, while a report of 100 diagnoses stays readable. Later
    /// distinct errors are only counted per code.
    public static let defaultDetailLimit = 100

    /// Reads what `source` delivers, up to `maximumInputBytes`.
    ///
    /// - Parameters:
    ///   - maximumInputBytes: Reading stops after this many bytes. The reading then has
    ///     `stoppedAfterBytes` set and a note, and contains the errors found before the limit.
    ///   - detailLimit: The most distinct errors kept in full; later ones are only counted.
    /// - Throws: What `source` throws when reading fails.
    public static func read(
        _ source: inout some ChunkSource,
        maximumInputBytes: Int = defaultMaximumInputBytes,
        detailLimit: Int = defaultDetailLimit
    ) throws -> PasteReading {
        var limited = LimitedChunkSource(base: source, limit: maximumInputBytes)
        defer { source = limited.base }

        var reading = try readAll(&limited, detailLimit: detailLimit)
        if limited.limitReached {
            reading.stoppedAfterBytes = limited.delivered
            reading.notes.append(ReadingNotes.stoppedReading(after: limited.delivered))
        }
        return reading
    }

    private static func readAll(_ source: inout some ChunkSource, detailLimit: Int) throws -> PasteReading {
        var head: [UInt8] = []
        var ended = false
        while head.count <= wholeDocumentLimit {
            guard let chunk = try source.nextChunk() else {
                ended = true
                break
            }
            head += chunk
        }
        if ended {
            return read(bytes: head, detailLimit: detailLimit)
        }

        var merger = OccurrenceMerger(detailLimit: detailLimit)
        var notes = ["The input is larger than \(wholeDocumentLimit >> 20) MiB, so it was scanned as text around each error code instead of being parsed whole."]
        if ReadingNotes.looksLikeHAR(head) {
            notes.append(ReadingNotes.streamedHAR)
        }
        if let littleEndian = TextDecoding.utf16ByteOrder(head) {
            var transcoded = UTF16TranscodingSource(base: source, littleEndian: littleEndian, pending: Array(head.dropFirst(2)))
            defer { source = transcoded.base }
            try StreamingScanner.scan(initial: [], rest: &transcoded) { merger.add($0) }
        } else {
            let initial = head.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(head.dropFirst(3)) : head
            head = []
            try StreamingScanner.scan(initial: initial, rest: &source) { merger.add($0) }
        }
        return reading(from: merger, notes: notes, scannedAsStream: true)
    }

    /// Reads a paste held in memory.
    ///
    /// - Parameter detailLimit: The most distinct errors kept in full; later ones are only counted.
    public static func read(bytes: [UInt8], detailLimit: Int = defaultDetailLimit) -> PasteReading {
        let utf8 = TextDecoding.utf8Bytes(bytes)
        var merger = OccurrenceMerger(detailLimit: detailLimit)
        var notes: [String] = []

        switch DocumentKind.detect(utf8) {
        case .json:
            if let json = parseJSON(utf8) {
                collect(json: json, bytes: utf8, form: nil, into: &merger, notes: &notes)
                notes += AzureCLIOutputNotes.notes(forJSON: json)
            } else {
                scanText(utf8, form: nil, into: &merger)
                notes.append("The input starts like JSON but is not valid JSON (it may be cut off), so it was read as text.")
            }
        case .html:
            collect(html: utf8, form: .signInPageHTML, into: &merger, notes: &notes)
        case .text:
            scanText(utf8, form: nil, into: &merger)
        }
        if merger.occurrences.isEmpty && merger.omitted.isEmpty {
            notes += AzureCLIOutputNotes.notes(forText: String(decoding: utf8.prefix(64 << 10), as: UTF8.self))
        }
        return reading(from: merger, notes: notes, scannedAsStream: false)
    }

    /// Collects the errors in a document inside another one, such as a HAR response body,
    /// reporting every error with `form`.
    static func collect(document bytes: [UInt8], form: PasteForm, into merger: inout OccurrenceMerger, notes: inout [String]) {
        let utf8 = TextDecoding.utf8Bytes(bytes)
        guard utf8.count <= wholeDocumentLimit else {
            // Too large to parse whole; scanning it as text still finds every code in it.
            scanText(utf8, form: form, into: &merger)
            return
        }
        switch DocumentKind.detect(utf8) {
        case .json:
            if let json = parseJSON(utf8), !HARReader.isHAR(json) {
                collect(json: json, bytes: utf8, form: form, into: &merger, notes: &notes)
            } else {
                scanText(utf8, form: form, into: &merger)
            }
        case .html:
            collect(html: utf8, form: form, into: &merger, notes: &notes)
        case .text:
            scanText(utf8, form: form, into: &merger)
        }
    }

    private static func parseJSON(_ utf8: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(utf8), options: [.fragmentsAllowed])
    }

    private static func collect(json: Any, bytes: [UInt8], form: PasteForm?, into merger: inout OccurrenceMerger, notes: inout [String]) {
        if form == nil, HARReader.isHAR(json) {
            HARReader.collect(json, into: &merger, notes: &notes)
            return
        }
        let responses = TokenResponseReader.errorResponses(in: json)
        guard responses.isEmpty else {
            for response in responses {
                for occurrence in TokenResponseReader.occurrences(in: response, form: form ?? .tokenEndpointJSON) {
                    merger.add(occurrence)
                }
            }
            return
        }
        // Other JSON, such as a structured log: scan it as text, which decodes string escapes.
        scanText(bytes, form: form, into: &merger)
    }

    private static func collect(html bytes: [UInt8], form: PasteForm, into merger: inout OccurrenceMerger, notes: inout [String]) {
        guard let page = SignInPageHTML.parse(bytes) else {
            scanText(bytes, form: form, into: &merger)
            return
        }
        if let limit = page.limitReached {
            // The page may hold errors where the parse did not reach, so read all of it as text.
            notes.append("The HTML \(limit), so it was read as text instead of as a page.")
            scanText(bytes, form: form, into: &merger)
            return
        }

        let extractor = TextExtractor(formOverride: form, firstLine: nil)
        let configs = page.scripts.compactMap(ConfigScript.parse)
        let fromConfigs = configs.map { config in
            var found = config.messages.flatMap { extractor.occurrences(in: $0) }
            if found.isEmpty, let code = config.errorCode {
                found = [SignInErrorOccurrence(form: form, values: ExtractedValues(code: SignInErrorCode(rawValue: code)))]
            }
            for index in found.indices {
                config.fill(&found[index].values)
                ValueCleaner.clean(&found[index].values)
            }
            return found
        }

        var added = 0
        extractor.forEachOccurrence(in: page.visibleText) { occurrence in
            var filled = occurrence
            for (config, found) in zip(configs, fromConfigs) where filled.values.code == found.first?.values.code {
                config.fill(&filled.values)
            }
            ValueCleaner.clean(&filled.values)
            merger.add(filled)
            added += 1
        }
        for occurrence in fromConfigs.joined() {
            merger.add(occurrence)
            added += 1
        }
        if added == 0 {
            // The error may sit where the parser does not look, such as in a comment or an attribute.
            scanText(bytes, form: form, into: &merger)
        }
    }

    /// Scans text for errors; `form`, when given, is reported for every error instead of lines.
    private static func scanText(_ bytes: [UInt8], form: PasteForm?, into merger: inout OccurrenceMerger) {
        var empty = MemoryChunkSource([])
        // Scanning bytes already in memory reads nothing that could fail.
        try? StreamingScanner.scan(initial: bytes, rest: &empty, formOverride: form) { merger.add($0) }
    }

    private static func reading(from merger: OccurrenceMerger, notes: [String], scannedAsStream: Bool) -> PasteReading {
        var allNotes = notes
        if let note = ReadingNotes.omittedErrors(merger) {
            allNotes.append(note)
        }
        return PasteReading(
            occurrences: merger.occurrences,
            notes: allNotes,
            scannedAsStream: scannedAsStream,
            omittedErrors: merger.omitted.counts
        )
    }
}

/// The broad shape of an input, decided from its first bytes.
enum DocumentKind {
    case json
    case html
    case text

    static func detect(_ bytes: [UInt8]) -> DocumentKind {
        guard let start = bytes.firstIndex(where: { !isSpace($0) }) else {
            return .text
        }
        let first = bytes[start]
        if first == UInt8(ascii: "{") {
            return .json
        }
        if first == UInt8(ascii: "[") {
            // `[` also starts log lines such as `[2026-11-18 09:14:02] [error] ...`, so an array
            // counts as JSON only when its first element is an object, an array, a string or nothing.
            let next = bytes[(start + 1)...].first { !isSpace($0) }
            let opensElement = next.map { "{[\"]".utf8.contains($0) } ?? false
            return opensElement ? .json : .text
        }
        guard first == UInt8(ascii: "<") else {
            return .text
        }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        let htmlMarkers = ["<!doctype html", "<html", "<head", "<body", "<script", "<div", "<meta", "<title"]
        return htmlMarkers.contains { head.contains($0) } ? .html : .text
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
