import Foundation
import Testing
import TestSupport

/// Runs `explain --emit` on 150 errors from 150 tenants, more than the 100 distinct errors that
/// explain diagnoses, and checks that every form warns about the 50 that it only counted.
struct ExplainEmitOmittedTests {
    static let notice = "The input has 50 more errors (50 distinct, naming 50 tenants)"

    /// Returns the 650052 sample paste 150 times, each copy naming its own tenant.
    static func paste() throws -> Data {
        let sample = try PackagePaths.fixtureText("pastes/02-ri-docker-toast-650052.txt")
        let copies = (1...150).map { number in
            let suffix = String(number)
            let tenant = "11111111-2222-4333-8444-" + String(repeating: "0", count: 12 - suffix.count) + suffix
            return sample.replacingOccurrences(of: ExplainEmitTenantTests.firstTenant, with: tenant)
        }
        return Data((copies.joined(separator: "\n") + "\n").utf8)
    }

    static func emit(_ form: String) throws -> ProcessResult {
        try ProcessRunner.consentDoctor(["explain", "-", "--emit", form], standardInput: paste())
    }

    /// Returns the comment lines of a script without their `# ` and joined into one line.
    static func comments(_ script: String) -> String {
        script.split(separator: "\n").filter { $0.hasPrefix("# ") }.map { $0.dropFirst(2) }.joined(separator: " ")
    }

    @Test(arguments: ["az", "rest", "powershell"])
    func scriptNamesLeftOutErrors(form: String) throws {
        let result = try Self.emit(form)

        #expect(result.status == 0)
        #expect(Self.comments(result.standardOutput).contains(Self.notice))
        #expect(result.standardError.contains("Warning: " + Self.notice))
    }

    @Test func urlWarnsOnStandardError() throws {
        let result = try Self.emit("url")

        #expect(result.status == 0)
        #expect(result.standardOutput.split(separator: "\n").count == 100)
        #expect(result.standardError.contains("Warning: " + Self.notice))
        #expect(result.standardError.contains("check --tenant TENANT --emit"))
    }

    @Test func fewErrorsGiveNoWarning() throws {
        let result = try ExplainEmitTenantTests.emit("az")

        #expect(result.status == 0)
        #expect(!result.standardError.contains("Warning"))
    }
}
