import Foundation
import Testing
import TestSupport
@testable import ConsentDoctor

/// Compares every `--emit` form of the sample plans, on each cloud, with `Fixtures/golden/emit/`.
///
/// After an intended change to an emitter, rewrite the files and review the diff:
///
///     UPDATE_GOLDEN=1 swift test --filter EmitGoldenTests
struct EmitGoldenTests {
    static let cases: [(plan: String, cloud: String, form: EmitForm)] = EmitSamples.cloudPlanNames.flatMap { plan in
        EmitSamples.clouds.flatMap { cloud in
            EmitForm.allCases.map { (plan, cloud, $0) }
        }
    }

    @Test(arguments: cases.indices)
    func cloudPlan(index: Int) throws {
        let (name, cloud, form) = Self.cases[index]
        let text = RemediationEmitter.text(for: EmitSamples.plan(name, cloud: cloud), form: form)
        try GoldenFileTests.compare(text, with: "golden/emit/\(name).\(cloud).\(EmitSamples.fileExtension(form))")
    }

    @Test(arguments: EmitForm.allCases)
    func explainPlan(form: EmitForm) throws {
        let text = RemediationEmitter.text(for: EmitSamples.explainWithPlaceholders, form: form)
        try GoldenFileTests.compare(text, with: "golden/emit/explain-placeholders.\(EmitSamples.fileExtension(form))")
    }

    @Test(arguments: EmitForm.allCases)
    func twoTenantPlan(form: EmitForm) throws {
        let text = RemediationEmitter.text(for: try EmitSamples.explainTwoTenants(), form: form)
        try GoldenFileTests.compare(text, with: "golden/emit/explain-two-tenants.\(EmitSamples.fileExtension(form))")
    }

    @Test(arguments: EmitForm.allCases)
    func healthyPlan(form: EmitForm) throws {
        let plan = FixPlan(tenant: TenantFixtures.tenant, cloud: "AzureCloud", clientAppId: TenantFixtures.clientAppId, stateAware: true, steps: [EmitSamples.signIn()])
        let text = RemediationEmitter.text(for: plan, form: form)
        try GoldenFileTests.compare(text, with: "golden/emit/nothing-to-change.\(EmitSamples.fileExtension(form))")
    }
}
