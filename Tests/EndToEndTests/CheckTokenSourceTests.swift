import Foundation
import Testing
import TestSupport

/// Runs `check` with each token source against the emulator's token, managed-identity and Graph
/// endpoints, and checks that no token or secret reaches any output.
struct CheckTokenSourceTests {
    typealias C = CheckRun

    static let tenantId = "2b7e4f10-9c3d-4a85-b6e1-0d8f5a2c9e41"
    static let checkerClientId = "8d2f6a41-5c7e-4b09-9e13-a4f0c6b2d857"

    /// Expects none of the bundled credentials, `extra` secrets or emulator-issued tokens in the
    /// texts. Grant ids of the tenant look like tokens and are allowed.
    private func expectNoSecrets(_ texts: [String], emulator: EmulatorProcess, extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(C.leakedCredentials(in: texts, extra: extra) == [], sourceLocation: sourceLocation)
        // The emulator's issued tokens and device codes are random URL-safe base64 strings of 43
        // characters or more, with capitals and digits, unlike the lower-case policy names of the
        // same length. Grant ids have the same shape, so the tenant's own are allowed.
        let tokenShape = try Regex("[A-Za-z0-9_-]{40,}")
        let grantIds = Set(try emulator.state().oauth2PermissionGrants.map(\.id))
        for text in texts {
            let shaped = text.matches(of: tokenShape)
                .map { String(text[$0.range]) }
                .filter { $0.contains(where: \.isUppercase) && $0.contains(where: \.isNumber) }
                .filter { !grantIds.contains($0) }
            #expect(shaped == [], sourceLocation: sourceLocation)
        }
    }

    /// Runs a check with `--verbose` and `--save-snapshot` and expects it healthy without secrets.
    private func expectHealthyWithoutSecrets(
        _ emulator: EmulatorProcess,
        _ arguments: [String] = [],
        token: String? = nil,
        environment: [String: String],
        source: String,
        extra: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let folder = try PackagePaths.scratchFolder("token-source")
        let snapshot = folder.appendingPathComponent("snapshot.json")
        let result = try C.check(emulator, arguments + ["--verbose", "--save-snapshot", snapshot.path], token: token, environment: environment)

        #expect(result.status == 0, "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardOutput.hasPrefix("consent-doctor check: HEALTHY"), sourceLocation: sourceLocation)
        #expect(result.standardError.contains("info: Obtained a Graph access token from \(source)"), sourceLocation: sourceLocation)
        let saved = try String(contentsOf: snapshot, encoding: .utf8)
        try expectNoSecrets([result.standardOutput, result.standardError, saved], emulator: emulator, extra: extra, sourceLocation: sourceLocation)
    }

    private var clientCredentials: [String: String] {
        ["AZURE_TENANT_ID": Self.tenantId, "AZURE_CLIENT_ID": Self.checkerClientId, "AZURE_CLIENT_SECRET": "checker-app-secret"]
    }

    /// Writes an executable `az` into a fresh folder and returns the folder. The script records its
    /// arguments in `arguments.txt` beside it.
    private func fakeAzureCLI(_ body: String) throws -> URL {
        let folder = try PackagePaths.scratchFolder("fake-az")
        let script = folder.appendingPathComponent("az")
        let text = "#!/bin/sh\necho \"$@\" > '\(folder.path)/arguments.txt'\n\(body)\n"
        try ExecutableScript.write(text, to: script)
        return folder
    }

    private func searchPath(startingWith folder: URL) -> String {
        folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    // MARK: - Explicit token

    @Test func tokenFromEnvironment() throws {
        try SharedEmulators.use("healthy") { emulator in
            try expectHealthyWithoutSecrets(emulator, token: "static-reader-token", environment: [:], source: "access-token")
        }
    }

    @Test func tokenFromOption() throws {
        try SharedEmulators.use("healthy") { emulator in
            try expectHealthyWithoutSecrets(emulator, ["--access-token", "static-admin-token"], environment: [:], source: "access-token")
        }
    }

    @Test func noSourceIsUsageError() throws {
        try SharedEmulators.use("healthy") { emulator in
            let result = try C.check(emulator, token: nil, environment: ["PATH": "/nonexistent"])
            #expect(result.status == 64)
            #expect(result.standardError.hasPrefix("Error: no way to get a Microsoft Graph token was found."))
            #expect(result.standardOutput.isEmpty)
        }
    }

    // MARK: - Client credentials

    @Test func clientCredentialsWithOption() throws {
        try SharedEmulators.use("healthy") { emulator in
            try expectHealthyWithoutSecrets(emulator, ["--authority-host", emulator.baseURL.absoluteString], environment: clientCredentials, source: "environment")
        }
    }

    @Test func clientCredentialsWithVariable() throws {
        try SharedEmulators.use("healthy") { emulator in
            var environment = clientCredentials
            environment["AZURE_AUTHORITY_HOST"] = emulator.baseURL.absoluteString
            try expectHealthyWithoutSecrets(emulator, environment: environment, source: "environment")
        }
    }

    @Test func wrongSecretIsRejected() throws {
        try SharedEmulators.use("healthy") { emulator in
            var environment = clientCredentials
            environment["AZURE_CLIENT_SECRET"] = "wrong-secret-1f2e3d"
            let result = try C.check(emulator, ["--authority-host", emulator.baseURL.absoluteString, "-v"], token: nil, environment: environment)

            #expect(result.status == 77)
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.contains("Error: the client credentials token request to 127.0.0.1:\(emulator.port) failed with status 401 (invalid_client)"))
            #expect(result.standardError.contains("AZURE_CLIENT_SECRET"))
            try expectNoSecrets([result.standardOutput, result.standardError], emulator: emulator, extra: ["wrong-secret-1f2e3d"])
        }
    }

    @Test func unavailableAuthorityExits69() throws {
        let emulator = try EmulatorProcess(tenant: "healthy", faults: ["unavailable,path=*/oauth2/v2.0/token,retry-after=0"])
        let result = try C.check(emulator, ["--authority-host", emulator.baseURL.absoluteString], token: nil, environment: clientCredentials)

        #expect(result.status == 69)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("Error: the client credentials token endpoint at 127.0.0.1:\(emulator.port) failed on its side with status 503 (temporarily_unavailable)"))
        #expect(result.standardError.contains("Run the command again later"))
        #expect(!result.standardError.contains("client secret"))
        try expectNoSecrets([result.standardOutput, result.standardError], emulator: emulator)
    }

    @Test func authorityServerErrorExits69() throws {
        let server = try CannedHTTPServer { _, _ in .json(500, #"{"error":"server_error","error_description":"AADSTS90033: A transient error has occurred."}"#) }
        try SharedEmulators.use("healthy") { emulator in
            let result = try C.check(emulator, ["--authority-host", server.rootURL], token: nil, environment: clientCredentials)

            #expect(result.status == 69)
            #expect(result.standardError.hasPrefix("Error: the client credentials token endpoint at 127.0.0.1:\(server.port) failed on its side with status 500 (server_error): AADSTS90033"))
            #expect(result.standardError.contains("check --authority-host and AZURE_AUTHORITY_HOST"))
            try expectNoSecrets([result.standardOutput, result.standardError], emulator: emulator)
        }
    }

    // MARK: - Managed identity

    @Test func managedIdentity() throws {
        try SharedEmulators.use("healthy") { emulator in
            let environment = [
                "IDENTITY_ENDPOINT": emulator.baseURL.appendingPathComponent("msi/token").absoluteString,
                "IDENTITY_HEADER": "managed-identity-header",
            ]
            try expectHealthyWithoutSecrets(emulator, environment: environment, source: "managed-identity")
        }
    }

    @Test func managedIdentityWrongHeader() throws {
        try SharedEmulators.use("healthy") { emulator in
            let environment = [
                "IDENTITY_ENDPOINT": emulator.baseURL.appendingPathComponent("msi/token").absoluteString,
                "IDENTITY_HEADER": "wrong-header-7a6b5c",
            ]
            let result = try C.check(emulator, token: nil, environment: environment)

            #expect(result.status == 77)
            #expect(result.standardError.hasPrefix("Error: the managed identity token request to 127.0.0.1:\(emulator.port) failed with status 401"))
            try expectNoSecrets([result.standardOutput, result.standardError], emulator: emulator, extra: ["wrong-header-7a6b5c"])
        }
    }

    @Test func managedIdentityNotFoundExits69() throws {
        let server = try CannedHTTPServer { _, _ in CannedHTTPResponse(status: 404, body: "Not Found") }
        try SharedEmulators.use("healthy") { emulator in
            let environment = ["IDENTITY_ENDPOINT": server.rootURL + "/msi/missing", "IDENTITY_HEADER": "managed-identity-header"]
            let result = try C.check(emulator, token: nil, environment: environment)

            #expect(result.status == 69)
            #expect(result.standardError == "Error: the managed identity token endpoint at 127.0.0.1:\(server.port) failed with status 404, so no token endpoint answers at that URL. Check IDENTITY_ENDPOINT.\n")
            #expect(server.requests.count == 1)
        }
    }

    @Test func managedIdentityServerErrorExits69() throws {
        let server = try CannedHTTPServer { _, _ in .json(500, #"{"statusCode":500,"message":"The identity service failed."}"#) }
        try SharedEmulators.use("healthy") { emulator in
            let environment = ["IDENTITY_ENDPOINT": server.rootURL + "/msi/token", "IDENTITY_HEADER": "managed-identity-header"]
            let result = try C.check(emulator, token: nil, environment: environment)

            #expect(result.status == 69)
            #expect(result.standardError.hasPrefix("Error: the managed identity token endpoint at 127.0.0.1:\(server.port) failed on its side with status 500: The identity service failed."))
            #expect(result.standardError.contains("check IDENTITY_ENDPOINT"))
            #expect(!result.standardError.contains("managed-identity-header"))
        }
    }

    // MARK: - Azure CLI

    @Test func azureCLI() throws {
        let folder = try fakeAzureCLI(#"echo '{"accessToken":"static-reader-token","expires_on":4102444800,"tenant":"2b7e4f10-9c3d-4a85-b6e1-0d8f5a2c9e41","tokenType":"Bearer"}'"#)
        try SharedEmulators.use("healthy") { emulator in
            try expectHealthyWithoutSecrets(emulator, ["--auth", "azure-cli"], environment: ["PATH": searchPath(startingWith: folder)], source: "azure-cli")
            try expectHealthyWithoutSecrets(emulator, environment: ["PATH": searchPath(startingWith: folder)], source: "azure-cli")
        }
        let arguments = try String(contentsOf: folder.appendingPathComponent("arguments.txt"), encoding: .utf8)
        #expect(arguments == "account get-access-token --resource-type ms-graph --output json\n")
    }

    @Test func azureCLINotSignedIn() throws {
        let folder = try fakeAzureCLI("echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1")
        try SharedEmulators.use("healthy") { emulator in
            let result = try C.check(emulator, token: nil, environment: ["PATH": searchPath(startingWith: folder)])
            #expect(result.status == 77)
            #expect(result.standardError == "Error: the Azure CLI is not signed in. Run 'az login' and try again.\n")
        }
    }

    // MARK: - Device code

    @Test func deviceCodeNeedsTerminal() throws {
        try SharedEmulators.use("healthy") { emulator in
            let result = try C.check(emulator, ["--auth", "device-code", "--authority-host", emulator.baseURL.absoluteString], token: nil)
            #expect(result.status == 64)
            #expect(result.standardError.hasPrefix("Error: device code sign-in needs an interactive terminal"))
        }
    }

    @Test func deviceCodeInTerminal() throws {
        // `script` gives the tool a pseudo-terminal; the emulator approves after two pending polls
        // one second apart.
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            return
        }
        try SharedEmulators.use("healthy") { emulator in
            let folder = try PackagePaths.scratchFolder("device-code")
            let report = folder.appendingPathComponent("report.json")
            let command = [
                PackagePaths.binary("consent-doctor").path, "check",
                "--graph-url", emulator.baseURL.absoluteString,
                "--authority-host", emulator.baseURL.absoluteString,
                "--auth", "device-code", "--tenant", Self.tenantId,
                "--format", "json", "--output", report.path, "-v",
            ].joined(separator: " ")
            let result = try ProcessRunner.run(script, ["-qec", command, "/dev/null"], timeout: C.processTimeout)

            #expect(!result.timedOut)
            #expect(result.status == 0, "\(result.standardOutput)")
            #expect(result.standardOutput.contains("To sign in, open http://127.0.0.1:\(emulator.port)/devicelogin in a web browser and enter the code "))
            #expect(result.standardOutput.contains("info: Obtained a Graph access token from device-code."))
            let written = try String(contentsOf: report, encoding: .utf8)
            #expect(written.contains("\"status\" : \"healthy\""))
            try expectNoSecrets([result.standardOutput, written], emulator: emulator)
        }
    }

    // MARK: - Reports

    @Test func noSecretInAnyFormat() throws {
        try SharedEmulators.use("redis-grant-missing") { emulator in
            var environment = clientCredentials
            environment["AZURE_TENANT_ID"] = "a1f6c8e3-4b2d-4e97-9c05-7d3b8f2e1a64"
            environment["AZURE_AUTHORITY_HOST"] = emulator.baseURL.absoluteString
            let folder = try PackagePaths.scratchFolder("secret-formats")
            var texts: [String] = []
            for format in ["text", "json", "markdown", "html"] {
                let file = folder.appendingPathComponent("report.\(format)")
                let result = try C.check(emulator, ["--format", format, "--output", file.path, "--verbose"], token: nil, environment: environment)
                #expect(result.status == 1, "\(format)")
                #expect(result.standardOutput.isEmpty, "\(format)")
                texts += [result.standardError, try String(contentsOf: file, encoding: .utf8)]
            }
            try expectNoSecrets(texts, emulator: emulator)
        }
    }
}
