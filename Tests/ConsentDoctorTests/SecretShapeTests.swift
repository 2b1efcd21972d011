import Testing
@testable import ConsentDoctor

/// Checks the credential shapes `SecretMasker` finds without a plain `name=value` around them, and
/// the ordinary error wording next to those shapes that must stay.
struct SecretShapeTests {
    static let entraSecret = "x7Q~abcdefghijklmnopqrstuvwxyz0123456789"

    @Test(arguments: [
        // XML elements, also HTML-escaped
        ("<password>Leak1</password>", "<password>[redacted]</password>"),
        ("<client_secret>Leak1</client_secret><scope>openid</scope>", "<client_secret>[redacted]</client_secret><scope>openid</scope>"),
        (#"<AccessToken type="jwt">Leak1</AccessToken>"#, #"<AccessToken type="jwt">[redacted]</AccessToken>"#),
        ("<token>abc</token>", "<token>[redacted]</token>"),
        ("&lt;password&gt;Leak1&lt;/password&gt;", "&lt;password&gt;[redacted]&lt;/password&gt;"),
        // PHP arrays and form-encoded spaces around `=`
        ("'password'=>'Leak1'", "'password'=>'[redacted]'"),
        (#"["client_secret" => "Leak1"]"#, #"["client_secret" => "[redacted]"]"#),
        ("client_secret+=+Leak1&scope=x", "client_secret+=+[redacted]&scope=x"),
        ("password += Leak1", "password += [redacted]"),
        // PEM private keys, to the END line or the end of the text
        ("private_key: -----BEGIN PRIVATE KEY-----MIIEvQIB\nAAAB-----END PRIVATE KEY-----", "private_key: -----BEGIN PRIVATE KEY-----[redacted]-----END PRIVATE KEY-----"),
        ("-----BEGIN RSA PRIVATE KEY-----\\nMIIEvQIBADAN", "-----BEGIN RSA PRIVATE KEY-----[redacted]"),
        // `&amp;` between parameters
        ("x?access_token=Leak1&amp;state=1", "x?access_token=[redacted]&amp;state=1"),
        ("x?state=1&amp;code=0.AAAALeak&amp;y=2", "x?state=1&amp;code=[redacted]&amp;y=2"),
        // authorization codes outside a URL
        ("code=0.AAAASECRETW", "code=[redacted]"),
        ("<password>SECRETZ</password> code=0.AAAASECRETW", "<password>[redacted]</password> code=[redacted]"),
        ("redirect code = 1.AQ8Aleak-value rejected", "redirect code = [redacted] rejected"),
        // tokens after Bearer
        ("Bearer LEAKC07", "Bearer [redacted]"),
        ("Bearer%20LEAKC01", "Bearer%20[redacted]"),
        ("Bearer abcDEFghi", "Bearer [redacted]"),
        // `secret:` and `token:` with a long or mixed-case value
        ("secret: abcdEFGHijkl", "secret: [redacted]"),
        ("token: abcdefghijklmnopqrstuvwxyz", "token: [redacted]"),
        // an Entra client secret with no name
        ("client secret is \(entraSecret)", "client secret is [redacted]"),
        ("value abc8Q~Zyxwvutsrqponmlkjihgfedcba98765_.-~ end", "value [redacted] end"),
    ])
    func maskerReplacesShape(input: String, expected: String) {
        #expect(SecretMasker.masked(input) == expected)
    }

    @Test(arguments: [
        "Bearer authentication failed.",
        "The Bearer scheme is required.",
        "Bearer tokens expire after an hour.",
        "Bearer realm",
        "Failed to get token: invalid_grant",
        "The secret: expired",
        "token: authentication_failed",
        "status code=invalid_grant",
        "error code=500",
        "code=1.2.3",
        "Use <token> in the header.",
        "<session>d0c3b8e5-1f6a-4e27-8b94-7a5c2e1d9f60</session>",
        "-----BEGIN CERTIFICATE-----MIIC",
        "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'.",
        "AADSTS7000222: The provided client secret keys for app '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0' are expired.",
        "x?state=1&amp;prompt=consent",
        "version 8Q~ is not a secret",
        "key_id=8Q~short",
    ])
    func maskerKeepsErrorWording(input: String) {
        #expect(SecretMasker.masked(input) == input)
    }

    @Test func extractedMessageMasked() throws {
        let paste = "AADSTS650052: The app needs access. <password>SECRETZ</password> code=0.AAAASECRETW \(Self.entraSecret)"
        let report = ExplainFixtures.report(text: paste)

        let message = try #require(report.diagnoses.first?.values.message)

        #expect(!message.contains("SECRETZ"))
        #expect(!message.contains("SECRETW"))
        #expect(!message.contains(Self.entraSecret))
        #expect(message.contains("The app needs access."))
    }
}
