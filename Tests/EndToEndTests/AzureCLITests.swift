import Foundation
import Testing
import TestSupport

/// Runs the scripts `check --emit az` and `check --emit rest` print with the real Azure CLI
/// (from PyPI, pinned in `AzureCLIInstallation`) against the emulator, inside a network namespace
/// that has only loopback, and checks that the tenant ends healthy with every scope it had.
/// `fix --apply --yes` runs against a fresh copy of the same tenant and must end in the same state.
///
/// The first run installs the Azure CLI, about 5 minutes; the test is skipped only when that
/// install fails.
@Suite(.serialized)
struct AzureCLITests {
    typealias H = FixHarness

    /// Returns the Azure CLI, or skips the test when it cannot be installed.
    private func azureCLI() throws -> URL {
        switch AzureCLIInstallation.prepared {
        case .success(let az):
            return az
        case .failure(let error):
            try Test.cancel("Skipped: the Azure CLI could not be installed from PyPI (\(error)).")
        }
    }

    @Test(arguments: H.brokenTenants)
    func azScriptRepairsTenant(tenant: String) throws {
        _ = try azureCLI()
        let afterScript = try runScript(form: "az", tenant: tenant)

        if tenant == "grant-without-user-impersonation" {
            #expect(H.tenantWideScopes(afterScript, resourceAppId: H.redisAppId) == "Data.Read user_impersonation")
        }
        try expectSameAsFix(afterScript, tenant: tenant)
    }

    @Test(arguments: H.brokenTenants)
    func restScriptRepairsTenant(tenant: String) throws {
        _ = try azureCLI()
        let afterScript = try runScript(form: "rest", tenant: tenant)

        try expectSameAsFix(afterScript, tenant: tenant)
    }

    @Test func perUserGrantsSurviveAzScript() throws {
        _ = try azureCLI()
        let isolated = try IsolatedEmulator(tenant: "only-per-user-grants")
        let script = try emitScript(form: "az", isolated: isolated)

        #expect(!script.contains("\naz ad app permission grant"))
        _ = try runEmitted(script, isolated: isolated, label: "only-per-user-grants, az, per-user check")

        #expect(try isolated.requestLog().allSatisfy { $0.method != "DELETE" })
        #expect(H.perUserGrants(try isolated.state()).count == 5)
    }

    // MARK: Steps

    /// Emits the script for a fresh copy of the tenant, runs it with the Azure CLI, checks the
    /// tenant again, and returns the state after the script.
    private func runScript(form: String, tenant: String) throws -> EmulatorState {
        let isolated = try IsolatedEmulator(tenant: tenant)
        let before = try isolated.state()
        let script = try emitScript(form: form, isolated: isolated)

        _ = try runEmitted(script, isolated: isolated, label: "\(tenant), \(form)")

        let check = try isolated.consentDoctor(["check"])
        #expect(check.status == 0, "check after the \(form) script: \(check.standardOutput)")
        #expect(check.standardOutput.hasPrefix("consent-doctor check: HEALTHY"))
        let after = try isolated.state()
        #expect(H.lostScopes(before: before, after: after) == [])
        #expect(H.perUserGrants(after) == H.perUserGrants(before))
        return after
    }

    /// Runs `check --emit FORM --output FILE` inside the namespace and returns the script.
    private func emitScript(form: String, isolated: IsolatedEmulator) throws -> String {
        let path = try PackagePaths.scratchFolder("emitted").appendingPathComponent("fix.\(form).sh").path
        let emit = try isolated.consentDoctor(["check", "--emit", form, "--output", path])
        #expect(emit.status == 1, "check --emit \(form): \(emit.standardError)")
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Runs a script with bash inside the namespace, with a fresh Azure CLI profile, and reports
    /// how long it took.
    private func runEmitted(_ script: String, isolated: IsolatedEmulator, label: String) throws -> ProcessResult {
        let profile = try AzureCLIProfile(graphRoot: isolated.root)
        let file = profile.folder.appendingPathComponent("script.sh")
        try Data(script.utf8).write(to: file)

        let started = Date()
        let result = try isolated.run(URL(fileURLWithPath: "/bin/bash"), [file.path], environment: profile.environment)
        let seconds = Date().timeIntervalSince(started)
        AzureCLIInstallation.progress("\(label): the script ran in \(String(format: "%.1f", seconds)) s with exit status \(result.status).")
        #expect(result.status == 0, "\(label): \(result.standardError)")
        return result
    }

    /// Runs `fix --apply --yes` on a fresh copy of the tenant and expects the same tenant-wide
    /// grants as the script made.
    private func expectSameAsFix(_ afterScript: EmulatorState, tenant: String) throws {
        let isolated = try IsolatedEmulator(tenant: tenant)
        let before = try isolated.state()

        let fix = try isolated.consentDoctor(["fix", "--apply", "--yes"])

        #expect(fix.status == 0, "fix --apply: \(fix.standardError)")
        let afterFix = try isolated.state()
        #expect(H.lostScopes(before: before, after: afterFix) == [])
        for appId in [H.redisAppId, H.resourceManagerAppId, H.graphAppId] {
            #expect(H.tenantWideScopes(afterFix, resourceAppId: appId) == H.tenantWideScopes(afterScript, resourceAppId: appId), "\(tenant), \(appId)")
        }
        #expect(Set(afterFix.servicePrincipals.map(\.appId)) == Set(afterScript.servicePrincipals.map(\.appId)))
    }
}
