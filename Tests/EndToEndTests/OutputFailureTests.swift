import Foundation
import Testing
import TestSupport

/// Checks what the tool does when its output cannot be written and when arguments carry
/// terminal control characters.
struct OutputFailureTests {
    /// Mounts a tiny tmpfs, fills it, and returns its folder, or nil when mounting is not
    /// allowed (the test then has nothing to check).
    static func fullFilesystem() throws -> URL? {
        let folder = try PackagePaths.scratchFolder("full-disk")
        let mount = try ProcessRunner.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=12k", "tmpfs", folder.path], timeout: 20)
        guard mount.status == 0 else {
            return nil
        }
        let filler = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "head -c 12288 /dev/zero > \"$1\"/filler; true", "sh", folder.path],
            timeout: 20
        )
        #expect(filler.status == 0)
        return folder
    }

    static func unmount(_ folder: URL) {
        _ = try? ProcessRunner.run(URL(fileURLWithPath: "/bin/umount"), [folder.path], timeout: 20)
    }

    @Test func fullDiskOnStandardOutputExits73() throws {
        guard let folder = try Self.fullFilesystem() else {
            print("Skipped: mounting a tmpfs needs root.")
            return
        }
        defer { Self.unmount(folder) }

        let target = folder.appendingPathComponent("out.txt").path
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "\"$1\" codes > \"$2\"", "sh", PackagePaths.binary("consent-doctor").path, target],
            timeout: 60
        )

        #expect(result.status == 73)
        #expect(result.standardError.contains("Error: cannot write to standard output: No space left on device."))
        #expect(!result.standardError.contains("Fatal error"))
    }

    @Test func closedStandardOutputExits73() throws {
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "\"$1\" codes >&-", "sh", PackagePaths.binary("consent-doctor").path],
            timeout: 60
        )

        #expect(result.status == 73)
        #expect(result.standardError.hasPrefix("Error: cannot write to standard output: Bad file descriptor. Standard output was closed, or opened only for reading, so run consent-doctor with standard output open for writing"))
        #expect(!result.standardError.contains("Free some space"))
    }

    @Test func closedOutputStillWritesReportFile() throws {
        let folder = try PackagePaths.scratchFolder("closed-output")
        let report = folder.appendingPathComponent("report.txt")
        let paste = PackagePaths.fixture("pastes/02-ri-docker-toast-650052.txt")
        let before = try Data(contentsOf: paste)
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "\"$1\" explain \"$2\" -o \"$3\" >&- 2>&-", "sh", PackagePaths.binary("consent-doctor").path, paste.path, report.path],
            timeout: 60
        )
        let written = try String(contentsOf: report, encoding: .utf8)

        #expect(result.status == 0)
        #expect(written.hasPrefix("1 sign-in error found."))
        #expect(try Data(contentsOf: paste) == before)
    }

    @Test func readerGoneOnStandardOutputExits73() throws {
        let folder = try PackagePaths.scratchFolder("reader-gone")
        let fifo = folder.appendingPathComponent("fifo").path
        // Opening the FIFO for reading and writing on descriptor 3, then for writing on 4, and
        // closing 3 leaves a pipe with no reader. SIGPIPE is ignored, so the write fails with EPIPE.
        let script = "mkfifo \"$2\" && exec 3<>\"$2\" 4>\"$2\" 3<&- && trap '' PIPE && \"$1\" codes >&4"
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", script, "sh", PackagePaths.binary("consent-doctor").path, fifo],
            timeout: 60
        )

        #expect(result.status == 73)
        #expect(result.standardError.hasPrefix("Error: cannot write to standard output: Broken pipe. Standard output was closed by the program reading it"))
        #expect(!result.standardError.contains("Free some space"))
    }

    @Test func controlCharactersInErrorsAreEscaped() throws {
        let result = try ProcessRunner.consentDoctor(["explain", "--format", "\u{1B}[31mred"], timeout: 60)

        #expect(result.status == 64)
        #expect(!result.standardError.contains("\u{1B}"))
        #expect(result.standardError.contains("'[U+001B][31mred'"))
    }
}
