import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The emulator in a network namespace of its own that has only a loopback interface, and a way
/// to run other programs inside that namespace with `nsenter`. Nothing run this way can reach
/// another host.
///
/// As root it uses `unshare -n`; otherwise it adds a user namespace (`unshare -rn`).
// NOTE: the path without root was tried only by hand on a probe command. The test suite runs as
// root, so it never takes that path.
final class IsolatedEmulator {
    let emulator: EmulatorProcess

    /// `http://127.0.0.1:PORT` inside the namespace.
    var root: String {
        emulator.baseURL.absoluteString
    }

    private static let isRoot = geteuid() == 0

    init(tenant: String) throws {
        let ip = try Self.program("ip", in: ["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
        let unshare = try Self.program("unshare", in: ["/usr/bin", "/bin"])
        let launcher = [unshare.path, Self.isRoot ? "-n" : "-rn", "/bin/sh", "-c", "\(ip.path) link set lo up && exec \"$0\" \"$@\""]
        emulator = try EmulatorProcess(tenant: tenant, auth: "optional", launcher: launcher)
    }

    deinit {
        emulator.stop()
    }

    /// Runs `program` inside the namespace with the given environment added to a minimal one.
    func run(_ program: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        let nsenter = try Self.program("nsenter", in: ["/usr/bin", "/bin"])
        var options = ["--target", String(emulator.processIdentifier), "--net"]
        if !Self.isRoot {
            options += ["--user", "--preserve-credentials"]
        }
        return try ProcessRunner.run(nsenter, options + ["--", program.path] + arguments, environment: environment)
    }

    /// Runs the built `consent-doctor` inside the namespace against the emulator.
    func consentDoctor(_ arguments: [String]) throws -> ProcessResult {
        try run(
            PackagePaths.binary("consent-doctor"),
            arguments + ["--graph-url", root, "--auth", "access-token"],
            environment: ["CONSENT_DOCTOR_ACCESS_TOKEN": FixHarness.adminToken]
        )
    }

    /// Returns the body of a GET to a control endpoint, read by the Azure CLI's Python.
    func control(_ path: String) throws -> Data {
        let script = "import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1], timeout=10).read())"
        let result = try run(AzureCLIInstallation.python, ["-c", script, root + path])
        guard result.status == 0 else {
            throw IsolationError(description: "GET \(path) failed: \(result.standardError)")
        }
        return result.standardOutputData
    }

    func state() throws -> EmulatorState {
        try JSONDecoder().decode(EmulatorState.self, from: control("/_emulator/state"))
    }

    func requestLog() throws -> [EmulatorRequest] {
        struct Log: Decodable {
            var requests: [EmulatorRequest]
        }
        return try JSONDecoder().decode(Log.self, from: control("/_emulator/requests")).requests
    }

    private static func program(_ name: String, in folders: [String]) throws -> URL {
        for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return URL(fileURLWithPath: "\(folder)/\(name)")
        }
        throw IsolationError(description: "\(name) is not installed in \(folders.joined(separator: ", ")); .ci/run installs it.")
    }
}

/// Why a program could not run inside the namespace.
struct IsolationError: Error, CustomStringConvertible {
    var description: String
}
