import Foundation
import Testing
@testable import ConsentDoctor

/// The chunked scan: markers across chunk boundaries, line numbers, and bounded windows.
struct StreamingScannerTests {
    private static let line = "[2026-11-18 09:14:02.511] [error] Azure OAuth error: invalid_client AADSTS650057: Invalid resource. Client app ID: 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0(Redis Insight). Resource app ID: acca5fbb-b7e4-4009-81f1-37e38fd66d78. Trace ID: 11111111-2222-4333-8444-555555555555"

    private func scan(_ text: String, chunkSize: Int) throws -> [SignInErrorOccurrence] {
        var source = MemoryChunkSource(Array(text.utf8), chunkSize: chunkSize)
        return try StreamingScanner.scan(initial: [], rest: &source)
    }

    @Test(arguments: [1, 3, 7, 64, 1 << 20])
    func markerAcrossChunkBoundaries(chunkSize: Int) throws {
        let filler = String(repeating: "[2026-11-18 09:00:00.000] [info] nothing to see here\n", count: 40)
        let found = try scan(filler + Self.line + "\n" + filler, chunkSize: chunkSize)
        #expect(found.count == 1)
        #expect(found.first?.line == 41)
        #expect(found.first?.values.resourceAppId == "acca5fbb-b7e4-4009-81f1-37e38fd66d78")
        #expect(found.first?.values.traceId == "11111111-2222-4333-8444-555555555555")
    }

    @Test func lineNumbersAcrossManyChunks() throws {
        var text = ""
        for index in 1...3000 {
            text += index % 1000 == 0 ? Self.line + "\n" : "[2026-11-18 09:00:00.000] [info] line \(index)\n"
        }
        let found = try scan(text, chunkSize: 4096)
        #expect(found.map(\.line) == [1000, 2000, 3000])
    }

    @Test func errorOnEveryLineStaysBounded() throws {
        let text = String(repeating: Self.line + "\n", count: 5_000)
        let found = try scan(text, chunkSize: 1 << 16)
        #expect(found.count == 5_000)
        #expect(OccurrenceMerger.merge(found).count == 1)
    }

    @Test func jsonEscapesAroundAHitInALargeInput() throws {
        let json = #"{"response":{"body":"{\"error\":\"invalid_client\",\"error_description\":\"AADSTS650052: The app is trying to access a service 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'(AzureRedisCacheAadApp) that your organization 'c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35' lacks a service principal for.\\r\\nTrace ID: 11111111-2222-4333-8444-555555555555\"}"}}"#
        let found = try scan(String(repeating: " ", count: 10_000) + json, chunkSize: 512)
        #expect(found.first?.values.code == .servicePrincipalMissingForResource)
        #expect(found.first?.values.tenant == "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35")
        #expect(found.first?.values.traceId == "11111111-2222-4333-8444-555555555555")
    }

    @Test func readerSwitchesToStreamingAboveTheLimit() throws {
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: PasteReader.wholeDocumentLimit)
        var source = MemoryChunkSource(filler + Array(("\n" + Self.line + "\n").utf8))
        let reading = try PasteReader.read(&source)
        #expect(reading.scannedAsStream)
        #expect(reading.occurrences.count == 1)
        #expect(reading.occurrences.first?.line == 2)
    }

    @Test func markerFinderFindsEveryMarker() {
        var finder = MarkerFinder(markers: ErrorHit.markers)
        let buffer = Array("..AADSTS1 ..errorCode.. Failed to get authenticated client Insufficient privileges to complete the operation".utf8)
        var positions: [Int] = []
        var start = 0
        while let position = finder.next(in: buffer, from: start) {
            positions.append(position)
            start = position + 1
        }
        #expect(positions == [2, 12, 24, 59])
    }
}

/// Lines far longer than an error, such as a JSON log written on one line: the context read
/// around each hit stays bounded.
struct LongLineTests {
    private static let error = "AADSTS650052: The app is trying to access a service 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'(AzureRedisCacheAadApp) that your organization 'c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35' lacks a service principal for."

    @Test func lineContextStopsAtReach() throws {
        let text = String(repeating: "x", count: 100_000) + Self.error + String(repeating: "y", count: 100_000)
        let hit = try #require(text.range(of: "AADSTS")).lowerBound
        let start = TextExtractor.startOfLine(containing: hit, in: text, reach: TextExtractor.maximumLineReach)
        let end = TextExtractor.endOfLine(from: hit, in: text, reach: TextExtractor.maximumLineReach)

        #expect(text.utf8.distance(from: start, to: hit) == TextExtractor.maximumLineReach)
        #expect(text.utf8.distance(from: hit, to: end) == TextExtractor.maximumLineReach)
    }

    @Test func cutLineKeepsScalarsWhole() throws {
        let text = String(repeating: "é", count: 10_000) + Self.error + String(repeating: "ü", count: 10_000)
        let hit = try #require(text.range(of: "AADSTS")).lowerBound
        let start = TextExtractor.startOfLine(containing: hit, in: text, reach: 8191)
        let end = TextExtractor.endOfLine(from: hit, in: text, reach: Self.error.utf8.count + 8191)

        #expect(start.samePosition(in: text.unicodeScalars) != nil)
        #expect(end.samePosition(in: text.unicodeScalars) != nil)
        #expect(text[start..<hit].allSatisfy { $0 == "é" })
    }

    @Test func oneLineLogReadsEveryError() {
        let entries = (0..<2_000).map { number in
            #"{"level":"error","message":"\#(Self.error.replacingOccurrences(of: "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35", with: "c7e1a9d4-52b8-4f0e-9d13-\(String(format: "%012d", number))"))"}"#
        }
        let reading = PasteReader.read(bytes: Array(("[" + entries.joined(separator: ",")).utf8))

        #expect(reading.occurrences.count == 100)
        #expect(reading.occurrences.first?.values.tenant == "c7e1a9d4-52b8-4f0e-9d13-000000000000")
        #expect(reading.omittedErrors.first?.occurrences == 1_900)
        #expect(reading.omittedErrors.first?.tenants == 1_900)
    }
}
