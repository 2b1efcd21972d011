import Testing
@testable import ConsentDoctor

struct AzCommandsTests {
    typealias T = TenantFixtures

    static func plan(cloud: String = "AzureCloud", tenant: String? = T.tenant, steps: [FixStep]) -> FixPlan {
        FixPlan(tenant: tenant, cloud: cloud, clientAppId: T.clientAppId, stateAware: true, steps: steps)
    }

    static let everyKind: [FixStep] = [
        FixStep(kind: .signIn, reason: "r"),
        FixStep(kind: .createServicePrincipal, reason: "r", appId: T.redisAppId),
        FixStep(kind: .createGrant, reason: "r", clientAppId: T.clientAppId, resourceAppId: T.redisAppId, scopesAfter: ["user_impersonation"]),
        FixStep(kind: .extendGrant, reason: "r", clientAppId: T.clientAppId, resourceAppId: T.armAppId, grantId: T.armGrantId, existingScopes: ["Other.Scope"], scopesAfter: ["Other.Scope", "user_impersonation"]),
    ]

    @Test func everyStepKind() {
        let lines = AzCommands.lines(for: Self.plan(steps: Self.everyKind))

        #expect(lines == [
            "az login --tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79",
            "az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78",
            "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation",
            "az ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api 797f4846-ba00-4fd7-ba43-dac1f8f63013 --scope Other.Scope user_impersonation",
        ])
    }

    @Test func sovereignCloudFirst() {
        let lines = AzCommands.lines(for: Self.plan(cloud: "AzureUSGovernment", steps: [FixStep(kind: .signIn, reason: "r")]))

        #expect(lines == ["az cloud set --name AzureUSGovernment", "az login --tenant 7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79"])
    }

    @Test func invalidCloudBecomesPlaceholder() {
        let lines = AzCommands.lines(for: Self.plan(cloud: "Azure; rm -rf /", steps: []))

        #expect(lines == ["az cloud set --name '<cloud-name>'"])
    }

    @Test func invalidTenantBecomesPlaceholder() {
        let lines = AzCommands.lines(for: Self.plan(tenant: "contoso.com; rm -rf /", steps: [FixStep(kind: .signIn, reason: "r")]))

        #expect(lines == ["az login --tenant '<tenant-id>'"])
    }

    @Test func invalidValuesGiveNoLine() {
        let steps = [
            FixStep(kind: .createServicePrincipal, reason: "r", appId: "$(id)"),
            FixStep(kind: .createGrant, reason: "r", clientAppId: T.clientAppId, resourceAppId: T.redisAppId, scopesAfter: ["user_impersonation", "$(id)"]),
            FixStep(kind: .createGrant, reason: "r", clientAppId: "not-a-guid", resourceAppId: T.redisAppId, scopesAfter: ["user_impersonation"]),
            FixStep(kind: .createGrant, reason: "r", clientAppId: T.clientAppId, resourceAppId: T.redisAppId, scopesAfter: []),
        ]

        #expect(AzCommands.lines(for: Self.plan(steps: steps)) == [])
    }

    @Test func enableServicePrincipal() {
        #expect(AzCommands.enableServicePrincipalLine(appId: T.clientAppId) == "az ad sp update --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --set accountEnabled=true")
        #expect(AzCommands.enableServicePrincipalLine(appId: "x y") == nil)
    }

    @Test func restPatch() {
        let line = AzRestCommands.replaceScopeLine(grantId: T.redisGrantId, scopes: ["Other.Scope", "user_impersonation"], cloud: .azureCloud)

        #expect(line == #"az rest --method PATCH --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants/kS56WkvQNk-44smh0_B7ZHIfnjymhA1LniVvGnw9i0A --body '{"scope":"Other.Scope user_impersonation"}'"#)
    }

    @Test func restPostOnChinaCloud() {
        let line = AzRestCommands.createGrantLine(clientObjectId: T.clientObjectId.uppercased(), resourceObjectId: T.redisObjectId, scopes: ["user_impersonation"], cloud: .azureChinaCloud)

        #expect(line == #"az rest --method POST --url https://microsoftgraph.chinacloudapi.cn/v1.0/oauth2PermissionGrants --body '{"clientId":"5a7c2e91-0d4b-4f36-b8e2-c9a1d3f07b64","consentType":"AllPrincipals","resourceId":"3c9e1f72-84a6-4d0b-9e25-6f1a7c3d8b40","scope":"user_impersonation"}'"#)
    }

    @Test(arguments: [
        ("../servicePrincipals", ["user_impersonation"]),
        (T.redisGrantId, ["user_impersonation\"}'; id; '"]),
        (T.redisGrantId, []),
    ])
    func restRejectsInvalid(grantId: String, scopes: [String]) {
        #expect(AzRestCommands.replaceScopeLine(grantId: grantId, scopes: scopes, cloud: .azureCloud) == nil)
    }

    @Test func restPostRejectsNonGUID() {
        #expect(AzRestCommands.createGrantLine(clientObjectId: "x", resourceObjectId: T.redisObjectId, scopes: ["a"], cloud: .azureCloud) == nil)
    }

    @Test(arguments: [
        (T.redisGrantId, true),
        ("abc_DEF-123", true),
        ("", false),
        ("a/b", false),
        ("a b", false),
        ("x;rm", false),
    ])
    func grantIdValidation(text: String, expected: Bool) {
        #expect(Identifiers.isGrantId(text) == expected)
    }
}
