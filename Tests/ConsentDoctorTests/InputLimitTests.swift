import Testing
@testable import ConsentDoctor

/// The input size limit: endless inputs end, errors before the limit are kept, and a note
/// records where reading stopped.
struct InputLimitTests {
    private static let errorLine = "AADSTS650057: Invalid resource. Client app ID: 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0(Redis Insight). Resource app ID: acca5fbb-b7e4-4009-81f1-37e38fd66d78. Trace ID: 11111111-2222-4333-8444-555555555555\n"

    /// Returns a source that starts with `prefix` and then delivers zero bytes forever, as `/dev/zero` does.
    private static func endless(after prefix: String) -> GeneratedChunkSource {
        var pending = Array(prefix.utf8)
        return GeneratedChunkSource(totalBytes: .max, chunkSize: 1 << 16) { count in
            let taken = Array(pending.prefix(count))
            pending.removeFirst(taken.count)
            return taken + [UInt8](repeating: 0, count: count - taken.count)
        }
    }

    @Test func endlessInputStops() throws {
        var source = Self.endless(after: "")
        let reading = try PasteReader.read(&source, maximumInputBytes: 1 << 20)

        #expect(reading.stoppedAfterBytes == 1 << 20)
        #expect(reading.occurrences.isEmpty)
        #expect(reading.notes.contains("Reading stopped after 1,048,576 bytes, the input size limit (--max-input-bytes), so errors after that point are not reported."))
    }

    @Test func oneByteLimitNoteIsSingular() throws {
        var source = Self.endless(after: "")
        let reading = try PasteReader.read(&source, maximumInputBytes: 1)

        #expect(reading.stoppedAfterBytes == 1)
        #expect(reading.notes.contains("Reading stopped after 1 byte, the input size limit (--max-input-bytes), so errors after that point are not reported."))
    }

    @Test func errorsBeforeLimitAreKept() throws {
        var source = Self.endless(after: Self.errorLine)
        let reading = try PasteReader.read(&source, maximumInputBytes: 64 << 10)

        #expect(reading.occurrences.count == 1)
        #expect(reading.occurrences.first?.values.resourceAppId == "acca5fbb-b7e4-4009-81f1-37e38fd66d78")
        #expect(reading.stoppedAfterBytes == 64 << 10)
    }

    @Test func inputOfExactlyLimitIsWhole() throws {
        let bytes = Array(Self.errorLine.utf8)
        var source = MemoryChunkSource(bytes, chunkSize: 7)
        let reading = try PasteReader.read(&source, maximumInputBytes: bytes.count)

        #expect(reading.stoppedAfterBytes == nil)
        #expect(reading.notes.isEmpty)
        #expect(reading.occurrences.count == 1)
    }

    @Test func limitCutsInsideALine() throws {
        let bytes = Array((Self.errorLine + Self.errorLine.replacingOccurrences(of: "AADSTS650057", with: "AADSTS650052")).utf8)
        var source = MemoryChunkSource(bytes)
        let reading = try PasteReader.read(&source, maximumInputBytes: Self.errorLine.utf8.count + 4)

        #expect(reading.occurrences.map(\.values.code) == [.invalidResource])
        #expect(reading.stoppedAfterBytes == Self.errorLine.utf8.count + 4)
    }

    @Test func streamedInputStopsAtLimit() throws {
        let filler = String(repeating: "[2026-11-18 09:00:00.000] [info] nothing to see here\n", count: 400_000)
        var source = Self.endless(after: Self.errorLine + filler)
        let limit = PasteReader.wholeDocumentLimit + (2 << 20)
        let reading = try PasteReader.read(&source, maximumInputBytes: limit)

        #expect(reading.scannedAsStream)
        #expect(reading.occurrences.count == 1)
        #expect(reading.stoppedAfterBytes == limit)
    }

    @Test func limitedSourceCountsBytes() throws {
        var limited = LimitedChunkSource(base: MemoryChunkSource(Array(repeating: 1, count: 10), chunkSize: 4), limit: 6)
        var delivered: [Int] = []
        while let chunk = try limited.nextChunk() {
            delivered.append(chunk.count)
        }

        #expect(delivered == [4, 2])
        #expect(limited.limitReached)
    }
}
