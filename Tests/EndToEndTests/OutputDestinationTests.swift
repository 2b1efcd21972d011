import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Checks where the built tool writes `--output`, `--save-snapshot` and `--emit` files. Symbolic
/// links are followed, FIFOs and device nodes (made in a scratch folder) are written into, `-` is
/// standard output, and the report and the snapshot never share one file.
struct OutputDestinationTests {
    static let paste = PackagePaths.fixture("pastes/02-ri-docker-toast-650052.txt").path
    static let azOutput = PackagePaths.fixture("az-output/10-sp-show-client.json").path

    static var binary: String {
        PackagePaths.binary("consent-doctor").path
    }

    /// Runs a shell script with `$1`, `$2`, ... set to `arguments`.
    static func shell(_ script: String, _ arguments: [String], currentDirectory: URL? = nil) throws -> ProcessResult {
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, "sh"] + arguments, currentDirectory: currentDirectory, timeout: 60)
        #expect(!result.timedOut, "the script ran longer than 60 s: \(script)")
        return result
    }

    static func fileType(_ path: String) -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            return 0
        }
        return status.st_mode & S_IFMT
    }

    static func text(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    /// Makes a character device node with major 1 and `minor` in `folder`, or returns nil when
    /// mknod is not permitted.
    static func characterDevice(minor: UInt32, in folder: URL) -> String? {
        let path = folder.appendingPathComponent("device-1-\(minor)").path
        guard mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | minor)) == 0 else {
            return nil
        }
        return path
    }

    @Test func outputThroughSymbolicLink() throws {
        let folder = try PackagePaths.scratchFolder("e2e-output-link")
        let target = folder.appendingPathComponent("target.txt").path
        let link = folder.appendingPathComponent("link.txt").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.txt")

        let result = try ProcessRunner.consentDoctor(["explain", Self.paste, "-o", link], timeout: 60)

        #expect(result.status == 0)
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(Self.text(target).contains("AADSTS650052"))
    }

    @Test func snapshotThroughSymbolicLink() throws {
        let folder = try PackagePaths.scratchFolder("e2e-snapshot-link")
        let target = folder.appendingPathComponent("snapshot.json").path
        let link = folder.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)

        let result = try ProcessRunner.consentDoctor(["check", "--az-output", Self.azOutput, "--save-snapshot", link], timeout: 60)

        #expect(result.status == 1)
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(Self.text(target).contains("\"formatVersion\" : 1"))
    }

    @Test func emitThroughSymbolicLink() throws {
        let folder = try PackagePaths.scratchFolder("e2e-emit-link")
        let target = folder.appendingPathComponent("fix.sh").path
        let link = folder.appendingPathComponent("link.sh").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "fix.sh")

        let result = try ProcessRunner.consentDoctor(["explain", Self.paste, "--emit", "az", "-o", link], timeout: 60)

        #expect(result.status == 0)
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(Self.text(target).hasPrefix("#!/usr/bin/env bash\n"))
        #expect(FileManager.default.isExecutableFile(atPath: target))
    }

    @Test func outputIntoFIFO() throws {
        let folder = try PackagePaths.scratchFolder("e2e-output-fifo")
        let fifo = folder.appendingPathComponent("fifo").path
        let received = folder.appendingPathComponent("received.txt").path
        try #require(mkfifo(fifo, 0o600) == 0)

        // cat and the tool each wait in open until the other end is opened. When the tool never
        // opens the FIFO, timeout ends cat, so the test fails instead of waiting forever.
        let result = try Self.shell("timeout 30 cat \"$1\" > \"$2\" & \"$3\" explain \"$4\" -o \"$1\"; status=$?; wait; exit $status", [fifo, received, Self.binary, Self.paste])

        #expect(result.status == 0)
        #expect(Self.fileType(fifo) == S_IFIFO)
        #expect(Self.text(received).contains("AADSTS650052"))
    }

    @Test func fullDeviceExits73() throws {
        let folder = try PackagePaths.scratchFolder("e2e-output-full")
        guard let device = Self.characterDevice(minor: 7, in: folder) else {
            print("Skipped fullDeviceExits73: mknod is not permitted here, so no private full device can be made.")
            return
        }

        let result = try ProcessRunner.consentDoctor(["explain", Self.paste, "-o", device], timeout: 60)

        #expect(result.status == 73)
        #expect(result.standardError == "Error: cannot write the report to '\(device)': no space left on device. Free some space on the device that holds the file, or write to another file.\n")
        #expect(Self.fileType(device) == S_IFCHR)
    }

    @Test func fullDeviceSnapshotExits73() throws {
        let folder = try PackagePaths.scratchFolder("e2e-snapshot-full")
        guard let device = Self.characterDevice(minor: 7, in: folder) else {
            print("Skipped fullDeviceSnapshotExits73: mknod is not permitted here, so no private full device can be made.")
            return
        }

        let result = try ProcessRunner.consentDoctor(["check", "--az-output", Self.azOutput, "--save-snapshot", device], timeout: 60)

        #expect(result.status == 73)
        #expect(result.standardError.hasPrefix("Error: cannot write the snapshot file \(device): no space left on device."))
        #expect(Self.fileType(device) == S_IFCHR)
    }

    @Test func nullDeviceStaysDevice() throws {
        let folder = try PackagePaths.scratchFolder("e2e-output-null")
        guard let device = Self.characterDevice(minor: 3, in: folder) else {
            print("Skipped nullDeviceStaysDevice: mknod is not permitted here, so no private null device can be made.")
            return
        }

        let result = try ProcessRunner.consentDoctor(["explain", Self.paste, "--emit", "az", "-o", device], timeout: 60)

        #expect(result.status == 0)
        #expect(Self.fileType(device) == S_IFCHR)
    }

    @Test func kernelFileNamesRealCause() throws {
        let result = try ProcessRunner.consentDoctor(["explain", Self.paste, "-o", "/proc/self/status"], timeout: 60)

        #expect(result.status == 73)
        #expect(!result.standardError.contains("no such file or directory"))
        #expect(result.standardError.hasPrefix("Error: cannot write the report to '/proc/self/status': "))
    }

    @Test func dashMeansStandardOutput() throws {
        let folder = try PackagePaths.scratchFolder("e2e-output-dash")

        let result = try Self.shell("\"$1\" explain \"$2\" -o -", [Self.binary, Self.paste], currentDirectory: folder)

        #expect(result.status == 0)
        #expect(result.standardOutput.contains("AADSTS650052"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
    }

    @Test func snapshotToStandardOutput() throws {
        let folder = try PackagePaths.scratchFolder("e2e-snapshot-dash")
        let report = folder.appendingPathComponent("report.txt").path

        let result = try ProcessRunner.consentDoctor(["check", "--az-output", Self.azOutput, "--save-snapshot", "-", "-o", report], timeout: 60)

        #expect(result.status == 1)
        #expect(result.standardOutput.contains("\"formatVersion\" : 1"))
        #expect(Self.text(report).hasPrefix("consent-doctor check: "))
    }

    @Test func sameFileForReportAndSnapshot() throws {
        let folder = try PackagePaths.scratchFolder("e2e-same-file")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.json").path, withDestinationPath: "snap.json")
        let pairs: [(report: String, snapshot: String)] = [
            ("snap.json", "snap.json"),
            ("snap.json", "sub/../snap.json"),
            ("snap.json", folder.appendingPathComponent("snap.json").path),
            ("snap.json", "link.json"),
        ]

        for (report, snapshot) in pairs {
            let result = try Self.shell("\"$1\" check --az-output \"$2\" -o \"$3\" --save-snapshot \"$4\"", [Self.binary, Self.azOutput, report, snapshot], currentDirectory: folder)

            #expect(result.status == 64, "-o \(report) --save-snapshot \(snapshot)")
            #expect(result.standardError.hasPrefix("Error: --output and --save-snapshot "), "-o \(report) --save-snapshot \(snapshot)")
            #expect(result.standardError.contains("so the report would overwrite the snapshot. Give them different files."), "-o \(report) --save-snapshot \(snapshot)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("snap.json").path))
    }

    @Test func snapshotAndReportOnStandardOutput() throws {
        for arguments in [["--save-snapshot", "-"], ["--save-snapshot", "-", "-o", "-"]] {
            let result = try ProcessRunner.consentDoctor(["check", "--az-output", Self.azOutput] + arguments, timeout: 60)

            #expect(result.status == 64, "\(arguments)")
            #expect(result.standardError.hasPrefix("Error: --save-snapshot - writes the snapshot to standard output, where the report goes too."), "\(arguments)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
        }
    }

    @Test func snapshotIsRedirectedStandardOutput() throws {
        let folder = try PackagePaths.scratchFolder("e2e-snapshot-redirect")

        let result = try Self.shell("\"$1\" check --az-output \"$2\" --save-snapshot snap.json > snap.json", [Self.binary, Self.azOutput], currentDirectory: folder)

        #expect(result.status == 64)
        #expect(result.standardError.hasPrefix("Error: --save-snapshot 'snap.json' is the file standard output goes to"))
    }

    @Test func differentFilesAccepted() throws {
        let folder = try PackagePaths.scratchFolder("e2e-different-files")
        let report = folder.appendingPathComponent("report.txt").path
        let snapshot = folder.appendingPathComponent("snap.json").path

        let result = try ProcessRunner.consentDoctor(["check", "--az-output", Self.azOutput, "-o", report, "--save-snapshot", snapshot], timeout: 60)

        #expect(result.status == 1)
        #expect(Self.text(report).hasPrefix("consent-doctor check: "))
        #expect(Self.text(snapshot).contains("\"formatVersion\" : 1"))
    }

    @Test(arguments: ["explain", "check", "fix"])
    func helpDocumentsDash(command: String) throws {
        let result = try ProcessRunner.consentDoctor([command, "--help"], timeout: 60)
        let oneLine = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")

        #expect(result.status == 0)
        #expect(oneLine.contains("Write the report to FILE instead of standard output. A FILE of '-' means standard output."))
    }
}
