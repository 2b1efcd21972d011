import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Checks that `--output` never replaces a file the user may not write, keeps the owner of a file
/// it replaces, and gives new files and `--emit` scripts modes within the umask.
///
/// The permission cases run the built tool as user and group 65534 (nobody) through `setpriv`, in
/// a scratch folder everyone may write, so they need root and util-linux's `setpriv`.
struct OutputPermissionTests {
    static let paste = PackagePaths.fixture("pastes/02-ri-docker-toast-650052.txt").path
    static let setpriv = "/usr/bin/setpriv"
    static let nobody: uid_t = 65534

    static var binary: String {
        PackagePaths.binary("consent-doctor").path
    }

    /// Returns a scratch folder every user may write, or nil (after printing why) when the
    /// process is not root or `setpriv` is missing.
    static func sharedFolder(_ name: String, test: String) throws -> URL? {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: setpriv) else {
            print("Skipped \(test): running the tool as another user needs root and \(setpriv).")
            return nil
        }
        let folder = try PackagePaths.scratchFolder(name)
        chmod(folder.path, 0o777)
        // A checkout under a private home folder hides the tool from user 65534.
        let access = try ProcessRunner.run(
            URL(fileURLWithPath: setpriv),
            ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", "/bin/sh", "-c", "test -x \"$1\" && test -r \"$2\" && test -w \"$3\"", "sh", binary, paste, folder.path],
            timeout: 60
        )
        guard access.status == 0 else {
            print("Skipped \(test): user \(nobody) cannot run the tool, read the sample paste or write \(folder.path).")
            return nil
        }
        return folder
    }

    /// Runs the built tool as user and group 65534 with no supplementary groups.
    static func runAsNobody(_ arguments: [String]) throws -> ProcessResult {
        let prefix = ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", binary]
        return try ProcessRunner.run(URL(fileURLWithPath: setpriv), prefix + arguments, timeout: 60)
    }

    /// Runs a shell script with `$1`, `$2`, ... set to `arguments`.
    static func shell(_ script: String, _ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, "sh"] + arguments, timeout: 60)
    }

    static func status(_ path: String) -> stat {
        var status = stat()
        _ = stat(path, &status)
        return status
    }

    static func text(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    static func makeFile(_ path: String, text: String, owner: uid_t, mode: mode_t) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        chown(path, owner, owner)
        chmod(path, mode)
    }

    @Test func readOnlyFileKept() throws {
        guard let folder = try Self.sharedFolder("perm-read-only", test: "readOnlyFileKept") else {
            return
        }
        let path = folder.appendingPathComponent("ro.txt").path
        try Self.makeFile(path, text: "old\n", owner: Self.nobody, mode: 0o444)

        let result = try Self.runAsNobody(["explain", Self.paste, "-o", path])

        #expect(result.status == 73)
        #expect(result.standardError.contains("Error: cannot write the report to '\(path)': permission denied."))
        #expect(Self.text(path) == "old\n")
        #expect(Self.status(path).st_mode & 0o777 == 0o444)
    }

    @Test func rootOwnedFileKept() throws {
        guard let folder = try Self.sharedFolder("perm-root-owned", test: "rootOwnedFileKept") else {
            return
        }
        let path = folder.appendingPathComponent("root.txt").path
        try Self.makeFile(path, text: "root\n", owner: 0, mode: 0o644)

        let result = try Self.runAsNobody(["explain", Self.paste, "-o", path])

        #expect(result.status == 73)
        #expect(result.standardError.contains("permission denied"))
        #expect(Self.text(path) == "root\n")
        #expect(Self.status(path).st_uid == 0)
    }

    @Test func emitRejectedOnReadOnlyFile() throws {
        guard let folder = try Self.sharedFolder("perm-emit", test: "emitRejectedOnReadOnlyFile") else {
            return
        }
        let path = folder.appendingPathComponent("fix.sh").path
        try Self.makeFile(path, text: "old\n", owner: 0, mode: 0o644)

        let result = try Self.runAsNobody(["explain", Self.paste, "--emit", "az", "-o", path])

        #expect(result.status == 73)
        #expect(result.standardError.contains("Error: cannot write the az output to '\(path)': permission denied."))
        #expect(Self.text(path) == "old\n")
        #expect(Self.status(path).st_mode & 0o777 == 0o644)
    }

    @Test func writableForeignFileKeepsOwner() throws {
        guard let folder = try Self.sharedFolder("perm-foreign", test: "writableForeignFileKeepsOwner") else {
            return
        }
        let path = folder.appendingPathComponent("shared.txt").path
        try Self.makeFile(path, text: "old\n", owner: 0, mode: 0o666)

        let result = try Self.runAsNobody(["explain", Self.paste, "-o", path])

        #expect(result.status == 0)
        #expect(Self.text(path).hasPrefix("1 sign-in error found."))
        #expect(Self.status(path).st_uid == 0)
        #expect(Self.status(path).st_mode & 0o777 == 0o666)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["shared.txt"])
    }

    @Test func emitScriptFollowsUmask() throws {
        let folder = try PackagePaths.scratchFolder("perm-umask")
        let path = folder.appendingPathComponent("fix.sh").path

        let result = try Self.shell("umask 077; \"$1\" explain \"$2\" --emit az -o \"$3\"", [Self.binary, Self.paste, path])

        #expect(result.status == 0)
        #expect(Self.status(path).st_mode & 0o777 == 0o700)
    }

    @Test func reportFollowsUmask() throws {
        let folder = try PackagePaths.scratchFolder("perm-umask-report")
        let path = folder.appendingPathComponent("report.txt").path

        let result = try Self.shell("umask 027; \"$1\" explain \"$2\" -o \"$3\"", [Self.binary, Self.paste, path])

        #expect(result.status == 0)
        #expect(Self.status(path).st_mode & 0o777 == 0o640)
    }

    /// `--emit az` promises a runnable script, so an existing file, here reached through a
    /// symbolic link, gains the execute bits of the classes that may read it, within the umask.
    @Test func emitThroughLinkAddsExecuteBits() throws {
        let folder = try PackagePaths.scratchFolder("perm-emit-link")
        let target = folder.appendingPathComponent("target.sh").path
        let link = folder.appendingPathComponent("link.sh").path
        try Self.makeFile(target, text: "old\n", owner: geteuid(), mode: 0o640)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.sh")

        let result = try Self.shell("umask 022; \"$1\" explain \"$2\" --emit az -o \"$3\"", [Self.binary, Self.paste, link])

        #expect(result.status == 0)
        #expect(Self.text(target).hasPrefix("#!/usr/bin/env bash\n"))
        #expect(Self.status(target).st_mode & 0o777 == 0o750)
    }
}
