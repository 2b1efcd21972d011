import Foundation
import Testing
import TestSupport

/// Checks what `explain -` and `check --from-error -` report when standard input is closed or
/// open for writing only, instead of reading nothing and finding no error.
struct StandardInputTests {
    static let azOutput = PackagePaths.fixture("az-output/10-sp-show-client.json").path

    static var binary: String {
        PackagePaths.binary("consent-doctor").path
    }

    /// Runs a shell script with `$1`, `$2`, ... set to `arguments`.
    static func shell(_ script: String, _ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, "sh"] + arguments, timeout: 60)
    }

    @Test(arguments: [["explain", "-"], ["explain"]])
    func closedInputExits66(arguments: [String]) throws {
        let result = try Self.shell("\"$@\" <&-", [Self.binary] + arguments)

        #expect(result.status == 66)
        #expect(result.standardError.hasPrefix("Error: cannot read standard input: it is closed."))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func checkFromErrorClosedInput() throws {
        let result = try Self.shell("\"$1\" check --from-error - --az-output \"$2\" <&-", [Self.binary, Self.azOutput])

        #expect(result.status == 66)
        #expect(result.standardError.hasPrefix("Error: cannot read standard input: it is closed."))
    }

    @Test func writeOnlyInputGetsAdvice() throws {
        let folder = try PackagePaths.scratchFolder("stdin-write-only")
        let file = folder.appendingPathComponent("out1.txt").path

        let result = try Self.shell("\"$1\" explain - 0>>\"$2\"", [Self.binary, file])

        #expect(result.status == 66)
        #expect(result.standardError.contains("it is open for writing only"))
        #expect(result.standardError.contains("Reopen standard input for reading, such as '< paste.txt', or name the file instead of '-'."))
    }
}
