import Testing
@testable import ConsentDoctor

/// Checks that a tenant value with a quote in it is read whole and reported as invalid, as any
/// other invalid tenant value is.
struct QuotedTenantTests {
    static let tenant = #"contoso.com"; touch /tmp/x; ""#

    static let pastes = [
        #"AADSTS650052: The app needs access to a service ("AzureRedisCacheAadApp") that your organization "\#(tenant)" has not subscribed to or enabled."#,
        "AADSTS650052: The app is trying to access a service 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'(AzureRedisCacheAadApp) that your organization '\(tenant)' lacks a service principal for.",
        "AADSTS650052: The app is trying to access a service 'acca5fbb-b7e4-4009-81f1-37e38fd66d78'(AzureRedisCacheAadApp) that your organization 'contoso.com'; touch /tmp/x; '' lacks a service principal for.",
    ]

    @Test(arguments: pastes)
    func tenantGetsNote(paste: String) throws {
        let diagnosis = try #require(ExplainFixtures.report(text: paste).diagnoses.first)

        #expect(diagnosis.values.tenant?.hasPrefix("contoso.com") == true)
        #expect(diagnosis.values.tenant?.contains("touch") == true)
        #expect(diagnosis.notes.contains { $0.contains("where the tenant belongs") })
        #expect(diagnosis.commands.contains("az login --tenant '<tenant-id>'"))
    }

    @Test func plainTenantStillRead() throws {
        let paste = #"AADSTS650052: The app needs access to a service ("AzureRedisCacheAadApp") that your organization "contoso.onmicrosoft.com" has not subscribed to or enabled."#

        let diagnosis = try #require(ExplainFixtures.report(text: paste).diagnoses.first)

        #expect(diagnosis.values.tenant == "contoso.onmicrosoft.com")
        #expect(!diagnosis.notes.contains { $0.contains("where the tenant belongs") })
    }
}
