import Foundation
import GraphEmulator

#if canImport(Glibc)
import Glibc
#endif

// Block SIGTERM and SIGINT before any thread starts, so every thread inherits the mask and the
// signals wait for the sigwait call at the end instead of ending the process mid-request.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGTERM)
sigaddset(&stopSignals, SIGINT)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

/// Exit status for command-line and tenant file mistakes (EX_USAGE).
let usageExitStatus: Int32 = 64
/// Exit status when the port cannot be bound (EX_UNAVAILABLE).
let unavailableExitStatus: Int32 = 69

func exitWithError(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
    exit(status)
}

let options: EmulatorOptions
do {
    switch try EmulatorCommandLine.parse(Array(CommandLine.arguments.dropFirst())) {
    case .help:
        FileHandle.standardOutput.write(Data((EmulatorCommandLine.usage + "\n").utf8))
        exit(0)
    case .run(let parsed):
        options = parsed
    }
} catch {
    exitWithError("\(error)", status: usageExitStatus)
}

let tenant: TenantFile
let log: LogWriter
do {
    tenant = try TenantFile.load(from: URL(fileURLWithPath: options.tenantPath))
    log = try options.logPath.map { try LogWriter(path: $0) } ?? LogWriter(handle: FileHandle.standardError)
} catch {
    exitWithError("\(error)", status: usageExitStatus)
}

let emulator = Emulator(configuration: Emulator.Configuration(
    tenant: tenant, authMode: options.authMode, faults: options.faults, seed: options.seed, logSink: { log.write($0) }
))

let port: UInt16
do {
    port = try emulator.start(port: options.port)
} catch {
    exitWithError("\(error). Choose another --port or use 0 for a free one.", status: unavailableExitStatus)
}

// Log the start before announcing the port, so the Started line precedes every request line.
let faultList = options.faults.isEmpty ? "none" : options.faults.map(\.description).joined(separator: "; ")
log.write("Started: tenant \(tenant.tenantId) (\(tenant.servicePrincipals.count) service principals, \(tenant.oauth2PermissionGrants.count) grants, \(tenant.identities.count) identities), auth \(options.authMode.rawValue), faults: \(faultList)")

// The first stdout line is the contract with scripts and tests; FileHandle writes are unbuffered.
FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(port)\n".utf8))

var receivedSignal: Int32 = 0
sigwait(&stopSignals, &receivedSignal)
log.write("Stopping on signal \(receivedSignal) after \(emulator.requestCount) requests.")
emulator.stop()
exit(0)
