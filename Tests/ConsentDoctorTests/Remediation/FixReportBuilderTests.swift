import Foundation
import Testing
@testable import ConsentDoctor

struct FixReportBuilderTests {
    typealias T = TenantFixtures

    @Test func dryRunHasNoWritesOrCommands() async throws {
        let tenant = try EmulatedTenant("redis-sp-missing")
        let context = CheckContext(snapshot: try await tenant.snapshot(), profile: .redisInsight)
        let plan = FixPlanner.plan(for: context)

        let report = FixReportBuilder.dryRun(for: context, plan: plan, generatedAt: "2026-12-04T20:17:05Z")

        #expect(report.command == .fix)
        #expect(report.writes == [])
        #expect(report.commands == [])
        #expect(report.plan == plan)
        #expect(report.notes.last == "Nothing was changed. Run the same command with --apply to make these 2 writes.")
    }

    @Test func appliedReportIsValidJSON() async throws {
        let tenant = try EmulatedTenant("nothing-consented")
        let plan = try await tenant.plan()
        let applier = PlanApplier(client: tenant.client)
        let application = await applier.apply(plan)
        let after = try await applier.readAfterWrites(application, profile: .redisInsight, tenant: nil)

        let report = FixReportBuilder.applied(for: CheckContext(snapshot: after, profile: .redisInsight), plan: plan, application: application, generatedAt: "2026-12-04T20:17:05Z")

        #expect(report.verdict.status == .healthy)
        #expect(report.writes.count == 4)
        #expect(report.notes.last == "Writes: 4 made, 0 already done, 0 failed, 0 not attempted.")
        let violations = try ReportSchemaTests.violations(JSONRenderer.render(report))
        #expect(violations.isEmpty, "\(violations)")
        for format in ReportFormat.allCases {
            #expect(!ReportRenderer.render(report, format: format, options: RenderOptions(color: false)).isEmpty)
        }
    }

    @Test func failureNotesSayWhatRemains() {
        let step = FixStep(kind: .createServicePrincipal, reason: "Missing.", appId: T.redisAppId, displayName: "AzureRedisCacheAadApp")
        let denied = GraphError(kind: .permissionDenied, method: "POST", path: "/servicePrincipals", status: 403)
        let application = PlanApplication(writes: [WriteRecord(step: step, outcome: .failed, status: 403)], failure: .graph(denied), requests: [])
        let remaining = FixPlan(tenant: T.tenant, cloud: "AzureCloud", clientAppId: T.clientAppId, stateAware: true, steps: [step])

        let notes = FixReportBuilder.outcomeNotes(application: application, remaining: remaining)

        #expect(notes == [
            "Writes: 0 made, 0 already done, 1 failed, 0 not attempted. Nothing in the tenant was changed.",
            "Still to do: Create the service principal for AzureRedisCacheAadApp (acca5fbb-b7e4-4009-81f1-37e38fd66d78). Sign in as an identity with Application.ReadWrite.All and DelegatedPermissionGrant.ReadWrite.All (or the Cloud Application Administrator or Application Administrator role), then run consent-doctor fix --apply again.",
        ])
    }

    @Test func plannedWritesFollowPlan() {
        let writes = PlannedWrite.list(for: EmitSamples.perUserGrants(cloud: "AzureCloud"))

        #expect(writes.map(\.requestLine) == [
            #"POST /oauth2PermissionGrants {"clientId":"5a7c2e91-0d4b-4f36-b8e2-c9a1d3f07b64","consentType":"AllPrincipals","resourceId":"3c9e1f72-84a6-4d0b-9e25-6f1a7c3d8b40","scope":"user_impersonation"}"#,
            #"PATCH /oauth2PermissionGrants/kS56WkvQNk-44smh0_B7ZLp0aPE7QoRAkJ4YjwzQ1xk {"scope":"Other.Read user_impersonation"}"#,
        ])
    }

    @Test func sameChangeMatchesByResource() {
        let create = FixStep(kind: .createGrant, reason: "", resourceAppId: T.redisAppId)
        let extend = FixStep(kind: .extendGrant, reason: "", resourceAppId: T.redisAppId.uppercased())
        let other = FixStep(kind: .createGrant, reason: "", resourceAppId: T.armAppId)
        let principal = FixStep(kind: .createServicePrincipal, reason: "", appId: T.redisAppId)

        #expect(PlanApplier.sameChange(create, extend))
        #expect(!PlanApplier.sameChange(create, other))
        #expect(!PlanApplier.sameChange(create, principal))
        #expect(PlanApplier.sameChange(principal, principal))
    }
}
