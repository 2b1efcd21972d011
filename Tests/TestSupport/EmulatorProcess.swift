import Foundation

/// One request from the emulator's request log.
public struct EmulatorRequest: Decodable, Sendable, Equatable {
    public var method: String
    public var path: String
    public var status: Int
    public var time: String
    public var requestId: String
    public var identity: String?
    /// Set for the items of a `$batch`, whose path is relative to the version root.
    public var batchItemId: String?
}

/// The emulator's directory as `GET /_emulator/state` returns it.
public struct EmulatorState: Decodable, Sendable {
    public struct ServicePrincipal: Decodable, Sendable, Equatable {
        public var id: String
        public var appId: String
        public var displayName: String
        public var accountEnabled: Bool
        public var appRoleAssignmentRequired: Bool
    }

    public struct Grant: Decodable, Sendable, Equatable {
        public var id: String
        public var clientId: String
        public var consentType: String
        public var principalId: String?
        public var resourceId: String
        public var scope: String
    }

    public var tenantId: String
    public var servicePrincipals: [ServicePrincipal]
    public var oauth2PermissionGrants: [Grant]

    /// Returns the service principal for an appId.
    public func servicePrincipal(appId: String) -> ServicePrincipal? {
        servicePrincipals.first { $0.appId.caseInsensitiveCompare(appId) == .orderedSame }
    }

    /// Returns the grants from one client service principal to one resource service principal, by object id.
    public func grants(clientId: String, resourceId: String) -> [Grant] {
        oauth2PermissionGrants.filter {
            $0.clientId.caseInsensitiveCompare(clientId) == .orderedSame && $0.resourceId.caseInsensitiveCompare(resourceId) == .orderedSame
        }
    }
}

/// Why the emulator could not be started or queried.
public struct EmulatorProcessError: Error, CustomStringConvertible {
    public var description: String
}

/// Runs the built `consent-doctor-emulator` binary on a free port of 127.0.0.1 for a test and
/// stops it with SIGTERM on `stop()` or when released.
///
/// `swift build` must have built the binary first; `make test` does.
public final class EmulatorProcess: @unchecked Sendable {
    public let port: UInt16
    /// `http://127.0.0.1:PORT`, the root for token and managed-identity endpoints.
    public let baseURL: URL
    /// The file the emulator's standard error goes to, including its request log lines.
    public let standardErrorFile: URL

    private let child: ChildProcess
    private let lock = NSLock()
    private var stopped = false

    /// The Graph root, `http://127.0.0.1:PORT/v1.0`.
    public var graphBaseURL: URL {
        baseURL.appendingPathComponent("v1.0")
    }

    /// Starts the emulator with `Fixtures/tenants/<tenant>.json`.
    ///
    /// - Parameters:
    ///   - faults: `--fault` specifications, such as `throttle=2`.
    ///   - auth: `required` or `optional`.
    ///   - launcher: A command that runs the emulator, such as `unshare -n …`, given as the
    ///     program and its arguments; the emulator's path and arguments follow them.
    /// - Throws: `EmulatorProcessError` when the binary is missing or it does not report its port in time.
    public convenience init(tenant: String = "healthy", faults: [String] = [], auth: String = "required", extraArguments: [String] = [], startupTimeout: TimeInterval = 20, launcher: [String] = []) throws {
        try self.init(tenantFile: PackagePaths.fixture("tenants/\(tenant).json"), faults: faults, auth: auth, extraArguments: extraArguments, startupTimeout: startupTimeout, launcher: launcher)
    }

    /// Starts the emulator with any tenant file.
    public init(tenantFile: URL, faults: [String] = [], auth: String = "required", extraArguments: [String] = [], startupTimeout: TimeInterval = 20, launcher: [String] = []) throws {
        let binary = PackagePaths.binary("consent-doctor-emulator")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw EmulatorProcessError(description: "The emulator binary is missing at \(binary.path); run 'swift build' first.")
        }

        var arguments = ["--tenant", tenantFile.path, "--port", "0", "--auth", auth]
        for fault in faults {
            arguments += ["--fault", fault]
        }
        arguments += extraArguments

        let scratch = try PackagePaths.scratchFolder("emulator")
        standardErrorFile = scratch.appendingPathComponent("stderr.log")
        guard FileManager.default.createFile(atPath: standardErrorFile.path, contents: nil) else {
            throw EmulatorProcessError(description: "Cannot create \(standardErrorFile.path) for the emulator's standard error.")
        }

        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let child: ChildProcess
        if let program = launcher.first {
            child = try ChildProcess(executable: URL(fileURLWithPath: program), arguments: Array(launcher.dropFirst()) + [binary.path] + arguments, environment: environment, errorFile: standardErrorFile)
        } else {
            child = try ChildProcess(executable: binary, arguments: arguments, environment: environment, errorFile: standardErrorFile)
        }
        self.child = child

        guard let line = child.readFirstLine(timeout: startupTimeout) else {
            child.terminate(grace: 5)
            let errorText = (try? String(contentsOf: standardErrorFile, encoding: .utf8)) ?? ""
            throw EmulatorProcessError(description: "The emulator did not print its address within \(Int(startupTimeout)) s (exit status \(child.exitStatus.map(String.init) ?? "none")): \(errorText)")
        }
        let prefix = "listening on http://127.0.0.1:"
        guard line.hasPrefix(prefix), let port = UInt16(line.dropFirst(prefix.count)) else {
            child.terminate(grace: 5)
            throw EmulatorProcessError(description: "The emulator's first line was '\(line)', not '\(prefix)PORT'.")
        }
        self.port = port
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    deinit {
        stop()
    }

    /// Stops the emulator with SIGTERM and waits for it to exit, killing it after 10 s.
    public func stop() {
        let alreadyStopped = lock.withLock { () -> Bool in
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped else {
            return
        }
        child.terminate(grace: 10)
    }

    /// The process id of the emulator, or of its launcher when that does not replace itself.
    public var processIdentifier: Int32 {
        child.processIdentifier
    }

    /// The exit status after `stop()`; nil while it runs.
    public var exitStatus: Int32? {
        child.exitStatus
    }

    // MARK: Requests

    /// Sends a request to the emulator, with `Authorization: Bearer <token>` when a token is given.
    public func send(_ method: String, _ target: String, token: String? = nil, headers: [(name: String, value: String)] = [], body: Data? = nil, timeout: TimeInterval = 10) throws -> LoopbackHTTPResponse {
        var allHeaders = headers
        if let token {
            allHeaders.append(("Authorization", "Bearer \(token)"))
        }
        if body != nil && !allHeaders.contains(where: { $0.name.lowercased() == "content-type" }) {
            allHeaders.append(("Content-Type", "application/json"))
        }
        return try LoopbackHTTP.send(port: port, method: method, target: target, headers: allHeaders, body: body, timeout: timeout)
    }

    /// Returns the number of Graph and token requests served since start or the last reset.
    public func requestCount() throws -> Int {
        let object = try controlJSON("GET", "/_emulator/requests/count")
        guard let count = object["count"] as? Int else {
            throw EmulatorProcessError(description: "The request count answer has no 'count'.")
        }
        return count
    }

    /// Returns the requests served since start or the last reset, `$batch` items included.
    public func requestLog() throws -> [EmulatorRequest] {
        struct Log: Decodable {
            var requests: [EmulatorRequest]
        }
        return try JSONDecoder().decode(Log.self, from: try control("GET", "/_emulator/requests").body).requests
    }

    /// Returns the current service principals and grants.
    public func state() throws -> EmulatorState {
        try JSONDecoder().decode(EmulatorState.self, from: try stateJSON())
    }

    /// Returns the current state as raw JSON.
    public func stateJSON() throws -> Data {
        try control("GET", "/_emulator/state").body
    }

    /// Clears the request count and log; with `restoringState`, also restores the tenant file's objects.
    public func reset(restoringState: Bool = false) throws {
        _ = try control("POST", restoringState ? "/_emulator/reset?state=true" : "/_emulator/reset")
    }

    /// Replaces the active faults, such as `["throttle=2"]`.
    public func setFaults(_ specifications: [String]) throws {
        let body = try JSONSerialization.data(withJSONObject: ["faults": specifications])
        _ = try control("PUT", "/_emulator/faults", body: body)
    }

    /// Removes every fault.
    public func clearFaults() throws {
        _ = try control("DELETE", "/_emulator/faults")
    }

    private func control(_ method: String, _ target: String, body: Data? = nil) throws -> LoopbackHTTPResponse {
        let response = try send(method, target, body: body)
        guard response.status == 200 else {
            throw EmulatorProcessError(description: "\(method) \(target) answered \(response.status): \(response.text)")
        }
        return response
    }

    private func controlJSON(_ method: String, _ target: String) throws -> [String: Any] {
        guard let object = try control(method, target).jsonObject else {
            throw EmulatorProcessError(description: "\(method) \(target) did not answer a JSON object.")
        }
        return object
    }
}
