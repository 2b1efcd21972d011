import Testing
@testable import ConsentDoctor

struct IdentifiersTests {
    @Test(arguments: [
        ("61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0", true),
        ("61F3D82D-2BF3-432A-BA1B-C056E4CF0FD0", true),
        ("61f3d82d2bf3432aba1bc056e4cf0fd0", false),
        ("{61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0}", false),
        ("61f3d82d-2bf3-432a-ba1b-c056e4cf0fdg", false),
        ("", false),
    ])
    func guidValidation(text: String, expected: Bool) {
        #expect(Identifiers.isGUID(text) == expected)
    }

    @Test(arguments: [
        ("contoso.onmicrosoft.com", true),
        ("fabrikam.com", true),
        ("localhost", false),
        ("-bad.com", false),
        ("bad-.com", false),
        ("a..b.com", false),
        ("contoso.com;rm -rf /", false),
        ("10.20.30.40", false),
    ])
    func domainValidation(text: String, expected: Bool) {
        #expect(Identifiers.isDomainName(text) == expected)
    }

    @Test(arguments: [
        ("user_impersonation", true),
        ("https://redis.azure.com/.default", true),
        ("offline_access", true),
        ("a b", false),
        ("$(id)", false),
        ("x'y", false),
    ])
    func scopeValidation(text: String, expected: Bool) {
        #expect(Identifiers.isScopeToken(text) == expected)
    }

    @Test func quotingLeavesSafeWordsAlone() {
        #expect(ShellQuoting.quote("user_impersonation") == "user_impersonation")
        #expect(ShellQuoting.quote("https://login.microsoftonline.com/x") == "https://login.microsoftonline.com/x")
    }

    @Test func quotingWrapsUnsafeWords() {
        #expect(ShellQuoting.quote("a b") == "'a b'")
        #expect(ShellQuoting.quote("it's") == #"'it'\''s'"#)
        #expect(ShellQuoting.quote("") == "''")
        #expect(ShellQuoting.quote("$(id)") == "'$(id)'")
    }

    @Test func sameDomainNameIgnoresCaseAndDot() {
        #expect(Identifiers.sameDomainName("Contoso.OnMicrosoft.com.", "contoso.onmicrosoft.com"))
        #expect(!Identifiers.sameDomainName("contoso.com", "contoso.net"))
    }
}
