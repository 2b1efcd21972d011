import Foundation
import Testing
@testable import ConsentDoctor

/// Tokens and other bearer secrets inside pasted text never reach a report, in any input form
/// and any output format, with or without `--redact`.
struct SecretMaskingTests {
    static let jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL3JlZGlzLmF6dXJlLmNvbSJ9.c2lnbmF0dXJlRG9Ob3RFY2hv"
    static let secrets = [jwt, "eyJhbGciOi", "RefreshSecret42", "ClientSecret77", "AuthCode0AAA", "CookieSecret9"]

    private static let message = "AADSTS700016: Application with identifier '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0' was not found in the directory 'contoso.onmicrosoft.com'. The request carried \(jwt) and refresh_token=RefreshSecret42&client_secret=ClientSecret77 from https://app.example.test/cb?code=AuthCode0AAA&state=1 with Cookie: ESTSAUTH=CookieSecret9"
    private static let trace = "Trace ID: 11111111-2222-4333-8444-555555555555 Correlation ID: 66666666-7777-4888-9999-aaaaaaaaaaaa Timestamp: 2026-11-18 09:14:02Z"

    private static func jsonString(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]), as: UTF8.self).dropFirst().dropLast().description
    }

    static let forms: [(name: String, paste: String)] = [
        ("plain text", message + " " + trace),
        ("token endpoint JSON", #"{"error":"invalid_client","error_description":\#(jsonString(message + " " + trace)),"error_codes":[700016]}"#),
        ("redirect URL", "http://localhost:5540/api/azure/auth/callback?error=invalid_client&error_description=" + (message + " " + trace).addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&state=abc"),
        ("sign-in page text", "Sorry, but we're having trouble signing you in.\n\n\(message)\n\nTroubleshooting details\nRequest Id: 3d8c1f5a-0b27-4e96-8a4d-c5f2e7b19063\nCorrelation Id: 66666666-7777-4888-9999-aaaaaaaaaaaa\nTimestamp: 2026-11-21T10:55:31.604Z"),
        ("saved HTML", #"<html><head><script>$Config={"iErrorCode":700016,"strServiceExceptionMessage":\#(jsonString(message))};</script></head><body><div>Authorization: Bearer \#(jwt)</div></body></html>"#),
        ("msal-node", "ServerError: invalid_client: 700016 - [2026-01-05 10:00:00Z]: \(message) - Correlation ID: 66666666-7777-4888-9999-aaaaaaaaaaaa - Trace ID: 11111111-2222-4333-8444-555555555555"),
        ("RedisInsight log", "[2026-11-18 09:14:02.511] [error] Azure OAuth error: invalid_client \(message) \(trace)"),
        ("Azure CLI", "\(message) \(trace)\nRun the command below to authenticate interactively; additional arguments may be added as needed:\naz login --tenant contoso.onmicrosoft.com"),
        ("HAR", #"{"log":{"version":"1.2","entries":[{"request":{"method":"POST","url":"https://login.example.test/token"},"response":{"status":400,"headers":[],"redirectURL":"","content":{"mimeType":"application/json","text":\#(jsonString(#"{"error":"invalid_client","error_description":\#(jsonString(message)),"error_codes":[700016]}"#))}}}]}}"#),
    ]

    @Test(arguments: forms.map(\.name))
    func tokensNeverReachReports(form: String) throws {
        let paste = try #require(Self.forms.first { $0.name == form }?.paste)
        let report = ExplainFixtures.report(text: paste)
        #expect(report.diagnoses.first?.values.code == .clientApplicationNotFound)

        for redact in [false, true] {
            let shown = redact ? ReportRedactor.redact(report) : report
            for format in ReportFormat.allCases {
                let output = ReportRenderer.render(shown, format: format)
                for secret in Self.secrets {
                    #expect(!output.contains(secret), "\(form), \(format), redact \(redact): \(secret)")
                }
            }
        }
        let message = try #require(report.diagnoses.first?.values.message)
        #expect(message.contains("was not found in the directory"), "\(form)")
        #expect(message.contains("[redacted]"), "\(form)")
    }

    @Test(arguments: [
        ("Bearer eyJhbGciOi.eyJzdWIi.c2ln", "Bearer [redacted]"),
        ("Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic [redacted]"),
        ("x?access_token=abc.def&state=1", "x?access_token=[redacted]&state=1"),
        ("id_token=eyJ0eXAiOiJKV1QifQ", "id_token=[redacted]"),
        (#"{"refresh_token":"0.ARoA-secret","scope":"openid"}"#, #"{"refresh_token":"[redacted]","scope":"openid"}"#),
        (#"{\"client_secret\":\"s3cr3t\"}"#, #"{\"client_secret\":\"[redacted]\"}"#),
        ("password = hunter22", "password = [redacted]"),
        ("cb?code=0.AAAsecret&state=x", "cb?code=[redacted]&state=x"),
        ("https://example.test/x?sv=2024&sig=abc%2Bdef", "https://example.test/x?sv=2024&sig=[redacted]"),
        ("Set-Cookie: fpc=secret; path=/", "Set-Cookie: [redacted]"),
        ("state eyJhbGciOiJub25lIn0 here", "state [redacted] here"),
    ])
    func maskerReplacesSecret(input: String, expected: String) {
        #expect(SecretMasker.masked(input) == expected)
    }

    @Test(arguments: [
        "https://login.microsoftonline.com/error?code=650057",
        "The Bearer token was rejected.",
        "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "error_codes=[50011]",
        #"{"error":{"code":"Authorization_RequestDenied"}}"#,
        "AADSTS50011: The redirect URI 'http://localhost:5540/api/azure/auth/callback' does not match.",
    ])
    func maskerKeepsOrdinaryText(input: String) {
        #expect(SecretMasker.masked(input) == input)
    }
}
