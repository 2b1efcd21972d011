import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Checks that an output file naming an input file stops the command with exit status 64 before
/// the input is read or replaced, and that outputs may share a character device.
struct OutputInputOverlapTests {
    static let paste = PackagePaths.fixture("pastes/02-ri-docker-toast-650052.txt")
    static let azOutput = PackagePaths.fixture("az-output/10-sp-show-client.json").path

    static var binary: String {
        PackagePaths.binary("consent-doctor").path
    }

    /// Runs the built tool in `folder`, so relative paths name files there.
    static func run(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "cd \"$1\" && shift && exec \"$@\"", "sh", folder.path, binary] + arguments, timeout: 60)
    }

    /// Returns a scratch folder holding a copy of the paste as `in.txt`.
    static func folderWithPaste(_ name: String) throws -> URL {
        let folder = try PackagePaths.scratchFolder(name)
        try FileManager.default.copyItem(at: paste, to: folder.appendingPathComponent("in.txt"))
        return folder
    }

    static func contents(_ folder: URL, _ name: String) -> Data? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
    }

    @Test func explainOutputOnInput() throws {
        let folder = try Self.folderWithPaste("overlap-explain")
        let before = try Data(contentsOf: Self.paste)

        let result = try Self.run(["explain", "in.txt", "-o", "in.txt"], in: folder)

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --output and FILE both name 'in.txt', so writing the output would replace the input."))
        #expect(Self.contents(folder, "in.txt") == before)
    }

    @Test func explainEmitThroughLink() throws {
        let folder = try Self.folderWithPaste("overlap-emit")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.txt").path, withDestinationPath: "in.txt")
        let before = try Data(contentsOf: Self.paste)

        let result = try Self.run(["explain", "link.txt", "--emit", "az", "-o", "./in.txt"], in: folder)

        #expect(result.status == 64)
        #expect(result.standardError.contains("both name the same file ('./in.txt' and 'link.txt')"))
        #expect(Self.contents(folder, "in.txt") == before)
    }

    @Test func checkFromErrorOnOutput() throws {
        let folder = try Self.folderWithPaste("overlap-from-error")
        let before = try Data(contentsOf: Self.paste)

        let result = try Self.run(["check", "--from-error", "in.txt", "--az-output", Self.azOutput, "-o", "in.txt"], in: folder)

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --output and --from-error both name 'in.txt'"))
        #expect(Self.contents(folder, "in.txt") == before)
    }

    @Test func checkAzOutputOnSnapshot() throws {
        let folder = try PackagePaths.scratchFolder("overlap-az-output")
        try FileManager.default.copyItem(atPath: Self.azOutput, toPath: folder.appendingPathComponent("sp.json").path)
        let before = try Data(contentsOf: URL(fileURLWithPath: Self.azOutput))

        let result = try Self.run(["check", "--az-output", "sp.json", "--save-snapshot", "sp.json"], in: folder)

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --save-snapshot and --az-output both name 'sp.json'"))
        #expect(Self.contents(folder, "sp.json") == before)
    }

    @Test func checkSnapshotOnOutput() throws {
        let folder = try PackagePaths.scratchFolder("overlap-snapshot")
        let saved = try Self.run(["check", "--az-output", Self.azOutput, "--save-snapshot", "s1.json", "-o", "report.txt"], in: folder)
        #expect(saved.status == 1)
        let before = Self.contents(folder, "s1.json")

        let result = try Self.run(["check", "--snapshot", "s1.json", "-o", "s1.json"], in: folder)

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --output and --snapshot both name 's1.json'"))
        #expect(Self.contents(folder, "s1.json") == before)
    }

    @Test func missingInputIsNoOverlap() throws {
        let folder = try PackagePaths.scratchFolder("overlap-missing")

        let result = try Self.run(["explain", "missing.txt", "-o", "missing.txt"], in: folder)

        #expect(result.status == 66)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("missing.txt").path))
    }

    @Test func standardInputIsNoFile() throws {
        let folder = try PackagePaths.scratchFolder("overlap-dash")

        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "cd \"$1\" && \"$2\" explain - -o - < \"$3\"", "sh", folder.path, Self.binary, Self.paste.path],
            timeout: 60
        )

        #expect(result.status == 0)
        #expect(result.standardOutput.contains("AADSTS650052"))
    }

    @Test func nullDeviceSharedByOutputs() throws {
        let folder = try PackagePaths.scratchFolder("overlap-null")
        let device = folder.appendingPathComponent("null").path
        guard mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 else {
            print("Skipped nullDeviceSharedByOutputs: mknod is not permitted here, so no private null device can be made.")
            return
        }

        let result = try Self.run(["check", "--az-output", Self.azOutput, "-o", "null", "--save-snapshot", device], in: folder)

        #expect(result.status == 1)
        #expect(result.standardError.isEmpty)
    }

    @Test func nullDeviceAsStandardOutputAndSnapshot() throws {
        let folder = try PackagePaths.scratchFolder("overlap-null-stdout")
        let device = folder.appendingPathComponent("null").path
        guard mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 else {
            print("Skipped nullDeviceAsStandardOutputAndSnapshot: mknod is not permitted here, so no private null device can be made.")
            return
        }

        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "\"$1\" check --az-output \"$2\" --save-snapshot \"$3\" > \"$3\"", "sh", Self.binary, Self.azOutput, device],
            timeout: 60
        )

        #expect(result.status == 1)
        #expect(result.standardError.isEmpty)
    }
}
