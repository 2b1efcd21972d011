import Foundation
import Testing
import TestSupport

/// Runs the built `consent-doctor explain` on pastes whose error message carries credentials in
/// many shapes, and checks that no credential reaches any report format.
struct ExplainSecretMaskingTests {
    /// Each shape with a credential that ends in a distinct number, so a failure names the shape.
    static let shapes = [
        "password: PwLeak01",
        "{'refresh_token': 'RtLeak02'}",
        #""access_token": "AtLeak03\"AtLeak04""#,
        "client_secret%3DCsLeak05",
        "Bearer%20BrLeak06.x",
        "x-api-key: ApiLeak07",
        "DefaultEndpointsProtocol=https;AccountName=store1;AccountKey=AkLeak08==;EndpointSuffix=core.windows.net",
        "redis://default:UiLeak09@redis.example.test:6379",
        "session=SsLeak10",
        "Set-Cookie%3A%20CkLeak11",
        "access%5Ftoken=AtLeak12",
        "sig%3DSgLeak13",
        "<password>XmLeak14</password>",
        "'password'=>'PhLeak15'",
        "client_secret+=+FmLeak16",
        "private_key: -----BEGIN PRIVATE KEY-----PemLeak17 -----END PRIVATE KEY-----",
        "code=0.AAAACdLeak18",
        "Bearer Lk19ab",
        "secret: ScLeakABCDEF",
        "abc8Q~EnLeak20abcdefghijklmnopqrstuvwxyz_",
        "cb?access_token=AmLeak21&amp;state=1",
    ]
    static let leaks = [
        "PwLeak01", "RtLeak02", "AtLeak03", "AtLeak04", "CsLeak05", "BrLeak06", "ApiLeak07", "AkLeak08", "UiLeak09", "SsLeak10", "CkLeak11", "AtLeak12", "SgLeak13",
        "XmLeak14", "PhLeak15", "FmLeak16", "PemLeak17", "CdLeak18", "Lk19ab", "ScLeakABCDEF", "EnLeak20", "AmLeak21",
    ]

    static let message = "AADSTS650057: Invalid resource. Client app ID: 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0(Redis Insight). Resource value from request: https://redis.azure.com. Resource app ID: acca5fbb-b7e4-4009-81f1-37e38fd66d78. Sent with " + shapes.joined(separator: " ") + " Trace ID: 11111111-2222-4333-8444-555555555555 Correlation ID: 66666666-7777-4888-9999-aaaaaaaaaaaa Timestamp: 2026-11-18 09:14:02Z"

    static let pastes: [(name: String, text: String)] = [
        ("log line", "[2026-11-18 09:14:02.511] [error] Azure OAuth error: " + message + "\n"),
        ("token endpoint JSON", tokenEndpointJSON()),
    ]

    private static func tokenEndpointJSON() -> String {
        let object: [String: Any] = ["error": "invalid_client", "error_description": message, "error_codes": [650057]]
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: pastes.map(\.name))
    func noCredentialInAnyFormat(paste: String) throws {
        let text = try #require(Self.pastes.first { $0.name == paste }?.text)

        for format in ["text", "json", "markdown", "html"] {
            for redact in [false, true] {
                let arguments = ["explain", "-", "--format", format] + (redact ? ["--redact"] : [])
                let result = try ProcessRunner.consentDoctor(arguments, standardInput: Data(text.utf8))

                let context = "\(paste), \(format)\(redact ? ", --redact" : "")"
                #expect(result.status == 0, "\(context): \(result.standardError)")
                #expect(result.standardOutput.contains("650057"), "\(context)")
                #expect(result.standardOutput.contains("redacted"), "\(context)")
                for leak in Self.leaks {
                    #expect(!result.standardOutput.contains(leak), "\(context): \(leak)")
                    #expect(!result.standardError.contains(leak), "\(context): \(leak)")
                }
            }
        }
    }
}
