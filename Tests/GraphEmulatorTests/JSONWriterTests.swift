import Foundation
import Testing
@testable import GraphEmulator

struct JSONWriterTests {
    private func text(_ value: Any) -> String {
        String(decoding: JSONWriter.data(value), as: UTF8.self)
    }

    @Test func keysSortedByCodePoint() {
        #expect(text(["b": 1, "a": 2, "B": 3, "@odata.context": "x"]) == #"{"@odata.context":"x","B":3,"a":2,"b":1}"#)
    }

    @Test func scalars() {
        #expect(text([true, false, 0, -7, 2.5, NSNull(), "s"] as [Any]) == #"[true,false,0,-7,2.5,null,"s"]"#)
    }

    @Test func decodedBooleansAndNumbersStayApart() throws {
        let decoded = try JSONSerialization.jsonObject(with: Data(#"{"flag":true,"one":1,"zero":0,"half":0.5}"#.utf8))
        #expect(text(decoded) == #"{"flag":true,"half":0.5,"one":1,"zero":0}"#)
    }

    @Test func stringEscapes() {
        #expect(text(["q\"uote\\ \n\t\r\u{1}/é"]) == "[\"q\\\"uote\\\\ \\n\\t\\r\\u0001/é\"]")
    }

    @Test func roundTripsThroughJSONSerialization() throws {
        let value: [String: Any] = ["value": [["id": "a", "tags": [String](), "n": NSNull()]], "count": 1]
        let decoded = try #require(try JSONSerialization.jsonObject(with: JSONWriter.data(value)) as? [String: Any])
        #expect(decoded["count"] as? Int == 1)
        let items = try #require(decoded["value"] as? [[String: Any]])
        #expect(items.first?["id"] as? String == "a")
        #expect(items.first?["n"] is NSNull)
    }
}
