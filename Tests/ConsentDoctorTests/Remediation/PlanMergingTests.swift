import Testing
@testable import ConsentDoctor

/// Checks how `RemediationEmitter.merged` combines the plans of several `explain` errors.
struct PlanMergingTests {
    typealias T = TenantFixtures

    static let tenantA = T.tenant
    static let tenantB = T.otherTenant

    /// Returns the kind of each step, with the tenant after a sign-in, such as `sign-in A`.
    static func outline(_ plan: FixPlan) -> [String] {
        plan.steps.map { step in
            step.kind == .signIn ? "sign-in \(step.tenant ?? "nil")" : step.kind.rawValue
        }
    }

    static func grantPlan(tenant: String?, resourceAppId: String) -> FixPlan {
        FixPlan(tenant: tenant, cloud: "AzureCloud", clientAppId: T.clientAppId, stateAware: false, steps: [
            FixStep(kind: .signIn, reason: "Sign in to the tenant that issues the failing token.", tenant: tenant),
            FixStep(kind: .createGrant, reason: "Grant the scopes.", clientAppId: T.clientAppId, resourceAppId: resourceAppId, requiredScopes: ["user_impersonation"], scopesAfter: ["user_impersonation"]),
        ], warnings: [GrantPlanner.replaceWarning])
    }

    @Test func emptyListGivesNil() {
        #expect(RemediationEmitter.merged([]) == nil)
    }

    @Test func twoTenantsKeepTheirSteps() throws {
        let plans = [Self.tenantA, Self.tenantB].map(EmitSamples.explainMissingServicePrincipal(tenant:))

        let merged = try #require(RemediationEmitter.merged(plans))

        #expect(Self.outline(merged) == [
            "sign-in \(Self.tenantA)", "create-service-principal", "create-grant",
            "sign-in \(Self.tenantB)", "create-service-principal", "create-grant",
        ])
        #expect(merged.tenant == Self.tenantA)
    }

    @Test func sameTenantDropsRepeats() throws {
        let plan = EmitSamples.explainMissingServicePrincipal(tenant: Self.tenantA)

        let merged = try #require(RemediationEmitter.merged([plan, plan]))

        #expect(merged.steps == plan.steps)
        #expect(merged.warnings == plan.warnings)
    }

    @Test func tenantCaseIsIgnored() throws {
        let plans = [
            Self.grantPlan(tenant: "Contoso.onmicrosoft.com", resourceAppId: T.redisAppId),
            Self.grantPlan(tenant: "contoso.onmicrosoft.com", resourceAppId: T.armAppId),
        ]

        let merged = try #require(RemediationEmitter.merged(plans))

        #expect(Self.outline(merged) == ["sign-in Contoso.onmicrosoft.com", "create-grant", "create-grant"])
    }

    @Test func laterPlanJoinsItsTenant() throws {
        let plans = [
            Self.grantPlan(tenant: Self.tenantA, resourceAppId: T.redisAppId),
            Self.grantPlan(tenant: Self.tenantB, resourceAppId: T.redisAppId),
            Self.grantPlan(tenant: Self.tenantA, resourceAppId: T.armAppId),
        ]

        let merged = try #require(RemediationEmitter.merged(plans))

        #expect(Self.outline(merged) == ["sign-in \(Self.tenantA)", "create-grant", "create-grant", "sign-in \(Self.tenantB)", "create-grant"])
        #expect(merged.steps[2].resourceAppId == T.armAppId)
    }

    @Test func unnamedTenantHasOwnSection() throws {
        let plans = [
            Self.grantPlan(tenant: Self.tenantA, resourceAppId: T.redisAppId),
            Self.grantPlan(tenant: nil, resourceAppId: T.redisAppId),
        ]

        let merged = try #require(RemediationEmitter.merged(plans))

        #expect(Self.outline(merged) == ["sign-in \(Self.tenantA)", "create-grant", "sign-in nil", "create-grant"])
    }

    @Test func stepsBeforeSignInJoinPlanTenant() throws {
        var withoutSignIn = Self.grantPlan(tenant: Self.tenantB, resourceAppId: T.armAppId)
        withoutSignIn.steps.removeFirst()
        let plans = [withoutSignIn, Self.grantPlan(tenant: Self.tenantB, resourceAppId: T.redisAppId)]

        let merged = try #require(RemediationEmitter.merged(plans))

        #expect(Self.outline(merged) == ["sign-in \(Self.tenantB)", "create-grant", "create-grant"])
    }

    @Test func warningsAreCollectedOnce() throws {
        let plans = [
            EmitSamples.explainMissingServicePrincipal(tenant: Self.tenantA),
            Self.grantPlan(tenant: Self.tenantB, resourceAppId: T.redisAppId),
        ]

        let merged = try #require(RemediationEmitter.merged(plans))

        #expect(merged.warnings == [GrantPlanner.createWarning, GrantPlanner.replaceWarning])
    }

    @Test func stateAwareOnlyWhenEveryPlanIs() throws {
        var stateAware = Self.grantPlan(tenant: Self.tenantA, resourceAppId: T.redisAppId)
        stateAware.stateAware = true
        let plans = [stateAware, Self.grantPlan(tenant: Self.tenantB, resourceAppId: T.redisAppId)]

        let merged = try #require(RemediationEmitter.merged(plans))

        #expect(!merged.stateAware)
    }
}
