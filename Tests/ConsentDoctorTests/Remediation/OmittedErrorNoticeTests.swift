import Testing
@testable import ConsentDoctor

/// Checks the warning that emitted artefacts carry when `explain` only counted some errors.
struct OmittedErrorNoticeTests {
    static let counted = OmittedErrorCount(code: SignInErrorCode(rawValue: 650052), occurrences: 60, distinctErrors: 50, tenants: 50, resources: 1)

    static func header(_ form: EmitForm, omitted: [OmittedErrorCount]) -> String {
        let plan = EmitSamples.explainMissingServicePrincipal(tenant: TenantFixtures.tenant)
        let lines = RemediationEmitter.lines(for: plan, form: form, omittedErrors: omitted)
        let comments = lines.filter { $0.hasPrefix("# ") }
        return comments.map { $0.dropFirst(2) }.joined(separator: " ")
    }

    @Test func noneGivesNil() {
        #expect(OmittedErrorNotice.text([]) == nil)
    }

    @Test func oneCodeNamesCounts() throws {
        let text = try #require(OmittedErrorNotice.text([Self.counted]))

        #expect(text.contains("60 more errors (50 distinct, naming 50 tenants)"))
        #expect(text.contains("first 100 distinct errors"))
        #expect(text.contains("check --tenant TENANT --emit"))
    }

    @Test func severalCodesGiveMaximum() throws {
        let other = OmittedErrorCount(code: SignInErrorCode(rawValue: 65001), occurrences: 2, distinctErrors: 2, tenants: 1)

        let text = try #require(OmittedErrorNotice.text([Self.counted, other]))

        #expect(text.contains("62 more errors (52 distinct, naming up to 51 tenants)"))
    }

    @Test func cappedCountsAreMinimums() throws {
        var capped = Self.counted
        capped.distinctCountsCapped = true

        let text = try #require(OmittedErrorNotice.text([capped]))

        #expect(text.contains("(at least 50 distinct, naming at least 50 tenants)"))
    }

    @Test func scriptHeadersWarn() {
        for form in [EmitForm.az, .rest, .powershell] {
            let header = Self.header(form, omitted: [Self.counted])
            #expect(header.contains("The input has 60 more errors"), "form \(form.rawValue)")
        }
    }

    @Test func headerWithoutOmittedErrors() {
        let header = Self.header(.az, omitted: [])

        #expect(!header.contains("only counted"))
    }

    @Test func urlFormHasNoComment() {
        let plan = EmitSamples.explainMissingServicePrincipal(tenant: TenantFixtures.tenant)

        let lines = RemediationEmitter.lines(for: plan, form: .url, omittedErrors: [Self.counted])

        #expect(lines.allSatisfy { $0.hasPrefix("https://") })
    }
}
