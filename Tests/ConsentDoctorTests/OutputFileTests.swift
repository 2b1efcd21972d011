import Foundation
import Testing
import TestSupport
@testable import ConsentDoctor

#if canImport(Glibc)
import Glibc
#endif

/// Writing to user-named paths: regular files are replaced, links followed, devices and FIFOs
/// written into, and every failure carries its errno. Device nodes are made in a scratch folder.
struct OutputFileTests {
    static let text = Data("report line\n".utf8)

    /// Returns the file type bits of `path`, without following a final symbolic link.
    static func fileType(_ path: String) -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            return 0
        }
        return status.st_mode & S_IFMT
    }

    static func permissions(_ path: String) -> mode_t {
        var status = stat()
        guard stat(path, &status) == 0 else {
            return 0
        }
        return status.st_mode & 0o777
    }

    static func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Makes a character device node with major 1 and `minor` (3 discards writes, 7 reports a
    /// full device), or returns nil when the process may not create device nodes.
    static func characterDevice(minor: UInt32, in folder: URL) -> String? {
        let path = folder.appendingPathComponent("device-1-\(minor)").path
        let device = dev_t((1 << 8) | minor)
        guard mknod(path, S_IFCHR | 0o666, device) == 0 else {
            return nil
        }
        chmod(path, 0o666)
        return path
    }

    /// Runs `body` and returns the `OutputFileError` it throws, or nil when it throws none.
    static func failure(_ body: () throws -> Void) -> OutputFileError? {
        do {
            try body()
            return nil
        } catch {
            return error as? OutputFileError
        }
    }

    @Test func regularFileReplaced() throws {
        let folder = try PackagePaths.scratchFolder("output-regular")
        let path = folder.appendingPathComponent("report.txt").path
        try Data("old content that is longer\n".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)

        try OutputFile.write(Self.text, to: path)

        #expect(Self.contents(path) == "report line\n")
        #expect(Self.permissions(path) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.txt"])
    }

    @Test func newFileCreated() throws {
        let folder = try PackagePaths.scratchFolder("output-new")
        let path = folder.appendingPathComponent("report.txt").path

        try OutputFile.write(Self.text, to: path, executable: true)

        #expect(Self.contents(path) == "report line\n")
        #expect(Self.permissions(path) == 0o777 & ~OutputFile.currentUmask())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.txt"])
    }

    @Test func symbolicLinkFollowed() throws {
        let folder = try PackagePaths.scratchFolder("output-link")
        let target = folder.appendingPathComponent("target.txt").path
        let link = folder.appendingPathComponent("link.txt").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.txt")

        try OutputFile.write(Self.text, to: link)

        #expect(Self.fileType(link) == S_IFLNK)
        #expect(Self.contents(target) == "report line\n")
    }

    @Test func linkChainFollowed() throws {
        let folder = try PackagePaths.scratchFolder("output-chain")
        let subfolder = folder.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
        let target = subfolder.appendingPathComponent("target.txt").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: subfolder.appendingPathComponent("inner").path, withDestinationPath: "target.txt")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("outer").path, withDestinationPath: "sub/inner")

        try OutputFile.write(Self.text, to: folder.appendingPathComponent("outer").path)

        #expect(Self.contents(target) == "report line\n")
        #expect(Self.fileType(subfolder.appendingPathComponent("inner").path) == S_IFLNK)
    }

    @Test func danglingLinkCreatesTarget() throws {
        let folder = try PackagePaths.scratchFolder("output-dangling")
        let link = folder.appendingPathComponent("link.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "missing.txt")

        try OutputFile.write(Self.text, to: link)

        #expect(Self.fileType(link) == S_IFLNK)
        #expect(Self.contents(folder.appendingPathComponent("missing.txt").path) == "report line\n")
    }

    @Test func linkLoopRejected() throws {
        let folder = try PackagePaths.scratchFolder("output-loop")
        let first = folder.appendingPathComponent("a").path
        try FileManager.default.createSymbolicLink(atPath: first, withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("b").path, withDestinationPath: "a")

        let error = Self.failure { try OutputFile.write(Self.text, to: first) }

        #expect(error?.code == ELOOP)
        #expect(Self.fileType(first) == S_IFLNK)
    }

    @Test func folderRejected() throws {
        let folder = try PackagePaths.scratchFolder("output-folder")

        let error = Self.failure { try OutputFile.write(Self.text, to: folder.path) }

        #expect(error?.code == EISDIR)
        #expect(error?.advice == "Give a file name, not a folder.")
    }

    @Test func missingFolderNamesCause() {
        let error = Self.failure { try OutputFile.write(Self.text, to: "/nonexistent/folder/report.txt") }

        #expect(error?.code == ENOENT)
        #expect(error?.description == "Cannot write /nonexistent/folder/report.txt: no such file or directory. Check that the folder exists.")
    }

    @Test func fifoWrittenDirectly() throws {
        let folder = try PackagePaths.scratchFolder("output-fifo")
        let fifo = folder.appendingPathComponent("fifo").path
        try #require(mkfifo(fifo, 0o600) == 0)
        // A reader opened first, without blocking, lets the writer's open return at once.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }

        try OutputFile.write(Self.text, to: fifo)

        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(count == Self.text.count)
        #expect(Data(buffer.prefix(max(count, 0))) == Self.text)
        #expect(Self.fileType(fifo) == S_IFIFO)
    }

    @Test func brokenPipeGivesEPIPE() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }

        let error = Self.failure { try OutputFile.writeAll(Self.text, to: ends[1], path: "pipe") }

        #expect(error?.code == EPIPE)
        #expect(error?.step == .write)
    }

    @Test func fullDeviceFails() throws {
        let folder = try PackagePaths.scratchFolder("output-full")
        guard let device = Self.characterDevice(minor: 7, in: folder) else {
            print("Skipped fullDeviceFails: mknod is not permitted here, so no private full device can be made.")
            return
        }

        let error = Self.failure { try OutputFile.write(Self.text, to: device) }

        #expect(error?.code == ENOSPC)
        #expect(error?.step == .write)
        #expect(Self.fileType(device) == S_IFCHR)
    }

    @Test func nullDeviceStaysDevice() throws {
        let folder = try PackagePaths.scratchFolder("output-null")
        guard let device = Self.characterDevice(minor: 3, in: folder) else {
            print("Skipped nullDeviceStaysDevice: mknod is not permitted here, so no private null device can be made.")
            return
        }

        try OutputFile.write(Self.text, to: device, executable: true)

        #expect(Self.fileType(device) == S_IFCHR)
        #expect(Self.permissions(device) == 0o666)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["device-1-3"])
    }

    @Test func kernelFileNamesRealCause() {
        let error = Self.failure { try OutputFile.write(Self.text, to: "/proc/self/status") }

        // Root may open the file and the kernel rejects the write. Others may not open it.
        #expect(error?.code != ENOENT)
        #expect([EINVAL, EACCES].contains(error?.code ?? 0))
    }

    @Test func samePathIsSameDestination() throws {
        let folder = try PackagePaths.scratchFolder("output-same")
        let path = folder.appendingPathComponent("snap.json").path

        #expect(OutputFile.sameDestination(path, path))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        #expect(OutputFile.sameDestination(path, folder.path + "/sub/../snap.json"))
        #expect(!OutputFile.sameDestination(path, folder.appendingPathComponent("report.txt").path))
    }

    @Test func linksAreSameDestination() throws {
        let folder = try PackagePaths.scratchFolder("output-same-links")
        let path = folder.appendingPathComponent("snap.json").path
        let symbolic = folder.appendingPathComponent("symbolic.json").path
        let hard = folder.appendingPathComponent("hard.json").path
        let dangling = folder.appendingPathComponent("dangling.json").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "snap.json")

        #expect(OutputFile.sameDestination(path, dangling))

        try Self.text.write(to: URL(fileURLWithPath: path))
        try FileManager.default.createSymbolicLink(atPath: symbolic, withDestinationPath: path)
        try #require(link(path, hard) == 0)

        #expect(OutputFile.sameDestination(path, symbolic))
        #expect(OutputFile.sameDestination(path, hard))
        #expect(OutputFile.sameDestination(symbolic, dangling))
    }

    @Test func hardLinkOverwritesInput() throws {
        let folder = try PackagePaths.scratchFolder("output-overwrites")
        let input = folder.appendingPathComponent("paste.txt").path
        let hard = folder.appendingPathComponent("hard.txt").path
        try Self.text.write(to: URL(fileURLWithPath: input))
        try #require(link(input, hard) == 0)

        #expect(OutputFile.overwrites(hard, input: input))
        #expect(!OutputFile.overwrites(folder.appendingPathComponent("report.txt").path, input: input))
    }

    @Test func missingInputIsNotOverwritten() throws {
        let folder = try PackagePaths.scratchFolder("output-overwrites-missing")
        let path = folder.appendingPathComponent("missing.txt").path

        #expect(OutputFile.sameDestination(path, path))
        #expect(!OutputFile.overwrites(path, input: path))
    }

    @Test func characterDeviceIsShared() throws {
        let folder = try PackagePaths.scratchFolder("output-shared-device")
        guard let device = Self.characterDevice(minor: 3, in: folder) else {
            print("Skipped characterDeviceIsShared: mknod is not permitted here, so no private null device can be made.")
            return
        }

        #expect(OutputFile.sameDestination(device, device))
        #expect(!OutputFile.sharesFile(device, device))
        #expect(!OutputFile.overwrites(device, input: device))
    }
}
