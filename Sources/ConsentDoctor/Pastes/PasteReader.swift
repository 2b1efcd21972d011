import Foundation

/// The errors found in one paste, after repeats were folded, and notes about the input.
public struct PasteReading: Sendable, Equatable {
    public var occurrences: [SignInErrorOccurrence]
    /// Sentences about the input itself, such as Azure CLI output that is not a sign-in error.
    public var notes: [String]
    /// Whether the input was larger than `PasteReader.wholeDocumentLimit` and scanned as a stream.
    public var scannedAsStream: Bool

    public init(occurrences: [SignInErrorOccurrence], notes: [String] = [], scannedAsStream: Bool = false) {
        self.occurrences = occurrences
        self.notes = notes
        self.scannedAsStream = scannedAsStream
    }
}

/// Reads a paste in whatever form it came and returns the sign-in errors in it.
///
/// An input up to `wholeDocumentLimit` bytes is read whole: JSON is parsed (token-endpoint
/// responses and HAR files get their own readers), HTML goes through libxml2, and anything
/// else is scanned as text. A larger input is scanned as text in chunks, in bounded memory;
/// JSON escapes and URL encoding around each hit are still decoded then, but a HAR's base64
/// bodies are not.
public enum PasteReader {
    /// The largest input parsed whole as JSON, HAR or HTML: 16 MiB, which fits any pasted
    /// error and most HAR files of a sign-in, while keeping JSON parsing under about 200 MB.
    public static let wholeDocumentLimit = 16 << 20

    /// Reads everything `source` delivers.
    ///
    /// - Throws: What `source` throws when reading fails.
    public static func read(_ source: inout some ChunkSource) throws -> PasteReading {
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
            return read(bytes: head)
        }

        let note = "The input is larger than \(wholeDocumentLimit >> 20) MiB, so it was scanned as text around each error code instead of being parsed whole."
        let found: [SignInErrorOccurrence]
        if let littleEndian = TextDecoding.utf16ByteOrder(head) {
            var transcoded = UTF16TranscodingSource(base: source, littleEndian: littleEndian, pending: Array(head.dropFirst(2)))
            found = try StreamingScanner.scan(initial: [], rest: &transcoded)
        } else {
            let initial = head.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(head.dropFirst(3)) : head
            found = try StreamingScanner.scan(initial: initial, rest: &source)
        }
        return PasteReading(occurrences: OccurrenceMerger.merge(found), notes: [note], scannedAsStream: true)
    }

    /// Reads a paste held in memory.
    public static func read(bytes: [UInt8]) -> PasteReading {
        let utf8 = TextDecoding.utf8Bytes(bytes)
        var notes: [String] = []
        let found: [SignInErrorOccurrence]

        switch DocumentKind.detect(utf8) {
        case .json:
            if let json = try? JSONSerialization.jsonObject(with: Data(utf8), options: [.fragmentsAllowed]) {
                found = occurrences(inJSON: json, bytes: utf8, form: nil)
                notes += AzureCLIOutputNotes.notes(forJSON: json)
            } else {
                found = scanText(utf8)
                notes.append("The input starts like JSON but is not valid JSON (it may be cut off), so it was read as text.")
            }
        case .html:
            found = occurrences(inHTML: utf8, form: .signInPageHTML)
        case .text:
            found = scanText(utf8)
        }
        if found.isEmpty {
            notes += AzureCLIOutputNotes.notes(forText: String(decoding: utf8.prefix(64 << 10), as: UTF8.self))
        }
        return PasteReading(occurrences: OccurrenceMerger.merge(found), notes: notes)
    }

    /// Returns the errors in a document inside another one, such as a HAR response body,
    /// reporting every error with `form`.
    static func occurrences(inDocument bytes: [UInt8], form: PasteForm) -> [SignInErrorOccurrence] {
        let utf8 = TextDecoding.utf8Bytes(bytes)
        switch DocumentKind.detect(utf8) {
        case .json:
            if let json = try? JSONSerialization.jsonObject(with: Data(utf8), options: [.fragmentsAllowed]), !HARReader.isHAR(json) {
                return occurrences(inJSON: json, bytes: utf8, form: form)
            }
            return overriding(scanText(utf8), form: form)
        case .html:
            return occurrences(inHTML: utf8, form: form)
        case .text:
            return overriding(scanText(utf8), form: form)
        }
    }

    private static func occurrences(inJSON json: Any, bytes: [UInt8], form: PasteForm?) -> [SignInErrorOccurrence] {
        if form == nil, HARReader.isHAR(json) {
            return HARReader.occurrences(in: json)
        }
        let responses = TokenResponseReader.errorResponses(in: json)
        if !responses.isEmpty {
            return responses.flatMap { TokenResponseReader.occurrences(in: $0, form: form ?? .tokenEndpointJSON) }
        }
        // Other JSON, such as a structured log: scan it as text, which decodes string escapes.
        let scanned = scanText(bytes)
        return form.map { overriding(scanned, form: $0) } ?? scanned
    }

    private static func occurrences(inHTML bytes: [UInt8], form: PasteForm) -> [SignInErrorOccurrence] {
        guard let page = SignInPageHTML.parse(bytes) else {
            return overriding(scanText(bytes), form: form)
        }
        let extractor = TextExtractor(formOverride: form, firstLine: nil)
        var found = extractor.occurrences(in: page.visibleText)
        for config in page.scripts.compactMap(ConfigScript.parse) {
            var fromConfig = config.messages.flatMap { extractor.occurrences(in: $0) }
            if fromConfig.isEmpty, let code = config.errorCode {
                fromConfig = [SignInErrorOccurrence(form: form, values: ExtractedValues(code: SignInErrorCode(rawValue: code)))]
            }
            for index in fromConfig.indices {
                config.fill(&fromConfig[index].values)
                ValueCleaner.clean(&fromConfig[index].values)
            }
            for index in found.indices where found[index].values.code == fromConfig.first?.values.code {
                config.fill(&found[index].values)
            }
            found += fromConfig
        }
        if found.isEmpty {
            // The error may sit where the parser does not look, such as in a comment or an attribute.
            return overriding(scanText(bytes), form: form)
        }
        return found
    }

    private static func scanText(_ bytes: [UInt8]) -> [SignInErrorOccurrence] {
        var empty = MemoryChunkSource([])
        // Scanning bytes already in memory reads nothing that could fail.
        return (try? StreamingScanner.scan(initial: bytes, rest: &empty)) ?? []
    }

    private static func overriding(_ occurrences: [SignInErrorOccurrence], form: PasteForm) -> [SignInErrorOccurrence] {
        occurrences.map { occurrence in
            var copy = occurrence
            copy.form = form
            copy.line = nil
            return copy
        }
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
