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
        // name: value and name:value, in any case
        ("password: hunter22", "password: [redacted]"),
        ("PASSWORD: hunter22", "PASSWORD: [redacted]"),
        ("password:hunter22 next", "password:[redacted] next"),
        ("refresh_token: 0.ARoAsecret", "refresh_token: [redacted]"),
        ("assertion:SecretValue", "assertion:[redacted]"),
        ("x-api-key: Key123abc", "x-api-key: [redacted]"),
        ("X-Api-Key:Key123abc", "X-Api-Key:[redacted]"),
        ("token: abc123def", "token: [redacted]"),
        // Python dict and JSON, with escaped quotes inside the value
        ("{'access_token': 'Leak123', 'scope': 'openid'}", "{'access_token': '[redacted]', 'scope': 'openid'}"),
        (#"{'password': 'it\'s1'}"#, "{'password': '[redacted]'}"),
        (#"{"access_token": "LEAK\"AT33", "scope": "openid"}"#, #"{"access_token": "[redacted]", "scope": "openid"}"#),
        (#"{\"client_secret\":\"ab\\\"cd\",\"scope\":\"x\"}"#, #"{\"client_secret\":\"[redacted]\",\"scope\":\"x\"}"#),
        (#"{"accessToken": "Leak123"}"#, #"{"accessToken": "[redacted]"}"#),
        (#"{'secret': 'plain'}"#, #"{'secret': '[redacted]'}"#),
        (#"password="two words""#, #"password="[redacted]""#),
        // percent-encoded
        ("x%26client_secret%3DLeak99%26scope%3Dx", "x%26client_secret%3D[redacted]%26scope%3Dx"),
        ("access_token%3DLeak99", "access_token%3D[redacted]"),
        ("access%5Ftoken=Leak99&x=1", "access%5Ftoken=[redacted]&x=1"),
        ("state%3D1%26refresh_token%253DLeak99%2526x", "state%3D1%26refresh_token%253D[redacted]%2526x"),
        ("x%26sig%3Dabc%2Bdef%26se%3D1", "x%26sig%3D[redacted]%26se%3D1"),
        ("copied sig%3Dabc%2Bdef", "copied sig%3D[redacted]"),
        ("copied sig=abcdef", "copied sig=[redacted]"),
        ("Bearer%20eyJabc.def.ghi%20leaked", "Bearer%20[redacted]%20leaked"),
        ("Set-Cookie%3A%20fpc%3DSecret1%3B%20path%3D%2F&next=1", "Set-Cookie%3A%20[redacted]&next=1"),
        ("Authorization%3A%20Bearer%20abc123def%26x", "Authorization%3A%20Bearer%20[redacted]%26x"),
        // more names
        ("apikey=abc", "apikey=[redacted]"),
        ("api_key=abc&x=1", "api_key=[redacted]&x=1"),
        ("DefaultEndpointsProtocol=https;AccountName=store1;AccountKey=abc+/def==;EndpointSuffix=core.windows.net", "DefaultEndpointsProtocol=https;AccountName=store1;AccountKey=[redacted];EndpointSuffix=core.windows.net"),
        ("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=abc=", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=[redacted]"),
        ("secret=abc", "secret=[redacted]"),
        ("token=abc", "token=[redacted]"),
        ("Cookie-less session=abc; path=/", "Cookie-less session=[redacted]; path=/"),
        ("sessionid=abc", "sessionid=[redacted]"),
        ("client-secret=abc", "client-secret=[redacted]"),
        (#""Authorization": "Bearer abc123def""#, #""Authorization": "Bearer [redacted]""#),
        // the password in URL user information
        ("http://u:PASS@host/x", "http://u:[redacted]@host/x"),
        ("redis://default:pa55w0rd@redis.example.test:6379", "redis://default:[redacted]@redis.example.test:6379"),
        ("redis://:pa55w0rd@redis.example.test", "redis://:[redacted]@redis.example.test"),
        ("http%3A%2F%2Fu%3APASS%40host%2Fx", "http%3A%2F%2Fu%3A[redacted]%40host%2Fx"),
    ])
    func maskerReplacesNewShapes(input: String, expected: String) {
        #expect(SecretMasker.masked(input) == expected)
    }

    @Test(arguments: [
        "https://login.microsoftonline.com/error?code=650057",
        "https://login.microsoftonline.com/error?code=AADSTS650057&x=1",
        "error%3Fcode%3D650057",
        "status code=invalid_grant",
        "signature=abc",
        "The token expired.",
        "The refresh token is too old to use.",
        "AADSTS7000215: The client secret in the request is not valid, so check that the secret value is sent.",
        "Failed to get token: invalid_grant",
        "Failed to get token: AADSTS650057: Invalid resource.",
        "The secret: see the vault.",
        "Assertion failed: expected a tenant",
        "Bearer%20token%20rejected",
        #""sessionId":"d0c3b8e5-1f6a-4e27-8b94-7a5c2e1d9f60","correlationId":"4a9e6c21-7b3d-4f80-9c15-2e8d0b7a6f34""#,
        "session=d0c3b8e5-1f6a-4e27-8b94-7a5c2e1d9f60",
        "Trace ID: 11111111-2222-4333-8444-555555555555 Correlation ID: 66666666-7777-4888-9999-aaaaaaaaaaaa",
        "client_id=61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0&tenant=c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35",
        "token_type=Bearer&grant_type=refresh_token&session_state=d0c3b8e5-1f6a-4e27-8b94-7a5c2e1d9f60",
        #"{"token_type":"Bearer","expires_in":3599}"#,
        "MSALOAuthErrorKey=invalid_grant, MSALCorrelationIDKey=5d8c1e3f-0a97-4b24-8e61-f3a0b9c7d248",
        "SharedAccessKeyName=RootManageSharedAccessKey",
        "http://localhost:5540/api/azure/auth/callback",
        "http://[::1]:5540/api/azure/auth/callback",
        "https://example.test:8443?next=a@b",
        "mailto:dave@contoso.com",
        #"password="""#,
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
