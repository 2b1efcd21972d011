@testable import ConsentDoctor
import Foundation
import Testing

struct TokenRemovalTests {
    @Test func longTokenReplacedEverywhere() {
        let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.body.signature"
        let response = HTTPClientResponse(status: 500, body: Data("{\"error\":{\"message\":\"\(token) and \(token)\"}}".utf8))

        let cleaned = GraphClient.removingToken(token, from: response)

        #expect(String(decoding: cleaned.body, as: UTF8.self) == "{\"error\":{\"message\":\"[redacted] and [redacted]\"}}")
    }

    @Test func tokenInsidePlaceholderEnds() {
        let response = HTTPClientResponse(status: 200, body: Data("{\"value\":\"e\"}".utf8))

        let cleaned = GraphClient.removingToken("e", from: response)

        #expect(String(decoding: cleaned.body, as: UTF8.self) == "{\"valu[redacted]\":\"[redacted]\"}")
    }

    @Test func slicedBodyKeepsOffsets() {
        let whole = Data("xxSECRET-TOKEN-1 tail SECRET-TOKEN-1".utf8)
        let response = HTTPClientResponse(status: 200, body: whole.dropFirst(2))

        let cleaned = GraphClient.removingToken("SECRET-TOKEN-1", from: response)

        #expect(String(decoding: cleaned.body, as: UTF8.self) == "[redacted] tail [redacted]")
    }
}
