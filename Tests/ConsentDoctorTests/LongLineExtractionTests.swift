import Foundation
import Testing
@testable import ConsentDoctor

/// The parts of text extraction that keep the work per error independent of the length of its
/// line: what is read once per line or once per text, and the byte-level shortcuts.
struct LongLineExtractionTests {
    static let error = "AADSTS650052: The app is trying to access a service 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'(AzureRedisCacheAadApp) that your organization 'c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35' lacks a service principal for."

    @Test(arguments: [
        ("Azure OAuth error: invalid_client AADSTS", "invalid_client"),
        ("ServerError: invalid_client: 650057 - [invalid_grant]: ", "invalid_grant"),
        ("no error word here: ", nil),
        ("\u{E9}invalid_client ", nil),
        ("\u{C9}invalid_client ", "invalid_client"),
        ("Fehler (\u{FC}ber) access_denied", "access_denied"),
        ("invalid_client\u{1F600}", "invalid_client"),
        ("", nil),
    ] as [(String, String?)])
    func lastOAuthErrorWords(text: String, expected: String?) {
        #expect(ContextValues.lastOAuthError(in: text) == expected)
    }

    @Test func prefixStartMatchesCharacterWalk() throws {
        let lines = [
            String(repeating: "a", count: 2000) + Self.error,
            String(repeating: "\u{E9}", count: 2000) + Self.error,
            String(repeating: "ab", count: 200) + "\u{E9}" + String(repeating: "c", count: 200) + Self.error,
            "e\u{301}" + String(repeating: "x", count: 599) + Self.error,
            "short " + Self.error,
        ]
        for text in lines {
            let hit = try #require(text.range(of: "AADSTS")).lowerBound
            let walked = text.index(hit, offsetBy: -TextExtractor.maximumPrefixLength, limitedBy: text.startIndex) ?? text.startIndex

            #expect(TextExtractor.prefixStart(before: hit, lineStart: text.startIndex, in: text) == walked, "\(text.prefix(12))")
        }
    }

    @Test func lineBoundsStopAtReach() throws {
        let text = "first line\n" + String(repeating: "x", count: 20_000) + Self.error + String(repeating: "y", count: 20_000) + "\nlast"
        let hit = try #require(text.range(of: "AADSTS")).lowerBound
        let line = LineContext(index: 1, containing: hit, in: text)

        let bounds = line.bounds(around: hit, reach: TextExtractor.maximumLineReach, in: text)

        #expect(text.utf8.distance(from: bounds.lowerBound, to: hit) == TextExtractor.maximumLineReach)
        #expect(text.utf8.distance(from: hit, to: bounds.upperBound) == TextExtractor.maximumLineReach)
        #expect(line.precedingLines == "first line\n")
    }

    @Test func lineBoundsOfShortLine() throws {
        let text = "before\n[error] " + Self.error + "\nafter"
        let hit = try #require(text.range(of: "AADSTS")).lowerBound
        let line = LineContext(index: 1, containing: hit, in: text)

        let bounds = line.bounds(around: hit, reach: TextExtractor.maximumLineReach, in: text)

        #expect(String(text[bounds]) == "[error] " + Self.error)
    }

    @Test func markerBeyondReachIsIgnored() throws {
        let far = "ServerError: " + String(repeating: "x", count: 10_000) + Self.error
        let near = String(repeating: "x", count: 10_000) + "ServerError: " + Self.error

        let farForm = PasteReader.read(bytes: Array(far.utf8)).occurrences.first?.form
        let nearForm = PasteReader.read(bytes: Array(near.utf8)).occurrences.first?.form

        #expect(farForm == .plainText)
        #expect(nearForm == .msal)
    }

    @Test func matchOffsetsNeedWholeMatch() {
        let text = "..RedisInsight..RedisInsight.."
        let matches = MatchOffsets(TextExtractor.redisInsightMarkers, in: text, range: text.startIndex..<text.endIndex)
        func contains(_ lower: Int, _ upper: Int) -> Bool {
            matches.containsMatch(within: text.utf8.index(text.startIndex, offsetBy: lower)..<text.utf8.index(text.startIndex, offsetBy: upper), in: text)
        }

        #expect(contains(0, 14))
        #expect(!contains(0, 13))
        #expect(!contains(3, 27))
        #expect(contains(3, 28))
        #expect(!contains(29, 30))
    }

    @Test func newlineSearchRemembersLastNewline() {
        let buffer = Array("ab\ncd\nef".utf8)
        var search = NewlineSearch()

        #expect(search.last(in: buffer, range: 0..<4) == 2)
        #expect(search.last(in: buffer, range: 1..<5) == 2)
        #expect(search.last(in: buffer, range: 3..<5) == nil)
        #expect(search.last(in: buffer, range: 3..<8) == 5)
        #expect(NewlineSearch.first(in: buffer, range: 3..<8) == 5)
    }

    @Test func newlineSearchAfterDrop() {
        var buffer = Array("ab\ncdef".utf8)
        var search = NewlineSearch()
        #expect(search.last(in: buffer, range: 0..<5) == 2)

        buffer.removeFirst(3)
        search.dropFirst(3)

        #expect(search.last(in: buffer, range: 0..<4) == nil)
    }

    @Test func oneLineMatchesOneErrorPerLine() {
        let codes = (0..<3_000).map { "AADSTS\($0 % 50): " }
        let oneLine = PasteReader.read(bytes: Array(codes.joined().utf8))
        let perLine = PasteReader.read(bytes: Array(codes.joined(separator: "\n").utf8))

        // Untraced errors on one line count as views of one failure, not as repeats, so only the
        // codes and forms are compared.
        #expect(oneLine.occurrences.map(\.values.code) == perLine.occurrences.map(\.values.code))
        #expect(oneLine.occurrences.map(\.form) == perLine.occurrences.map(\.form))
    }
}
