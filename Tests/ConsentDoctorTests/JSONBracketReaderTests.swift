@testable import ConsentDoctor
import Testing

struct JSONBracketReaderTests {
    private func events(_ text: String) -> String {
        var reader = JSONBracketReader()
        return String(text.utf8.compactMap { byte -> Character? in
            switch reader.read(byte) {
            case .opened: return "("
            case .closed: return ")"
            case .other: return nil
            }
        })
    }

    @Test func bracketsOutsideStrings() {
        #expect(events(#"{"a": [1, {"b": 2}], "c": []}"#) == "((())())")
    }

    @Test func bracketsInsideStringsIgnored() {
        #expect(events(#"["x]\"}{", "[y"]"#) == "()")
    }
}
