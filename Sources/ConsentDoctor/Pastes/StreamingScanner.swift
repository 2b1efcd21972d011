#if canImport(Glibc)
import Glibc
#endif

/// Scans text of any size for errors in bounded memory.
///
/// Input arrives in chunks. The scanner finds every marker (`AADSTS` and the code-less
/// RedisInsight and Azure CLI markers), takes a window of whole lines around each one
/// (`contextBefore` bytes before, `contextAfter` after), joins windows that overlap, and hands
/// each window to `TextExtractor`. It keeps only the bytes a window may still need and hands
/// each error to the caller as soon as it is read, so memory does not grow with the input size.
struct StreamingScanner {
    static let contextBefore = 2048
    static let contextAfter = 8192
    /// Joined windows are cut at this size, so a log with an error on every line stays bounded.
    static let maximumWindowLength = 1 << 20

    private var buffer: [UInt8] = []
    /// The absolute input offset of `buffer[0]`.
    private var bufferStart = 0
    /// Newlines counted in the input before the absolute offset `countedOffset`.
    private var countedLines = 0
    private var countedOffset = 0
    /// The next buffer position to search for a marker.
    private var searchFrom = 0
    /// The window being built, as buffer positions.
    private var pending: Range<Int>?
    private var finder = MarkerFinder(markers: ErrorHit.markers)
    private var newlines = NewlineSearch()
    /// The form to report for every error, when the caller knows it, such as a HAR body's.
    private var formOverride: PasteForm?

    /// Returns the errors in the input, in order, before repeats are folded.
    ///
    /// It keeps every error of the input in memory, so it is meant for tests and small inputs.
    /// `scan(initial:rest:formOverride:each:)` hands each error over as soon as it is read.
    ///
    /// - Parameters:
    ///   - initial: Bytes already read from the start of the input.
    ///   - source: The rest of the input.
    /// - Throws: What `source` throws.
    static func scan(initial: [UInt8], rest source: inout some ChunkSource) throws -> [SignInErrorOccurrence] {
        var found: [SignInErrorOccurrence] = []
        try scan(initial: initial, rest: &source) { found.append($0) }
        return found
    }

    /// Calls `body` with each error in the input, in order, before repeats are folded.
    ///
    /// - Parameters:
    ///   - initial: Bytes already read from the start of the input.
    ///   - source: The rest of the input.
    ///   - formOverride: The form to report for every error; lines are then not reported either.
    /// - Throws: What `source` throws.
    static func scan(
        initial: [UInt8],
        rest source: inout some ChunkSource,
        formOverride: PasteForm? = nil,
        each body: (SignInErrorOccurrence) -> Void
    ) throws {
        var scanner = StreamingScanner()
        scanner.buffer = initial
        scanner.formOverride = formOverride
        var atEnd = false
        while true {
            if let chunk = try source.nextChunk() {
                scanner.buffer += chunk
            } else {
                atEnd = true
            }
            scanner.processHits(atEnd: atEnd, each: body)
            if atEnd {
                scanner.flush(each: body)
                return
            }
            scanner.dropConsumedBytes()
        }
    }

    private mutating func processHits(atEnd: Bool, each body: (SignInErrorOccurrence) -> Void) {
        let processLimit = atEnd ? buffer.count : buffer.count - Self.contextAfter
        while searchFrom < processLimit, let hit = finder.next(in: buffer, from: searchFrom), hit < processLimit {
            add(window: window(around: hit), each: body)
            searchFrom = hit + 1
        }
        if searchFrom < processLimit {
            // No marker starts before the limit. The last bytes may hold the start of one.
            searchFrom = max(searchFrom, processLimit - finder.maximumMarkerLength + 1, 0)
        }
    }

    /// Returns whole lines from about `contextBefore` bytes before the hit to about
    /// `contextAfter` bytes after it.
    private mutating func window(around hit: Int) -> Range<Int> {
        var start = max(0, hit - Self.contextBefore)
        if start > 0, let newline = NewlineSearch.first(in: buffer, range: start..<hit) {
            start = newline + 1
        }
        var end = min(buffer.count, hit + Self.contextAfter)
        if end < buffer.count, let newline = newlines.last(in: buffer, range: hit..<end) {
            end = newline
        }
        return start..<end
    }

    private mutating func add(window: Range<Int>, each body: (SignInErrorOccurrence) -> Void) {
        guard let current = pending else {
            pending = window
            return
        }
        if window.lowerBound <= current.upperBound {
            if current.count >= Self.maximumWindowLength {
                flush(each: body)
                pending = max(window.lowerBound, current.upperBound)..<max(window.upperBound, current.upperBound)
            } else {
                pending = current.lowerBound..<max(current.upperBound, window.upperBound)
            }
        } else {
            flush(each: body)
            pending = window
        }
    }

    private mutating func flush(each body: (SignInErrorOccurrence) -> Void) {
        guard let window = pending, !window.isEmpty else {
            pending = nil
            return
        }
        pending = nil
        countLines(upTo: bufferStart + window.lowerBound)
        let text = String(decoding: buffer[window], as: UTF8.self)
        let extractor = TextExtractor(formOverride: formOverride, firstLine: formOverride == nil ? countedLines + 1 : nil)
        extractor.forEachOccurrence(in: text, body)
    }

    /// Drops the bytes no window can need any more: before the pending window, and before the
    /// context of the next marker.
    private mutating func dropConsumedBytes() {
        var keepFrom = min(searchFrom, buffer.count) - Self.contextBefore
        if let pending {
            keepFrom = min(keepFrom, pending.lowerBound)
        }
        keepFrom = max(0, keepFrom)
        guard keepFrom > 0 else {
            return
        }
        countLines(upTo: bufferStart + keepFrom)
        buffer.removeFirst(keepFrom)
        bufferStart += keepFrom
        searchFrom -= keepFrom
        if let current = pending {
            pending = (current.lowerBound - keepFrom)..<(current.upperBound - keepFrom)
        }
        finder.dropFirst(keepFrom)
        newlines.dropFirst(keepFrom)
    }

    /// Counts newlines from `countedOffset` up to the absolute offset `offset`.
    private mutating func countLines(upTo offset: Int) {
        guard offset > countedOffset else {
            return
        }
        let range = (countedOffset - bufferStart)..<(offset - bufferStart)
        countedLines += Self.newlineCount(in: buffer, range: range)
        countedOffset = offset
    }

    static func newlineCount(in bytes: [UInt8], range: Range<Int>) -> Int {
        bytes.withUnsafeBufferPointer { pointer -> Int in
            guard let base = pointer.baseAddress else {
                return 0
            }
            var count = 0
            var position = range.lowerBound
            while position < range.upperBound,
                  let found = memchr(base + position, Int32(UInt8(ascii: "\n")), range.upperBound - position) {
                count += 1
                position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1
            }
            return count
        }
    }
}
