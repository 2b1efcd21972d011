import Foundation
import Testing
import TestSupport

/// Runs `explain --emit` on a paste with the same 650052 error from two tenants, and checks that
/// every form carries the steps of both tenants, each after its own sign-in.
///
/// The bash forms run with a fake `az` on PATH that records its arguments, so the tests check the
/// order in which the script really calls az.
struct ExplainEmitTenantTests {
    static let firstTenant = "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35"
    static let secondTenant = "11111111-2222-4333-8444-555555555555"
    static let redisAppId = "acca5fbb-b7e4-4009-81f1-37e38fd66d78"
    static let clientAppId = "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"

    /// A fake az: records each call, finds no service principal for the Redis API and returns a
    /// fixed object id for every other lookup or creation.
    static let fakeAz = """
        #!/bin/sh
        printf '%s\\n' "$*" >> "$AZ_CALL_LOG"
        case "$*" in
          "ad sp show"*) exit 3 ;;
          "rest --method GET"*acca5fbb*) ;;
          "rest --method GET"*|"rest --method POST --url "*/servicePrincipals" "*) echo 0c5b9f2e-7a41-4d63-8e1f-2b9d4c6a7e30 ;;
        esac
        """

    /// Returns the 650052 sample paste twice, the second copy naming the second tenant.
    static func twoTenantPaste() throws -> Data {
        let paste = try PackagePaths.fixtureText("pastes/02-ri-docker-toast-650052.txt")
        let second = paste.replacingOccurrences(of: firstTenant, with: secondTenant)
        return Data((paste + "\n" + second + "\n").utf8)
    }

    static func emit(_ form: String) throws -> ProcessResult {
        try ProcessRunner.consentDoctor(["explain", "-", "--emit", form], standardInput: twoTenantPaste())
    }

    /// Runs an emitted bash script with the fake az and returns the az calls, one per line.
    static func azCalls(running script: String, environment: [String: String] = [:]) throws -> [String] {
        let folder = try PackagePaths.scratchFolder("explain-emit-tenants")
        try ExecutableScript.write(fakeAz, to: folder.appendingPathComponent("az"))
        let scriptURL = folder.appendingPathComponent("fix.sh")
        try ExecutableScript.write(script, to: scriptURL)
        let log = folder.appendingPathComponent("calls.log")

        var variables = environment
        variables["AZ_CALL_LOG"] = log.path
        variables["PATH"] = folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), [scriptURL.path], environment: variables, timeout: 60)

        #expect(result.status == 0, "the script failed: \(result.standardError)")
        let calls = try String(contentsOf: log, encoding: .utf8)
        return calls.split(separator: "\n").map(String.init)
    }

    /// Returns the number of lines that start with `prefix`.
    static func count(_ prefix: String, in lines: [String]) -> Int {
        lines.filter { $0.hasPrefix(prefix) }.count
    }

    @Test func azRunsStepsInBothTenants() throws {
        let result = try Self.emit("az")
        #expect(result.status == 0)

        let calls = try Self.azCalls(running: result.standardOutput)

        let grant = "ad app permission grant --id \(Self.clientAppId) --api \(Self.redisAppId) --scope user_impersonation"
        #expect(calls == [
            "login --tenant \(Self.firstTenant)",
            "ad sp show --id \(Self.redisAppId) --output none",
            "ad sp create --id \(Self.redisAppId)",
            grant,
            "login --tenant \(Self.secondTenant)",
            "ad sp show --id \(Self.redisAppId) --output none",
            "ad sp create --id \(Self.redisAppId)",
            grant,
        ])
    }

    @Test func skipLoginKeepsLaterSignIn() throws {
        let result = try Self.emit("az")

        let calls = try Self.azCalls(running: result.standardOutput, environment: ["SKIP_AZ_LOGIN": "1"])

        #expect(Self.count("login", in: calls) == 1)
        #expect(calls.first == "ad sp show --id \(Self.redisAppId) --output none")
        #expect(calls.firstIndex(of: "login --tenant \(Self.secondTenant)") == 3)
    }

    @Test func azHeaderNamesBothTenants() throws {
        let result = try Self.emit("az")

        let comments = result.standardOutput.split(separator: "\n").dropFirst().prefix { $0.hasPrefix("# ") }
        let header = comments.map { $0.dropFirst(2) }.joined(separator: " ")

        #expect(header.contains("tenants \(Self.firstTenant) and \(Self.secondTenant)"))
    }

    @Test func restRunsStepsInBothTenants() throws {
        let result = try Self.emit("rest")
        #expect(result.status == 0)

        let calls = try Self.azCalls(running: result.standardOutput)

        let secondLogin = try #require(calls.firstIndex(of: "login --tenant \(Self.secondTenant)"))
        for part in [calls[..<secondLogin], calls[secondLogin...]] {
            #expect(Self.count("rest --method POST --url https://graph.microsoft.com/v1.0/servicePrincipals ", in: Array(part)) == 1)
            #expect(Self.count("rest --method POST --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants ", in: Array(part)) == 1)
        }
        #expect(calls.first == "login --tenant \(Self.firstTenant)")
        #expect(Self.count("login", in: calls) == 2)
    }

    @Test func powerShellConnectsToEachTenant() throws {
        let result = try Self.emit("powershell")
        #expect(result.status == 0)

        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        let connect = "Connect-MgGraph -TenantId '\(Self.secondTenant)' "
        let secondConnect = try #require(lines.firstIndex { $0.hasPrefix(connect) })
        let before = Array(lines[..<secondConnect])
        let after = Array(lines[secondConnect...])

        #expect(Self.count("Connect-MgGraph -TenantId '\(Self.firstTenant)' ", in: before) == 1)
        #expect(Self.count("if (-not $redis_api_sp) { $redis_api_sp = New-MgServicePrincipal", in: before) == 1)
        #expect(Self.count("New-MgOauth2PermissionGrant ", in: before) == 1)
        #expect(Self.count("if (-not $redis_api_sp) { $redis_api_sp = New-MgServicePrincipal", in: after) == 1)
        #expect(Self.count("$client_sp = Get-MgServicePrincipal ", in: after) == 1)
        #expect(Self.count("New-MgOauth2PermissionGrant ", in: after) == 1)
    }

    @Test func urlPerTenant() throws {
        let result = try Self.emit("url")

        #expect(result.status == 0)
        #expect(result.standardOutput == """
            https://login.microsoftonline.com/\(Self.firstTenant)/adminconsent?client_id=\(Self.clientAppId)
            https://login.microsoftonline.com/\(Self.secondTenant)/adminconsent?client_id=\(Self.clientAppId)

            """)
    }

    @Test func scriptHeaderOmitsCreateWarning() throws {
        for form in ["az", "powershell", "rest"] {
            let result = try Self.emit(form)

            #expect(!result.standardOutput.contains("fails when the service principal already exists"), "form \(form)")
        }
    }
}
