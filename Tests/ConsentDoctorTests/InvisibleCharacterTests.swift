import Foundation
import Testing
@testable import ConsentDoctor

/// Control characters between words, and invisible formatting characters that make one value
/// look like another.
struct InvisibleCharacterTests {
    private static let servicePrincipalMessage = "AADSTS650052: The app is trying to access a service 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'(AzureRedisCacheAadApp) that your organization 'c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35' lacks a service principal for."

    @Test(arguments: ["\u{0}", "\u{1}", "\u{1B}", "\u{7F}", "\u{85}", "\u{0B}\u{0C}", " \u{0} "])
    func controlBetweenWordsStillExtracts(control: String) {
        let text = Self.servicePrincipalMessage.replacingOccurrences(of: "access a service", with: "access\(control)a\(control)service")
            .replacingOccurrences(of: "your organization", with: "your\(control)organization")
        let values = PasteReader.read(bytes: Array(text.utf8)).occurrences.first?.values

        #expect(values?.resourceAppId == "acca5fbb-b7e4-4009-81f1-37e38fd66d78")
        #expect(values?.resourceName == "AzureRedisCacheAadApp")
        #expect(values?.tenant == "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35")
    }

    @Test func escapedNulStillExtracts() {
        let json = #"{"error":"invalid_client","error_description":"\#(Self.servicePrincipalMessage.replacingOccurrences(of: "your organization", with: #"your\u0000organization"#))"}"#
        let encoded = Self.servicePrincipalMessage.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let url = "http://localhost:5540/api/azure/auth/callback?error=invalid_client&error_description=" + encoded.replacingOccurrences(of: "your%20organization", with: "your%00organization")

        for paste in [json, url] {
            let values = PasteReader.read(bytes: Array(paste.utf8)).occurrences.first?.values
            #expect(values?.tenant == "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35", "\(paste.prefix(20))")
        }
    }

    @Test func escapeNeverReachesValues() {
        let text = Self.servicePrincipalMessage.replacingOccurrences(of: "(AzureRedisCacheAadApp)", with: "(Azure\u{1B}[31mRedis)")
        let name = PasteReader.read(bytes: Array(text.utf8)).occurrences.first?.values.resourceName

        #expect(name == "Azure [31mRedis")
    }

    @Test(arguments: ["\u{200B}", "\u{202E}", "\u{2066}", "\u{FEFF}", "\u{200D}"])
    func invisibleTenantFailsValidation(character: String) throws {
        let tenant = "contoso\(character).onmicrosoft.com"
        let text = "AADSTS700016: Application with identifier '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0' was not found in the directory '\(tenant)'."
        let report = ExplainFixtures.report(text: text)
        let diagnosis = try #require(report.diagnoses.first)
        let marker = ReportTextSanitizer.clean(character)

        #expect(diagnosis.values.tenant == tenant)
        #expect(diagnosis.commands.allSatisfy { !$0.contains("contoso") })
        #expect(diagnosis.notes.contains { $0.contains("it contains the invisible character \(marker.dropFirst().dropLast())") })
        for format in [ReportFormat.text, .markdown, .html] {
            let output = ReportRenderer.render(report, format: format)
            #expect(!output.contains(character), "\(format)")
            // Markdown escapes the brackets of the marker, so only the code point is looked for there.
            #expect(output.contains(format == .markdown ? marker.dropFirst().dropLast() : "contoso\(marker).onmicrosoft.com"), "\(format)")
        }
    }

    @Test func invisibleRedirectHostIsFlagged() throws {
        let uri = "http://local\u{200B}host:5540/api/azure/auth/callback"
        let text = "AADSTS50011: The redirect URI '\(uri)' specified in the request does not match the redirect URIs configured for the application '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'."
        let report = ExplainFixtures.report(text: text)
        let diagnosis = try #require(report.diagnoses.first)
        let output = ReportRenderer.render(report, format: .text)

        #expect(diagnosis.values.redirectURI == uri)
        #expect(diagnosis.summary.contains("it contains the invisible character U+200B"))
        #expect(!diagnosis.summary.contains("looks like a registered URI"))
        #expect(output.contains("http://local[U+200B]host:5540/api/azure/auth/callback"))
        #expect(!output.contains("\u{200B}"))
    }

    @Test func codePointsAreListedOnce() {
        #expect(InvisibleCharacters.codePoints(in: "a\u{200B}b\u{202E}c\u{200B}") == ["U+200B", "U+202E"])
        #expect(InvisibleCharacters.phrase(for: "plain") == nil)
    }
}
