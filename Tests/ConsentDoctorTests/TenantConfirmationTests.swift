import Testing
@testable import ConsentDoctor

struct TenantConfirmationTests {
    static let tenant = "5e8a1c73-2d4f-4b96-8a0e-3f7c9b1d6e25"
    static let other = "2b7e4f10-9c3d-4a85-b6e1-0d8f5a2c9e41"
    static let organization = Lookup.found(OrganizationIdentity(id: tenant, domains: ["cd-nothing.onmicrosoft.com", "contoso.com"]))
    static let unreadable = Lookup<OrganizationIdentity>.unknown(LookupFailure(kind: .permissionDenied, message: "Graph denied GET /organization with status 403."))

    private func evaluate(_ requested: String, token: String? = nil, organization: Lookup<OrganizationIdentity>? = nil) -> TenantConfirmation {
        TenantConfirmation.evaluate(requested: requested, tokenTenant: token, organization: organization)
    }

    @Test func tokenTenantMatchesGUID() {
        #expect(evaluate(Self.tenant.uppercased(), token: Self.tenant) == .confirmed)
    }

    @Test func tokenTenantDiffers() {
        let expected = TenantMismatch(requested: Self.tenant, actualTenant: Self.other, evidence: .token)
        #expect(evaluate(Self.tenant, token: Self.other) == .mismatch(expected))
        #expect(evaluate(Self.tenant, token: Self.other, organization: Self.organization) == .mismatch(expected))
    }

    @Test func domainNeedsOrganization() {
        guard case .undecided(let reason) = evaluate("contoso.com", token: Self.tenant) else {
            Issue.record("expected undecided")
            return
        }
        #expect(reason.contains("contoso.com, the --tenant value, could not be confirmed"))
    }

    @Test(arguments: ["contoso.com", "CONTOSO.COM", "contoso.com.", "cd-nothing.onmicrosoft.com"])
    func verifiedDomainConfirms(domain: String) {
        #expect(evaluate(domain, organization: Self.organization) == .confirmed)
    }

    @Test func otherDomainIsMismatch() {
        let result = evaluate("contoso.onmicrosoft.com", token: Self.tenant, organization: Self.organization)
        let expected = TenantMismatch(
            requested: "contoso.onmicrosoft.com",
            actualTenant: Self.tenant,
            evidence: .graph(domains: ["cd-nothing.onmicrosoft.com", "contoso.com"])
        )
        #expect(result == .mismatch(expected))
    }

    @Test func organizationDecidesGUID() {
        #expect(evaluate(Self.tenant.uppercased(), organization: Self.organization) == .confirmed)
        #expect(evaluate(Self.other, organization: Self.organization) == .mismatch(TenantMismatch(
            requested: Self.other,
            actualTenant: Self.tenant,
            evidence: .graph(domains: ["cd-nothing.onmicrosoft.com", "contoso.com"])
        )))
    }

    @Test func unreadableOrganizationWithoutTokenTenant() {
        guard case .undecided(let reason) = evaluate(Self.tenant, organization: Self.unreadable) else {
            Issue.record("expected undecided")
            return
        }
        #expect(reason.hasPrefix("Graph did not return the organization, so whether the tenant read is \(Self.tenant), the --tenant value, could not be confirmed."))
        #expect(reason.contains("Graph denied GET /organization with status 403."))
    }

    @Test func unreadableOrganizationWithTokenTenant() {
        #expect(evaluate(Self.tenant, token: Self.tenant, organization: Self.unreadable) == .confirmed)
    }

    @Test func organizationWithoutDomains() {
        let bare = Lookup.found(OrganizationIdentity(id: Self.tenant, domains: []))
        guard case .undecided = evaluate("contoso.com", organization: bare) else {
            Issue.record("expected undecided")
            return
        }
        #expect(evaluate(Self.tenant, organization: bare) == .confirmed)
    }

    @Test func mismatchNamesBothTenants() {
        let mismatch = TenantMismatch(
            requested: "contoso.onmicrosoft.com",
            actualTenant: Self.tenant,
            evidence: .graph(domains: ["a.com", "b.com", "c.com", "d.com"])
        )
        #expect(mismatch.description == "--tenant names contoso.onmicrosoft.com, but Graph reports that the token reads tenant \(Self.tenant) (verified domains: a.com, b.com, c.com and 1 more). To work on contoso.onmicrosoft.com, sign in to it (for example az login --tenant contoso.onmicrosoft.com) or use a token it issued. To work on \(Self.tenant), drop --tenant or pass --tenant \(Self.tenant).")
    }

    @Test func tokenMismatchSentence() {
        let mismatch = TenantMismatch(requested: Self.tenant, actualTenant: Self.other, evidence: .token)
        #expect(mismatch.description.hasPrefix("--tenant names \(Self.tenant), but the token is for tenant \(Self.other)."))
    }
}
