import Foundation
import Testing
import TestSupport

/// Runs `check`, `explain` and `fix` with `--emit` and checks the artefacts they print.
struct EmitCommandTests {
    typealias H = FixHarness

    @Test func checkEmitsAzScript() throws {
        let emulator = try EmulatorProcess(tenant: "redis-sp-missing")

        let result = try H.run(["check", "--emit", "az"], against: emulator)

        #expect(result.status == 1)
        #expect(result.standardOutput.hasPrefix("#!/usr/bin/env bash\n"))
        #expect(result.standardOutput.contains("\nset -euo pipefail\n"))
        #expect(result.standardOutput.contains("\n  az login --tenant 7c4d9e21-6a3b-4f58-b1c7-8e2a0d5f3b96\n"))
        #expect(result.standardOutput.contains("\naz ad sp show --id acca5fbb-b7e4-4009-81f1-37e38fd66d78 --output none 2>/dev/null || az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78\n"))
        #expect(result.standardOutput.contains("\naz ad app permission grant --id 61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0 --api acca5fbb-b7e4-4009-81f1-37e38fd66d78 --scope user_impersonation\n"))
        #expect(!result.standardOutput.contains("consent-doctor check: PROBLEMS"))
    }

    @Test func checkWritesExecutableScript() throws {
        let emulator = try EmulatorProcess(tenant: "redis-sp-missing")
        let path = try PackagePaths.scratchFolder("emit").appendingPathComponent("fix.sh").path

        let result = try H.run(["check", "--emit", "az", "--output", path], against: emulator)

        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("#!/usr/bin/env bash\n"))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o777 & ~(try Self.currentUmask()))
    }

    /// Returns this process's umask from /proc/self/status, which the tool inherits. Reading it
    /// there avoids `umask(2)`, which would change it for tests running at the same time.
    private static func currentUmask() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
        return try #require(Int(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8))
    }

    @Test func restUsesTheGraphRootThatWasRead() throws {
        let emulator = try EmulatorProcess(tenant: "only-per-user-grants")

        let result = try H.run(["check", "--emit", "rest"], against: emulator)

        let root = emulator.baseURL.absoluteString
        #expect(result.standardOutput.contains("client_sp_id=$(az rest --method GET --url '\(root)/v1.0/servicePrincipals?$filter=appId%20eq%20%2761f3d82d-2bf3-432a-ba1b-c056e4cf0fd0%27&$select=id' --query 'value[0].id' --output tsv)\n"))
        #expect(result.standardOutput.contains("az rest --method POST --url \(root)/v1.0/oauth2PermissionGrants --body "))
        let commands = result.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(!commands.contains { $0.contains("graph.microsoft.com") })
    }

    @Test func azScriptUsesRestBesidePerUserGrants() throws {
        let emulator = try EmulatorProcess(tenant: "only-per-user-grants")

        let result = try H.run(["check", "--emit", "az"], against: emulator)

        #expect(!result.standardOutput.contains("\naz ad app permission grant"))
        #expect(result.standardOutput.contains(#"az rest --method POST --url \#(emulator.baseURL.absoluteString)/v1.0/oauth2PermissionGrants --body '{"clientId":"ab47101b-0eaa-5445-bab1-84bb9e0439d6","consentType":"AllPrincipals","resourceId":"9ae44902-45cf-5f5b-a011-fd943e5df027","scope":"user_impersonation"}'"#))
        #expect(result.standardOutput.contains("# 2 users have grants of their own to AzureRedisCacheAadApp."))
    }

    @Test func checkEmitsPowerShell() throws {
        let emulator = try EmulatorProcess(tenant: "grant-without-user-impersonation")

        let result = try H.run(["check", "--emit", "powershell", "--cloud", "AzureUSGovernment"], against: emulator)

        #expect(result.standardOutput.contains("\n$ErrorActionPreference = 'Stop'\n"))
        #expect(result.standardOutput.contains("Connect-MgGraph -TenantId 'c3b8e2f7-9d1a-4c65-8f40-2a6e9d7b5c18' -Scopes Application.ReadWrite.All,DelegatedPermissionGrant.ReadWrite.All -Environment USGov\n"))
        #expect(result.standardOutput.contains("Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId 'UYIoB2XJ5F2fMXrRPqUe3sXEFTOEPrtUmUhgYPCvMRU' -Scope 'Data.Read user_impersonation'\n"))
    }

    @Test func checkEmitsConsentURL() throws {
        let emulator = try EmulatorProcess(tenant: "redis-grant-missing")

        let result = try H.run(["check", "--emit", "url", "--cloud", "AzureChinaCloud"], against: emulator)

        #expect(result.standardOutput == "https://login.chinacloudapi.cn/a1f6c8e3-4b2d-4e97-9c05-7d3b8f2e1a64/adminconsent?client_id=61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0\n")
    }

    @Test func healthyTenantScriptChangesNothing() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")

        let result = try H.run(["check", "--emit", "az"], against: emulator)

        #expect(result.status == 0)
        #expect(result.standardOutput.hasSuffix("\n# Nothing to change: the plan has no step.\n"))
        #expect(!result.standardOutput.contains("az login"))
    }

    @Test func formatKeepsReportWithArtefact() throws {
        let emulator = try EmulatorProcess(tenant: "redis-sp-missing")

        let result = try H.run(["check", "--emit", "rest", "--format", "json"], against: emulator)

        let report = try H.report(result)
        let commands = report["commands"] as? [String] ?? []
        #expect(H.verdict(report) == "problems")
        #expect(commands.first == "#!/usr/bin/env bash")
        #expect(commands.contains("set -euo pipefail"))
    }

    @Test func fixDryRunEmits() throws {
        let emulator = try EmulatorProcess(tenant: "redis-grant-missing")

        let result = try H.run(["fix", "--emit", "az"], against: emulator)

        #expect(result.status == 1)
        #expect(result.standardOutput.hasPrefix("#!/usr/bin/env bash\n"))
        #expect(try H.writeRequests(emulator) == [])
    }

    @Test func explainEmitsScriptFromPaste() throws {
        let paste = PackagePaths.fixture("pastes/02-ri-docker-toast-650052.txt").path

        let result = try ProcessRunner.consentDoctor(["explain", paste, "--emit", "az"])

        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("#!/usr/bin/env bash\n"))
        #expect(result.standardOutput.contains("\n  az login --tenant c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35\n"))
        #expect(result.standardOutput.contains("|| az ad sp create --id acca5fbb-b7e4-4009-81f1-37e38fd66d78\n"))
        #expect(result.standardOutput.contains("from a sign-in error alone"))
    }

    @Test func explainEmitsURL() throws {
        let paste = PackagePaths.fixture("pastes/02-ri-docker-toast-650052.txt").path

        let result = try ProcessRunner.consentDoctor(["explain", paste, "--emit", "url", "--cloud", "AzureUSGovernment"])

        #expect(result.standardOutput == "https://login.microsoftonline.us/c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35/adminconsent?client_id=61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0\n")
    }

    @Test func explainWithoutPlanEmitsNothing() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "-", "--emit", "az"], standardInput: Data("nothing wrong here\n".utf8))

        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == "Nothing to emit: the input needs no change in the directory.\n")
    }

    @Test func offlineCheckEmits() throws {
        let files = ["08-az-list-grants-arm-only.json", "10-sp-show-client.json", "11-sp-show-redis-api.json"].map { PackagePaths.fixture("az-output/\($0)").path }

        let result = try ProcessRunner.consentDoctor(["check", "--az-output"] + files + ["--emit", "powershell"])

        #expect(result.standardOutput.contains("New-MgOauth2PermissionGrant -BodyParameter @{ clientId = $client_sp.Id; consentType = 'AllPrincipals'; resourceId = $redis_api_sp.Id; scope = 'user_impersonation' }\n"))
    }

    @Test func unknownFormIsUsageError() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "-", "--emit", "cmd"], standardInput: Data())

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: unknown --emit form 'cmd'. Use one of: az, powershell, rest, url.\n"))
    }

    @Test func redactWithArtefactIsUsageError() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "-", "--emit", "az", "--redact"], standardInput: Data())

        #expect(result.status == 64)
        #expect(result.standardError.contains("the emitted az needs the real values"))
    }
}
