@testable import ConsentDoctor
import Testing

struct SecretRedactionTests {
    @Test func longMessageCutAfterMasking() throws {
        let message = "password=hunter2-secret " + String(repeating: "filler ", count: 500_000)

        let shown = try #require(SecretRedaction.singleLine(message, secrets: [], limit: 40))

        #expect(shown == "password=[redacted] filler filler filler…")
    }

    @Test func tokenAcrossPrefixEndRedacted() throws {
        let token = String(repeating: "T", count: 1_000)
        let message = Array(repeating: token, count: 6).joined(separator: " ")

        let shown = try #require(SecretRedaction.singleLine(message, secrets: [token], limit: 300))

        #expect(!shown.contains("TTTT"))
        #expect(shown.hasPrefix("[redacted] [redacted]"))
    }

    @Test func shrunkPrefixMasksWholeText() throws {
        let secret = "password=" + String(repeating: "p", count: 600) + " "
        let message = String(repeating: secret, count: 12)

        let shown = try #require(SecretRedaction.singleLine(message, secrets: [], limit: 100))

        #expect(!shown.contains("ppp"))
        #expect(shown.hasPrefix("password=[redacted] password=[redacted]"))
    }
}
