import Foundation
import Testing
@testable import ConsentDoctor

/// Documents near the parsers' limits: no error may be dropped because a parser stopped early.
struct LargeDocumentTests {
    private static let consentError = "AADSTS650057: Invalid resource. Client app ID: 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0(Redis Insight). Trace ID: 11111111-2222-4333-8444-555555555555"
    private static let redirectError = "AADSTS50011: The redirect URI 'http://10.0.0.1:5540/api/azure/auth/callback' specified in the request does not match. Trace ID: 21111111-2222-4333-8444-555555555555"

    private static func har(body: String, mimeType: String, encoding: String? = nil) throws -> [UInt8] {
        var content: [String: Any] = ["mimeType": mimeType, "text": body]
        content["encoding"] = encoding
        let entry: [String: Any] = [
            "request": ["method": "GET", "url": "https://login.example.test/authorize"],
            "response": ["status": 400, "redirectURL": "", "headers": [] as [Any], "content": content],
        ]
        let root: [String: Any] = ["log": ["version": "1.2", "entries": [entry]]]
        return [UInt8](try JSONSerialization.data(withJSONObject: root))
    }

    private static func codes(_ reading: PasteReading) -> [SignInErrorCode?] {
        reading.occurrences.map(\.values.code)
    }

    @Test func harWithLargeHTMLBody() throws {
        let body = "<html><body><p>" + Self.consentError + "</p><p>" + String(repeating: "x", count: 10_500_000) + "</p></body></html>"
        let reading = PasteReader.read(bytes: try Self.har(body: body, mimeType: "text/html"))

        #expect(Self.codes(reading) == [.invalidResource])
        #expect(reading.occurrences.first?.form == .har)
    }

    @Test func harWithLargePlainBody() throws {
        let body = String(repeating: "filler line\n", count: 900_000) + Self.redirectError
        let reading = PasteReader.read(bytes: try Self.har(body: body, mimeType: "text/plain"))

        #expect(Self.codes(reading) == [.invalidReplyTo])
    }

    @Test func harWithLargeBase64Body() throws {
        let body = Self.consentError + "\n" + String(repeating: "y", count: 9_000_000)
        let encoded = Data(body.utf8).base64EncodedString()
        let reading = PasteReader.read(bytes: try Self.har(body: encoded, mimeType: "text/plain", encoding: "base64"))

        #expect(Self.codes(reading) == [.invalidResource])
    }

    @Test func textNodeAboveLibxml2Limit() {
        let filler = String(repeating: "lorem ipsum ", count: 900_000)
        let html = "<html><body><p>" + Self.consentError + "</p><p>" + filler + Self.redirectError + "</p></body></html>"
        let reading = PasteReader.read(bytes: Array(html.utf8))

        #expect(Self.codes(reading) == [.invalidResource, .invalidReplyTo])
        #expect(reading.notes.isEmpty)
    }

    @Test func deepHTMLIsReadAsText() {
        let depth = SignInPageHTML.maximumDepth + 100
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>" + Self.redirectError + "</p>"
            + String(repeating: "</div>", count: depth) + "<p>" + Self.consentError + "</p></body></html>"
        let reading = PasteReader.read(bytes: Array(html.utf8))

        #expect(Self.codes(reading) == [.invalidReplyTo, .invalidResource])
        #expect(reading.notes == ["The HTML nests elements more than \(SignInPageHTML.maximumDepth) deep, so it was read as text instead of as a page."])
    }

    @Test func deepTokenResponsesAreFound() {
        let deep = String(repeating: "{\"next\":", count: 40) + #"{"error":"invalid_client","error_description":"\#(Self.redirectError)"}"# + String(repeating: "}", count: 40)
        let json = #"{"first":{"error":"invalid_client","error_description":"\#(Self.consentError)"},"second":\#(deep)}"#
        let reading = PasteReader.read(bytes: Array(json.utf8))

        #expect(Self.codes(reading) == [.invalidResource, .invalidReplyTo])
        #expect(reading.occurrences.allSatisfy { $0.form == .tokenEndpointJSON })
    }

    @Test func streamedHARGetsNote() throws {
        let body = Self.consentError + "\n" + String(repeating: "z", count: PasteReader.wholeDocumentLimit + 1024)
        var source = MemoryChunkSource(try Self.har(body: body, mimeType: "text/plain"))
        let reading = try PasteReader.read(&source)

        #expect(reading.scannedAsStream)
        #expect(Self.codes(reading) == [.invalidResource])
        #expect(reading.notes.contains(ReadingNotes.streamedHAR))
    }
}
