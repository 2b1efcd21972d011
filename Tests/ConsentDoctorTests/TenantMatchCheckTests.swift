import Testing
@testable import ConsentDoctor

struct TenantMatchCheckTests {
    typealias T = TenantFixtures

    static func finding(checked: String?, domains: [String] = [], expected: [ExpectedTenant]) -> Finding? {
        var snapshot = T.healthy()
        snapshot.tenant = checked
        snapshot.tenantDomains = domains
        return TenantMatchCheck().findings(in: T.context(snapshot, expecting: expected)).first
    }

    static func option(_ tenant: String) -> [ExpectedTenant] {
        [ExpectedTenant(tenant: tenant, source: .option)]
    }

    @Test func guidsCompareIgnoringCase() {
        let finding = Self.finding(checked: T.tenant, expected: Self.option(T.tenant.uppercased()))

        #expect(finding?.status == .pass)
    }

    @Test func differentGUIDsFail() {
        let finding = Self.finding(checked: T.tenant, expected: Self.option(T.otherTenant))

        #expect(finding?.status == .fail)
        #expect(finding?.relatedCodes.first == .servicePrincipalMissingForResource)
        #expect(finding?.detail.hasPrefix("The expected tenant is \(T.otherTenant), but this check read tenant \(T.tenant).") == true)
    }

    @Test func domainAgainstGUIDIsUnknown() {
        let finding = Self.finding(checked: T.tenant, expected: Self.option("fabrikam.com"))

        #expect(finding?.status == .unknown)
        #expect(finding?.reason?.contains("does not list the checked tenant's domains") == true)
    }

    @Test func knownDomainsDecide() {
        let match = Self.finding(checked: T.tenant, domains: ["contoso.com", "contoso.onmicrosoft.com"], expected: Self.option("CONTOSO.COM"))
        let mismatch = Self.finding(checked: T.tenant, domains: ["contoso.com"], expected: Self.option("fabrikam.com"))

        #expect(match?.status == .pass)
        #expect(mismatch?.status == .fail)
    }

    @Test func guidAgainstDomainIsUnknown() {
        let finding = Self.finding(checked: "contoso.com", domains: ["contoso.com"], expected: Self.option(T.tenant))

        #expect(finding?.status == .unknown)
    }

    @Test func mismatchWinsOverUndecided() {
        let expected = Self.option("fabrikam.com") + [ExpectedTenant(tenant: T.otherTenant, source: .signInError, code: .servicePrincipalMissingForResource)]
        let finding = Self.finding(checked: T.tenant, expected: expected)

        #expect(finding?.status == .fail)
        #expect(finding?.detail.hasPrefix("The sign-in error names tenant \(T.otherTenant)") == true)
    }

    @Test func unknownCheckedTenant() {
        let finding = Self.finding(checked: nil, expected: Self.option(T.tenant))

        #expect(finding?.status == .unknown)
    }

    @Test func invalidExpectationIsUnknown() {
        let finding = Self.finding(checked: T.tenant, expected: Self.option("not a tenant; rm -rf /"))

        #expect(finding?.status == .unknown)
        #expect(finding?.reason == "None of the expected tenants is a tenant GUID or a domain name.")
    }

    @Test func unconfirmedTenantIsUnknown() {
        var context = T.context(T.healthy(), expecting: Self.option(T.tenant))
        context.tenantConfirmation = .undecided("Graph did not return the organization.")

        let finding = TenantMatchCheck().findings(in: context).first

        #expect(finding?.status == .unknown)
        #expect(finding?.reason == "Graph did not return the organization.")
        #expect(finding?.detail.contains("named with --tenant could not be confirmed") == true)
    }

    @Test func confirmedTenantKeepsComparison() {
        var context = T.context(T.healthy(), expecting: Self.option(T.tenant))
        context.tenantConfirmation = .confirmed

        #expect(TenantMatchCheck().findings(in: context).first?.status == .pass)
    }

    @Test func noExpectationIsInfo() {
        let finding = Self.finding(checked: T.tenant, expected: [])

        #expect(finding?.status == .info)
    }

    @Test func expectationsFromPastedErrors() {
        let values = [
            ExtractedValues(code: .servicePrincipalMissingForResource, tenant: T.otherTenant),
            ExtractedValues(code: .invalidResource, tenant: T.otherTenant.uppercased()),
            ExtractedValues(code: .invalidResource, tenant: "bad tenant"),
            ExtractedValues(code: .invalidResource),
        ]
        let expected = ExpectedTenant.named(in: values)

        #expect(expected == [ExpectedTenant(tenant: T.otherTenant, source: .signInError, code: .servicePrincipalMissingForResource)])
    }
}
