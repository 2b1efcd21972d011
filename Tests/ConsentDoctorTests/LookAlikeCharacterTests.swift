import Foundation
import Testing
@testable import ConsentDoctor

/// Non-ASCII characters that look like ASCII ones, such as the hyphen U+2010 or a Cyrillic `о`,
/// in values that must be ASCII: ids, tenants and RedisInsight's redirect URI.
struct LookAlikeCharacterTests {
    static let hyphenAppId = "61f3d82d\u{2010}2bf3-432a-ba1b-c056e4cf0fd0"
    static let markedAppId = "61f3d82d[U+2010]2bf3-432a-ba1b-c056e4cf0fd0"

    static func invalidResourceText(clientAppId: String) -> String {
        "AADSTS650057: Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration. Client app ID: \(clientAppId)(Redis Insight). Resource value from request: https://redis.azure.com. Resource app ID: acca5fbb-b7e4-4009-81f1-37e38fd66d78."
    }

    @Test func markedShowsCodePoint() {
        #expect(LookAlikeCharacters.marked(Self.hyphenAppId) == Self.markedAppId)
        #expect(LookAlikeCharacters.marked("c\u{43E}ntoso\u{200B}.com") == "c[U+043E]ntoso[U+200B].com")
    }

    @Test func markedKeepsASCII() {
        #expect(LookAlikeCharacters.marked("61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0") == "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0")
    }

    @Test func phraseNamesEachKind() {
        #expect(LookAlikeCharacters.phrase(forIdentifier: "plain-id") == nil)
        #expect(LookAlikeCharacters.phrase(forIdentifier: Self.hyphenAppId) == "the non-ASCII character U+2010, which can look like an ASCII one")
        #expect(LookAlikeCharacters.phrase(forIdentifier: "c\u{43E}nt\u{43E}so\u{2010}x") == "the non-ASCII characters U+043E, U+2010, which can look like ASCII ones")
        #expect(LookAlikeCharacters.phrase(forIdentifier: "a\u{200B}b\u{2010}c") == "the invisible character U+200B and the non-ASCII character U+2010, which can look like an ASCII one")
    }

    @Test func hyphenAppIdIsMarked() throws {
        let report = ExplainFixtures.report(text: Self.invalidResourceText(clientAppId: Self.hyphenAppId))
        let diagnosis = try #require(report.diagnoses.first)

        #expect(diagnosis.values.clientAppId == Self.hyphenAppId)
        #expect(diagnosis.commands.allSatisfy { !$0.contains("61f3d82d") })
        #expect(diagnosis.notes.contains { $0.contains("'\(Self.markedAppId)' where the client appId belongs") })
        #expect(diagnosis.notes.contains { $0.contains("(it contains the non-ASCII character U+2010, which can look like an ASCII one)") })
    }

    @Test func messageMarksIdentifierCharacters() {
        var values = ExtractedValues()
        values.clientAppId = Self.hyphenAppId

        let message = LookAlikeCharacters.markedMessage("Client app ID: \(Self.hyphenAppId) f\u{FC}r Redis", values: values)

        #expect(message == "Client app ID: \(Self.markedAppId) f\u{FC}r Redis")
    }

    @Test func messageWithoutLookAlikes() {
        var values = ExtractedValues()
        values.clientAppId = "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"

        #expect(LookAlikeCharacters.markedMessage("Fehler \u{2010} f\u{FC}r", values: values) == "Fehler \u{2010} f\u{FC}r")
    }

    @Test(arguments: [ReportFormat.text, .markdown, .html])
    func messageLineShowsMarker(format: ReportFormat) {
        let report = ExplainFixtures.report(text: Self.invalidResourceText(clientAppId: Self.hyphenAppId))

        let output = ReportRenderer.render(report, format: format)

        #expect(!output.contains("\u{2010}"))
        let marker = format == .markdown ? "Client app ID: 61f3d82d\\[U+2010\\]2bf3" : "Client app ID: 61f3d82d[U+2010]2bf3"
        #expect(output.contains(marker))
    }

    @Test func jsonKeepsRawMessage() {
        let report = ExplainFixtures.report(text: Self.invalidResourceText(clientAppId: Self.hyphenAppId))

        let output = ReportRenderer.render(report, format: .json)

        #expect(output.contains("Client app ID: 61f3d82d\u{2010}2bf3"))
        #expect(!output.contains("Client app ID: 61f3d82d[U+2010]"))
    }

    @Test(arguments: [ReportFormat.text, .markdown, .html])
    func valuesShowMarker(format: ReportFormat) {
        let report = ExplainFixtures.report(text: Self.invalidResourceText(clientAppId: Self.hyphenAppId))

        let output = ReportRenderer.render(report, format: format)

        // Markdown escapes the brackets of the marker.
        let marker = format == .markdown ? "61f3d82d\\[U+2010\\]2bf3" : "61f3d82d[U+2010]2bf3"
        #expect(output.contains(marker))
    }

    @Test func jsonKeepsRawValue() {
        let report = ExplainFixtures.report(text: Self.invalidResourceText(clientAppId: Self.hyphenAppId))

        let output = ReportRenderer.render(report, format: .json)

        #expect(output.contains("\"clientAppId\" : \"\(Self.hyphenAppId)\""))
    }

    @Test func cyrillicTenantIsNamed() throws {
        let tenant = "c\u{43E}ntoso.onmicrosoft.com"
        let text = "AADSTS700016: Application with identifier '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0' was not found in the directory '\(tenant)'."
        let diagnosis = try #require(ExplainFixtures.report(text: text).diagnoses.first)

        #expect(diagnosis.values.tenant == tenant)
        #expect(diagnosis.commands.allSatisfy { !$0.contains("ntoso") })
        #expect(diagnosis.notes.contains { $0.contains("'c[U+043E]ntoso.onmicrosoft.com' where the tenant belongs") })
        #expect(diagnosis.notes.contains { $0.contains("the non-ASCII character U+043E") })
    }

    @Test func cyrillicRedirectHostIsFlagged() throws {
        let uri = "http://l\u{43E}calhost:5540/api/azure/auth/callback"
        let text = "AADSTS50011: The redirect URI '\(uri)' specified in the request does not match the redirect URIs configured for the application '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'."
        let report = ExplainFixtures.report(text: text)
        let diagnosis = try #require(report.diagnoses.first)
        let output = ReportRenderer.render(report, format: .text)

        #expect(diagnosis.values.redirectURI == uri)
        #expect(diagnosis.summary.contains("'http://l[U+043E]calhost:5540/api/azure/auth/callback'"))
        #expect(diagnosis.summary.contains("it contains the non-ASCII character U+043E"))
        #expect(!diagnosis.summary.contains("uses the host name"))
        #expect(output.contains("Redirect URI  http://l[U+043E]calhost:5540/api/azure/auth/callback"))
    }
}
