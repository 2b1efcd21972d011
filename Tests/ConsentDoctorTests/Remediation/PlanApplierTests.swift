import Foundation
import Testing
@testable import ConsentDoctor

/// Applies plans against the in-process emulator, including changes another admin makes between
/// the plan and the writes.
struct PlanApplierTests {
    typealias T = TenantFixtures

    private func redisObjectId(_ tenant: EmulatedTenant) async throws -> String {
        let snapshot = try await tenant.snapshot()
        return try #require(snapshot.servicePrincipal(appId: T.redisAppId).value?.id)
    }

    @Test func extendKeepsScopeAddedMeanwhile() async throws {
        let tenant = try EmulatedTenant("grant-without-user-impersonation")
        let plan = try await tenant.plan()
        let step = try #require(plan.steps.first { $0.kind == .extendGrant })
        let grantId = try #require(step.grantId)
        #expect(try await tenant.change("PATCH", "/oauth2PermissionGrants/\(grantId)", ["scope": "Data.Read Data.Write"]) == 204)

        let result = await PlanApplier(client: tenant.client).apply(plan)

        #expect(result.failure == nil)
        #expect(result.writes.map(\.outcome) == [.done])
        #expect(result.writes.first?.method == "PATCH")
        #expect(try tenant.grant(resourceId: try await redisObjectId(tenant))?.scope == "Data.Read Data.Write user_impersonation")
    }

    @Test func createExtendsGrantCreatedMeanwhile() async throws {
        let tenant = try EmulatedTenant("redis-grant-missing")
        let plan = try await tenant.plan()
        let step = try #require(plan.steps.first { $0.kind == .createGrant })
        let clientId = try #require(step.clientObjectId)
        let resourceId = try await redisObjectId(tenant)
        let created = try await tenant.change("POST", "/oauth2PermissionGrants", ["clientId": clientId, "consentType": "AllPrincipals", "resourceId": resourceId, "scope": "Other.Scope"])
        #expect(created == 201)

        let result = await PlanApplier(client: tenant.client).apply(plan)

        #expect(result.failure == nil)
        #expect(result.writes.first?.outcome == .done)
        #expect(result.writes.first?.method == "PATCH")
        #expect(try tenant.grant(resourceId: resourceId)?.scope == "Other.Scope user_impersonation")
    }

    @Test func deletedGrantStopsTheRun() async throws {
        let tenant = try EmulatedTenant("grant-without-user-impersonation")
        let plan = try await tenant.plan()
        let grantId = try #require(plan.steps.first { $0.kind == .extendGrant }?.grantId)
        #expect(try await tenant.change("DELETE", "/oauth2PermissionGrants/\(grantId)") == 204)
        tenant.emulator.resetRequestLog()

        let result = await PlanApplier(client: tenant.client).apply(plan)

        let failure = try #require(result.failure)
        #expect(failure.description.contains("was deleted after the plan was made"))
        #expect(result.writes.map(\.outcome) == [.failed])
        #expect(tenant.writes == [])
    }

    @Test func grantAlreadyCompleteWritesNothing() async throws {
        let tenant = try EmulatedTenant("grant-without-user-impersonation")
        let plan = try await tenant.plan()
        let grantId = try #require(plan.steps.first { $0.kind == .extendGrant }?.grantId)
        try await tenant.change("PATCH", "/oauth2PermissionGrants/\(grantId)", ["scope": "user_impersonation Data.Read"])
        tenant.emulator.resetRequestLog()

        let result = await PlanApplier(client: tenant.client).apply(plan)

        #expect(result.writes.map(\.outcome) == [.alreadyDone])
        #expect(result.writes.first?.method == nil)
        #expect(tenant.writes == [])
    }

    @Test func invalidScopeInGrantIsLeftAlone() async throws {
        let tenant = try EmulatedTenant("grant-without-user-impersonation")
        let plan = try await tenant.plan()
        let grantId = try #require(plan.steps.first { $0.kind == .extendGrant }?.grantId)
        try await tenant.change("PATCH", "/oauth2PermissionGrants/\(grantId)", ["scope": "Data.Read Odd\"Value"])
        tenant.emulator.resetRequestLog()

        let result = await PlanApplier(client: tenant.client).apply(plan)

        let failure = try #require(result.failure)
        guard case .manualChangeNeeded(let sentence) = failure else {
            Issue.record("expected manualChangeNeeded, got \(failure)")
            return
        }
        #expect(sentence.contains("not a valid scope name"))
        #expect(sentence.contains("Running fix again fails the same way."))
        #expect(sentence.contains("The valid values it contains now are: Data.Read."))
        #expect(!sentence.contains("Odd"))
        #expect(!WriteSummary.sentences(for: result).contains { $0.contains("again to finish") })
        let notes = FixReportBuilder.outcomeNotes(application: result, remaining: plan)
        #expect(notes.last?.contains("fix cannot finish this on its own") == true)
        #expect(notes.allSatisfy { !$0.contains("again to finish") })
        #expect(tenant.writes == [])
        #expect(try tenant.grant(resourceId: try await redisObjectId(tenant))?.scope == "Data.Read Odd\"Value")
    }

    @Test func perUserGrantsStayAsTheyWere() async throws {
        let tenant = try EmulatedTenant("only-per-user-grants")
        let perUserBefore = try tenant.grants().filter { $0.consentType == .principal }

        let result = await PlanApplier(client: tenant.client).apply(try await tenant.plan())

        #expect(result.failure == nil)
        #expect(result.writes.map(\.outcome) == [.done, .done])
        #expect(try tenant.grants().filter { $0.consentType == .principal } == perUserBefore)
        #expect(tenant.writes.allSatisfy { !$0.hasPrefix("DELETE") })
    }

    @Test func conflictOnCreateCountsAsDone() async throws {
        let tenant = try EmulatedTenant("redis-sp-missing")
        let plan = try await tenant.plan()
        #expect(try await tenant.change("POST", "/servicePrincipals", ["appId": T.redisAppId]) == 201)

        let result = await PlanApplier(client: tenant.client).apply(plan)

        #expect(result.failure == nil)
        #expect(result.writes.map(\.outcome) == [.alreadyDone, .done])
        #expect(result.writes.first?.status == 409)
        #expect(try tenant.grant(resourceId: try await redisObjectId(tenant))?.scope == "user_impersonation")
    }

    @Test func stopsAtFirstFailure() async throws {
        // The read's $batch holds only GETs, so it is not a write: after=1 fails the second write.
        let tenant = try EmulatedTenant("nothing-consented", faults: ["unavailable,method=write,after=1,retry-after=0"])
        let plan = try await tenant.plan()

        let result = await PlanApplier(client: tenant.client).apply(plan)

        let failure = try #require(result.failure)
        #expect(failure.description.contains("Graph was unavailable for POST /servicePrincipals"))
        #expect(result.writes.map(\.outcome) == [.done, .failed, .notAttempted, .notAttempted])
        #expect(result.writes[1].status == 503)
        #expect(result.writes[2].message == "Not attempted, because an earlier step failed.")
        #expect(try tenant.grants() == [])
    }

    @Test func permissionDeniedIsReported() async throws {
        let tenant = try EmulatedTenant("redis-grant-missing", token: "static-reader-token")

        let result = await PlanApplier(client: tenant.client).apply(try await tenant.plan())

        let failure = try #require(result.failure)
        #expect(failure.isPermissionDenied)
        #expect(result.writes.first?.status == 403)
        #expect(result.writes.first?.outcome == .failed)
        #expect(result.changedAnything == false)
    }

    @Test func waitsForNewObjects() async throws {
        let tenant = try EmulatedTenant("nothing-consented", faults: ["not-found-after-create=2"])
        let applier = PlanApplier(client: tenant.client)

        let result = await applier.apply(try await tenant.plan())
        let after = try await applier.readAfterWrites(result, profile: .redisInsight, tenant: nil)

        #expect(result.failure == nil)
        #expect(result.writes.map(\.outcome) == [.done, .done, .done, .done])
        #expect(result.writes.allSatisfy { $0.message == nil })
        #expect(tenant.sleeper.waits.count == 8)
        #expect(Verdict.forFindings(HealthChecks.run(CheckContext(snapshot: after, profile: .redisInsight))).status == .healthy)
    }

    @Test func invalidValueIsNotSent() async throws {
        let tenant = try EmulatedTenant("redis-sp-missing")
        let plan = FixPlan(tenant: nil, cloud: "AzureCloud", clientAppId: T.clientAppId, stateAware: true, steps: [
            FixStep(kind: .createServicePrincipal, reason: "Create.", appId: "acca5fbb' or 1 eq 1"),
        ])

        let result = await PlanApplier(client: tenant.client).apply(plan)

        #expect(result.failure == .invalidValue(GraphWriteInputError(field: "appId", value: "acca5fbb' or 1 eq 1")))
        #expect(tenant.emulator.requestCount == 0)
    }

    @Test func planFromErrorIsRefused() async throws {
        let tenant = try EmulatedTenant("redis-sp-missing")
        var plan = try await tenant.plan()
        plan.stateAware = false
        tenant.emulator.resetRequestLog()

        let result = await PlanApplier(client: tenant.client).apply(plan)

        #expect(result.writes.map(\.outcome) == [.notAttempted, .notAttempted])
        #expect(tenant.emulator.requestCount == 0)
    }

    @Test func secondRunWritesNothing() async throws {
        let tenant = try EmulatedTenant("nothing-consented")
        _ = await PlanApplier(client: tenant.client).apply(try await tenant.plan())
        tenant.emulator.resetRequestLog()

        let second = try await tenant.plan()

        #expect(second.isEmpty)
        #expect(tenant.writes == [])
    }
}
