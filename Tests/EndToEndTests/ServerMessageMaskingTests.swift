import Foundation
import GraphEmulator
import Testing
import TestSupport

/// Runs the built tool against a loopback server whose error messages echo credentials, and
/// checks that none of them reaches standard output or standard error, in any report format.
struct ServerMessageMaskingTests {
    /// A message with a token and a parameter that the request never carried.
    static let message = "Bearer eyJabc.def.ghi leaked? access_token=EchoSecret1"
    static let leaks = ["eyJabc.def.ghi", "EchoSecret1"]

    /// Starts a server on 127.0.0.1 that responds to every request with `response`.
    private func server(_ response: HTTPResponse) throws -> (HTTPServer, String) {
        let server = HTTPServer { _ in response }
        let port = try server.start()
        return (server, "http://127.0.0.1:\(port)")
    }

    private func expectNoLeak(_ result: ProcessResult, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for leak in Self.leaks {
            #expect(!result.standardOutput.contains(leak), "\(context): \(leak) on standard output", sourceLocation: sourceLocation)
            #expect(!result.standardError.contains(leak), "\(context): \(leak) on standard error", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ["text", "json", "markdown", "html"])
    func graphMessageMasked(format: String) throws {
        let (server, root) = try server(.json(500, ["error": ["code": "generalException", "message": Self.message]]))
        defer { server.stop() }

        let result = try CheckRun.run(
            ["check", "--graph-url", root, "--format", format, "--verbose"],
            environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"]
        )

        #expect(result.standardOutput.contains("leaked?"), "\(format)")
        #expect(result.standardOutput.contains("redacted"), "\(format)")
        expectNoLeak(result, format)
    }

    @Test func graphMessageInTextReport() throws {
        let (server, root) = try server(.json(500, ["error": ["code": "generalException", "message": Self.message]]))
        defer { server.stop() }

        let result = try CheckRun.run(["check", "--graph-url", root], environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"])

        #expect(result.standardOutput.contains(#"Graph's message: "Bearer [redacted] leaked? access_token=[redacted]""#))
    }

    @Test func graphMessageXMLAndCodeMasked() throws {
        let message = "Rejected <password>SECRETZ</password> code=0.AAAASECRETW"
        let (server, root) = try server(.json(500, ["error": ["code": "generalException", "message": message]]))
        defer { server.stop() }

        let result = try CheckRun.run(["check", "--graph-url", root], environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": "static-reader-token"])

        #expect(result.standardOutput.contains("Rejected <password>[redacted]</password> code=[redacted]"))
        #expect(!result.standardOutput.contains("SECRETZ"))
        #expect(!result.standardOutput.contains("SECRETW"))
        #expect(!result.standardError.contains("SECRET"))
    }

    @Test func tokenErrorDescriptionMasked() throws {
        let body: [String: Any] = ["error": "invalid_client", "error_description": "AADSTS7000215: " + Self.message, "error_codes": [7000215]]
        let (server, root) = try server(.json(401, body))
        defer { server.stop() }

        let result = try CheckRun.run(
            ["check", "--auth", "environment", "--authority-host", root, "--graph-url", root, "--verbose"],
            environment: [
                "AZURE_TENANT_ID": "5e8a1c73-2d4f-4b96-8a0e-3f7c9b1d6e25",
                "AZURE_CLIENT_ID": "b7e05c92-1a3d-4f68-8c2b-6e9d0f4a1c73",
                "AZURE_CLIENT_SECRET": "mock-client-secret",
            ]
        )

        #expect(result.status == 77)
        #expect(result.standardError.contains("AADSTS7000215: Bearer [redacted] leaked? access_token=[redacted]"))
        #expect(!result.standardError.contains("mock-client-secret"))
        expectNoLeak(result, "token endpoint")
    }
}
