import Foundation
import Testing
@testable import ConsentDoctor

struct ReportRedactorTests {
    typealias Sample = ExplainFixtures

    private func redactedJSON(_ report: Report) -> String {
        JSONRenderer.render(ReportRedactor.redact(report))
    }

    @Test func ipAddressIsMaskedEverywhere() throws {
        let report = try Sample.report("07-signin-page-50011.txt")
        let redacted = ReportRedactor.redact(report)
        let json = JSONRenderer.render(redacted)
        #expect(!json.contains("10.20.30.40"))
        let diagnosis = try #require(redacted.diagnoses.first)
        #expect(diagnosis.values.redirectURI == "http://<ip-1>:5540/api/azure/auth/callback")
        #expect(diagnosis.commands == ["ssh -L 5540:localhost:5540 '<user>@<ip-1>'"])
        #expect(diagnosis.summary.contains("<ip-1>"))
    }

    @Test func tenantDomainIsMaskedEverywhere() throws {
        let redacted = ReportRedactor.redact(try Sample.report("06-msal-node-server-error.txt"))
        let json = JSONRenderer.render(redacted)
        #expect(!json.contains("fabrikam"))
        let diagnosis = try #require(redacted.diagnoses.first)
        #expect(diagnosis.values.tenant == "<domain-1>")
        #expect(diagnosis.commands.first == "az login --tenant <domain-1>")
        #expect(diagnosis.plan?.tenant == "<domain-1>")
    }

    @Test func userObjectIdIsMasked() throws {
        let redacted = ReportRedactor.redact(try Sample.report("18-ri-log-12400.txt"))
        let json = JSONRenderer.render(redacted)
        #expect(!json.contains("5c1d9e7a-2b48-4f63-9e0a-d7c3b1f6a825"))
        #expect(redacted.diagnoses.first?.values.userObjectId == "<user-1>")
        #expect(json.contains("3a8f5c2e-7d91-4b06-a4e3-c9f1b0d7e582"))
    }

    @Test func checkUserObjectIdsAreMasked() {
        typealias Tenant = TenantFixtures
        let snapshot = Tenant.healthy().replacingGrants { grants in
            grants.append(Tenant.perUser("per-user-a", user: Tenant.userA, to: Tenant.redisObjectId, scope: "user_impersonation"))
            grants.append(Tenant.perUser("per-user-b", user: Tenant.userB, to: Tenant.graphObjectId, scope: "openid"))
        }
        let report = CheckReportBuilder.report(for: Tenant.context(snapshot), generatedAt: "2026-12-04T20:17:05Z")
        let json = redactedJSON(report)

        #expect(JSONRenderer.render(report).contains(Tenant.userA))
        #expect(!json.contains(Tenant.userA))
        #expect(!json.contains(Tenant.userB))
        #expect(json.contains("<user-1>"))
        #expect(json.contains("<user-2>"))
        #expect(json.contains(Tenant.clientObjectId))
    }

    @Test func wellKnownValuesAreKept() throws {
        let json = redactedJSON(try Sample.report("01-ri-desktop-log-650057.txt"))
        #expect(json.contains("61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"))
        #expect(json.contains("https://redis.azure.com"))
        #expect(json.contains("https://login.microsoftonline.com/error?code=650057"))
        #expect(json.contains("5b0e3c1a-9f7d-4e21-8a66-0c4d2b7e9100"))
        #expect(!json.contains("<domain-"))
    }

    @Test func sameValueGetsSamePlaceholder() {
        let text = """
        AADSTS50020: User account 'jane.doe@fabrikam.com' from identity provider 'live.com' does not exist in tenant 'Contoso' and cannot access the application '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'(Redis Insight) in that tenant. Client IP 2001:db8::8a2e:370:7334 and 192.0.2.10.
        AADSTS50011: The redirect URI 'https://insight.fabrikam.com/api/azure/auth/callback' specified in the request does not match the redirect URIs configured for the application '61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0'. Seen by jane.doe@fabrikam.com from 192.0.2.10 user=jdoe in C:\\Users\\jdoe\\AppData.
        """
        let redacted = ReportRedactor.redact(Sample.report(text: text))
        let json = JSONRenderer.render(redacted)
        for secret in ["jane.doe", "fabrikam", "2001:db8", "192.0.2.10", "jdoe"] {
            #expect(!json.contains(secret), "redacted report still contains \(secret)")
        }
        #expect(json.contains("<email-1>"))
        #expect(!json.contains("<email-2>"))
        #expect(json.contains("<ip-1>"))
        #expect(json.contains("<ip-2>"))
        #expect(!json.contains("<ip-3>"))
        #expect(json.contains("<domain-1>"))
        #expect(json.contains("<user-1>"))
        #expect(!json.contains("<user-2>"))
    }

    @Test func percentEncodedEmailIsMasked() {
        let text = "AADSTS50020: User account 'jane.doe@fabrikam.com' from identity provider 'live.com' does not exist in tenant 'Contoso'. Contact mailto:dave%40contoso.com or mailto%3Ajane.doe%40fabrikam.com, login_hint%3Ddave%2540contoso.com."
        let redacted = ReportRedactor.redact(Sample.report(text: text))
        let json = JSONRenderer.render(redacted)

        for address in ["jane.doe", "dave"] {
            #expect(!json.contains(address), "redacted report still contains \(address)")
        }
        // Each address gets one placeholder, whether its @ is encoded or not.
        let message = redacted.diagnoses.first?.values.message
        #expect(message == "User account '<email-2>' from identity provider 'live.com' does not exist in tenant 'Contoso'. Contact mailto:<email-1> or mailto%3A<email-2>, login_hint%3D<email-1>.")
        #expect(!json.contains("<email-3>"))
    }

    @Test(arguments: [
        ("Contact dave&#64;contoso.com today", "Contact <email-1> today"),
        ("Contact dave&#x40;contoso.com today", "Contact <email-1> today"),
        (#"{"upn":"dave\u0040contoso.com"}"#, #"{"upn":"<email-1>"}"#),
        (#"Contact "dave"@contoso.com today"#, "Contact <email-1> today"),
        (#"Contact "dave.smith jr"@contoso.com today"#, "Contact <email-1> today"),
    ])
    func encodedEmailIsMasked(text: String, expected: String) {
        var masker = ValueMasker()

        #expect(masker.mask(text) == expected)
    }

    @Test func encodedEmailsShareOnePlaceholder() {
        var masker = ValueMasker()

        let masked = masker.mask(#"dave@contoso.com dave&#64;contoso.com dave\u0040contoso.com "dave"@contoso.com"#)

        #expect(masked == "<email-1> <email-1> <email-1> <email-1>")
    }

    @Test(arguments: [#"He said "no" @ noon"#, "a &#64; b", #"x\u0040"#, "&#64;contoso.com"])
    func atFormsWithoutAddressAreKept(text: String) {
        var masker = ValueMasker()

        #expect(masker.mask(text) == text)
    }

    @Test(arguments: ["50%25 off", "a%2Fb@", "x%40y", "100%40"])
    func percentTextWithoutAddressIsKept(text: String) {
        var masker = ValueMasker()
        #expect(masker.mask(text) == text)
    }

    @Test func timestampsAreNotTakenForAddresses() throws {
        let redacted = ReportRedactor.redact(try Sample.report("01-ri-desktop-log-650057.txt"))
        #expect(redacted.diagnoses.first?.values.timestamp == "2026-11-18 09:14:02Z")
    }

    @Test func redactionIsStable() throws {
        let report = try Sample.report("19-multi-error.log")
        #expect(ReportRedactor.redact(report) == ReportRedactor.redact(report))
    }
}
