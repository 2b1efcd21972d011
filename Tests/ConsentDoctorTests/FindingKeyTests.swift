import Testing
@testable import ConsentDoctor

struct FindingKeyTests {
    static func requirement(appId: String, name: String) -> ResourceRequirement {
        ResourceRequirement(appId: appId, displayName: name, otherDisplayNames: [], resourceURI: nil, scopes: ["x"], purpose: .signIn)
    }

    @Test func wellKnownKeys() {
        let keys = AppProfile.redisInsight.resources.map(\.findingKey)

        #expect(keys == ["redis-api", "resource-manager", "microsoft-graph"])
    }

    @Test(arguments: [
        ("Contoso Orders API (v2)", "contoso-orders-api-v2"),
        ("  Ünïcode  API ", "unicode-api"),
        ("***", "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"),
    ])
    func keyFromDisplayName(name: String, key: String) {
        let requirement = Self.requirement(appId: "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9", name: name)

        #expect(requirement.findingKey == key)
    }

    @Test func secondAppProfile() {
        let client = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
        let api = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"
        var profile = AppProfile.redisInsight
        profile.id = "orders"
        profile.displayName = "Orders Desktop"
        profile.clientAppId = client
        profile.resources = [Self.requirement(appId: api, name: "Contoso Orders API")]
        let snapshot = DirectorySnapshot(
            source: .graph,
            tenant: TenantFixtures.tenant,
            cloud: "AzureCloud",
            clientAppId: client,
            servicePrincipals: [client: .missing, api: .missing],
            grants: .found([]),
            authorizationPolicy: .found(TenantFixtures.noUserConsent),
            adminConsentRequestPolicy: .found(AdminConsentRequestPolicy(isEnabled: false, reviewerCount: 0))
        )
        let context = CheckContext(snapshot: snapshot, profile: profile)

        #expect(HealthChecks.run(context).map(\.id) == [
            "tenant.match", "service-principal.client", "service-principal.contoso-orders-api",
            "client.enabled", "client.assignment-required", "contoso-orders-api.scope-exposed",
            "grant.contoso-orders-api", "grants.per-user", "consent.admin-workflow",
        ])
        #expect(AzCommands.lines(for: FixPlanner.plan(for: context)) == [
            "az login --tenant \(TenantFixtures.tenant)",
            "az ad sp create --id \(client)",
            "az ad sp create --id \(api)",
            "az ad app permission grant --id \(client) --api \(api) --scope x",
        ])
    }

    @Test func findingIds() {
        let redis = AppProfile.redisInsight.resources[0]

        #expect(FindingID.servicePrincipal(redis) == "service-principal.redis-api")
        #expect(FindingID.scopeExposed(redis) == "redis-api.scope-exposed")
        #expect(FindingID.grant(redis) == "grant.redis-api")
    }
}
