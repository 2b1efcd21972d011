import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Sends SIGINT or SIGTERM to the built `consent-doctor fix --apply` while one of its writes is
/// held by the emulator's `hang` fault. The signal goes out only after the emulator has logged
/// that write, so the test depends on the order of events and not on timing.
struct FixInterruptTests {
    typealias H = FixHarness

    /// The maximum time the test waits for the emulator to log the held write, in seconds.
    /// Reaching it fails the test. Normally the write arrives within a second.
    static let deadline: TimeInterval = 60

    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func signalDuringWriteReports(signalNumber: Int32, status: Int32, name: String) throws {
        // The read's $batch holds only GETs, so the first write passes and the second hangs.
        let emulator = try EmulatorProcess(tenant: "nothing-consented", faults: ["hang,method=write,after=1"])
        let process = Process()
        process.executableURL = PackagePaths.binary("consent-doctor")
        process.arguments = ["fix", "--apply", "--yes", "--graph-url", emulator.baseURL.absoluteString, "--auth", "access-token"]
        process.environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "CONSENT_DOCTOR_ACCESS_TOKEN": H.adminToken,
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()

        let started = Date()
        var writeHeld = false
        while !writeHeld && Date().timeIntervalSince(started) < Self.deadline && process.isRunning {
            let creates = try emulator.requestLog().filter { $0.method == "POST" && $0.path == "/v1.0/servicePrincipals" }
            writeHeld = creates.count == 2 && creates.last?.status == 0
            if !writeHeld {
                usleep(20_000)
            }
        }
        #expect(writeHeld, "the emulator never logged the second write")
        kill(process.processIdentifier, signalNumber)

        let standardOutput = output.fileHandleForReading.readDataToEndOfFile()
        let standardError = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == status)
        #expect(standardOutput.isEmpty)
        #expect(standardError.hasPrefix("Error: interrupted by \(name), so fix stopped before its next write."))
        #expect(standardError.contains("Only this write was made: Create the service principal for RedisInsight"))
        #expect(standardError.contains("This write may have been applied, because the request was sent but no definite answer arrived: Create the service principal for AzureRedisCacheAadApp"))
        #expect(standardError.contains("Not attempted: Create an AllPrincipals grant on AzureRedisCacheAadApp"))
        #expect(standardError.contains("Run consent-doctor fix --apply again to finish."))
        #expect(try H.writeRequests(emulator) == ["POST /v1.0/servicePrincipals", "POST /v1.0/servicePrincipals"])
        #expect(try emulator.state().servicePrincipal(appId: H.clientAppId) != nil)
    }
}
