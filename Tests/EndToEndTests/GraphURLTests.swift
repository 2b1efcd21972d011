import Foundation
import Testing
import TestSupport

/// Runs the built tool with endpoint overrides that must work, or must stop with exit status 64
/// before anything is sent. The documentation address 192.0.2.1 is never contacted: the tool
/// rejects it while reading its options.
struct GraphURLTests {
    typealias C = CheckRun

    @Test func versionRootAccepted() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")

        let result = try C.run(
            ["check", "--graph-url", emulator.graphBaseURL.absoluteString + "/"],
            environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"]
        )

        #expect(result.status == 0, "\(result.standardError)")
        let paths = try emulator.requestLog().filter { $0.batchItemId == nil }.map(\.path)
        #expect(paths.first == "/v1.0/$batch")
        #expect(paths.allSatisfy { !$0.hasPrefix("/v1.0/v1.0") })
    }

    @Test(arguments: ["check", "fix"])
    func emptyGraphURLRejected(command: String) throws {
        let result = try C.run([command, "--graph-url", ""], environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"])

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --graph-url is empty."))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func graphURLQueryNotShown() throws {
        let result = try C.run(
            ["check", "--graph-url", "http://127.0.0.1:9/v1.0?access_token=SECRETQ"],
            environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"]
        )

        #expect(result.status == 64)
        #expect(result.standardError.contains("'http://127.0.0.1:9/v1.0?[redacted]'"))
        #expect(!result.standardError.contains("SECRETQ"))
        #expect(!result.standardOutput.contains("SECRETQ"))
    }

    @Test func schemelessGraphURLRejected() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let value = "127.0.0.1:\(emulator.port)"

        let result = try C.run(["check", "--graph-url", value], environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"])

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --graph-url '\(value)' has no scheme."))
        #expect(try emulator.requestCount() == 0)
    }

    @Test func plainHTTPRemoteGraphRejected() throws {
        let result = try C.run(["check", "--graph-url", "http://192.0.2.1:8445"], environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"])

        #expect(result.status == 64)
        #expect(result.standardError.contains("--graph-url 'http://192.0.2.1:8445' uses plain http to 192.0.2.1:8445."))
        #expect(result.standardError.contains("A token or secret goes over plain http only to a loopback address"))
    }

    @Test func plainHTTPRemoteAuthorityRejected() throws {
        let result = try C.run(
            ["check", "--auth", "environment", "--authority-host", "http://192.0.2.1", "--graph-url", "http://127.0.0.1:9"],
            environment: ["AZURE_TENANT_ID": "5e8a1c73-2d4f-4b96-8a0e-3f7c9b1d6e25", "AZURE_CLIENT_ID": "b7e05c92-1a3d-4f68-8c2b-6e9d0f4a1c73", "AZURE_CLIENT_SECRET": "fixer-app-secret"]
        )

        #expect(result.status == 64)
        #expect(result.standardError.contains("--authority-host 'http://192.0.2.1' uses plain http to 192.0.2.1."))
        #expect(!result.standardError.contains("fixer-app-secret"))
    }

    @Test func plainHTTPRemoteIdentityEndpointRejected() throws {
        let result = try C.run(
            ["check", "--auth", "managed-identity", "--graph-url", "http://127.0.0.1:9"],
            environment: ["IDENTITY_ENDPOINT": "http://192.0.2.1/msi/token", "IDENTITY_HEADER": "managed-identity-header"]
        )

        #expect(result.status == 64)
        #expect(result.standardError.contains("IDENTITY_ENDPOINT 'http://192.0.2.1/msi/token' uses plain http to 192.0.2.1."))
        #expect(!result.standardError.contains("managed-identity-header"))
    }

    @Test func redirectingGraphNamesGraphURL() throws {
        let server = try CannedHTTPServer { _, _ in
            CannedHTTPResponse(status: 307, headers: [("Location", "https://user:pass-secret-9@graph.example.test/v1.0/$batch?sig=query-secret-9")])
        }

        let result = try C.run(["check", "--graph-url", server.rootURL, "--format", "json"], environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"])
        let report = try C.decode(result)

        #expect(result.status == 1)
        #expect(report.verdict.status == "incomplete")
        let reason = try #require(report.finding("service-principal.client")?.reason)
        #expect(reason.hasPrefix("Graph answered POST /$batch with a redirect (status 307) to https://graph.example.test/v1.0/$batch."))
        #expect(reason.contains("Check that --graph-url, if given, names the Graph root itself"))
        #expect(!reason.contains("Run the check again"))
        #expect(!result.standardOutput.contains("query-secret-9"))
        #expect(!result.standardOutput.contains("pass-secret-9"))
        #expect(server.requests == ["POST /v1.0/$batch"])
    }

    @Test func userInfoInGraphURLRejected() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let value = "http://user:passSECRETX@127.0.0.1:\(emulator.port)/v1.0"

        let result = try C.run(["check", "--graph-url", value, "-v"], environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"])

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --graph-url 'http://[redacted]@127.0.0.1:\(emulator.port)/v1.0' contains a user name or password before '@'."))
        #expect(!result.standardError.contains("passSECRETX"))
        #expect(!result.standardOutput.contains("passSECRETX"))
        #expect(try emulator.requestCount() == 0)
    }

    @Test func userInfoInAuthorityRejected() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")
        let root = "http://127.0.0.1:\(emulator.port)"

        let result = try C.run(
            ["check", "--auth", "environment", "--authority-host", "http://user:passSECRETX@127.0.0.1:\(emulator.port)", "--graph-url", root, "-v"],
            environment: ["AZURE_TENANT_ID": "5e8a1c73-2d4f-4b96-8a0e-3f7c9b1d6e25", "AZURE_CLIENT_ID": "b7e05c92-1a3d-4f68-8c2b-6e9d0f4a1c73", "AZURE_CLIENT_SECRET": "fixer-app-secret"]
        )

        #expect(result.status == 64)
        #expect(result.standardError.contains("--authority-host 'http://[redacted]@127.0.0.1:\(emulator.port)' contains a user name or password"))
        #expect(!result.standardError.contains("passSECRETX"))
        #expect(!result.standardError.contains("fixer-app-secret"))
        #expect(try emulator.requestCount() == 0)
    }

    @Test func userInfoInIdentityEndpointRejected() throws {
        let emulator = try EmulatorProcess(tenant: "healthy")

        let result = try C.run(
            ["check", "--auth", "managed-identity", "--graph-url", "http://127.0.0.1:\(emulator.port)", "-v"],
            environment: ["IDENTITY_ENDPOINT": "http://user:passSECRETX@127.0.0.1:\(emulator.port)/msi/token", "IDENTITY_HEADER": "managed-identity-header"]
        )

        #expect(result.status == 64)
        #expect(result.standardError.contains("IDENTITY_ENDPOINT 'http://[redacted]@127.0.0.1:\(emulator.port)/msi/token' contains a user name or password"))
        #expect(!result.standardError.contains("passSECRETX"))
        #expect(!result.standardError.contains("managed-identity-header"))
        #expect(try emulator.requestCount() == 0)
    }
}
