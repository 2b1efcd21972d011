import Foundation

/// A Graph token from the Azure CLI's signed-in account: `az account get-access-token
/// --resource-type ms-graph [--tenant T]`.
///
/// `az` prints the token on standard output. That output is parsed and never echoed, and only
/// a line of its standard error appears in errors.
public struct AzureCLISource: TokenSource {
    public let kind = TokenSourceKind.azureCLI
    /// The tenant to ask for, or nil for the account's default tenant.
    public var tenant: String?
    /// The `az` executable found on PATH.
    public var executablePath: String
    public var timeout: TimeInterval
    private let environment: [String: String]

    /// Finds `az` on the `PATH` of `environment`.
    ///
    /// - Throws: `IdentityError.azureCLINotFound` when no executable `az` is on PATH.
    public init(tenant: String?, environment: [String: String], timeout: TimeInterval = 60) throws {
        guard let path = Self.findExecutable(named: "az", searchPath: environment["PATH"]) else {
            throw IdentityError.azureCLINotFound
        }
        self.tenant = tenant
        self.executablePath = path
        self.timeout = timeout
        self.environment = environment
    }

    /// Returns the first executable file with the name in the colon-separated search path.
    public static func findExecutable(named name: String, searchPath: String?) -> String? {
        for folder in (searchPath ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name).path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    /// The arguments passed to `az`.
    ///
    /// NOTE: `--resource-type ms-graph` requests a token for the Graph of the cloud `az` is set
    /// to (`az cloud set`). When that differs from `--cloud`, Graph rejects the token with 401.
    public var arguments: [String] {
        var arguments = ["account", "get-access-token", "--resource-type", "ms-graph", "--output", "json"]
        if let tenant {
            arguments += ["--tenant", tenant]
        }
        return arguments
    }

    public func fetchToken() async throws -> AccessToken {
        let output: SubprocessRunner.Output
        do {
            output = try await SubprocessRunner.run(executable: executablePath, arguments: arguments, environment: environment, timeout: timeout)
        } catch {
            throw IdentityError.azureCLIFailed(status: -1, detail: "it could not be started (\(error.localizedDescription))")
        }
        if output.timedOut {
            throw IdentityError.azureCLITimedOut(seconds: Int(timeout))
        }
        guard output.status == 0 else {
            throw Self.failure(status: output.status, standardError: String(decoding: output.standardError, as: UTF8.self), tenant: tenant)
        }
        return try Self.parse(output.standardOutput, requestedTenant: tenant)
    }

    /// Reads the JSON `az account get-access-token` prints.
    ///
    /// Uses `expires_on` (epoch seconds, Azure CLI 2.54 and later) when present, otherwise
    /// `expiresOn`, which is local time.
    static func parse(_ data: Data, requestedTenant: String?) throws -> AccessToken {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw IdentityError.malformedTokenResponse(source: .azureCLI, host: "az", detail: "the output is not a JSON object")
        }
        guard let value = object["accessToken"] as? String, !value.isEmpty else {
            throw IdentityError.malformedTokenResponse(source: .azureCLI, host: "az", detail: "the output has no accessToken")
        }

        var expiresOn: Date?
        if let epoch = TokenEndpointReply.number(object["expires_on"]) {
            expiresOn = Date(timeIntervalSince1970: epoch)
        } else if let text = object["expiresOn"] as? String {
            expiresOn = localDate(text)
        }
        let tenant = (object["tenant"] as? String).flatMap(Identifiers.normalizedGUID)
        return AccessToken(value: value, expiresOn: expiresOn, tenantId: tenant ?? JWTClaims.tenantId(in: value) ?? requestedTenant.flatMap(Identifiers.normalizedGUID), source: .azureCLI)
    }

    /// Classifies a failed run from its standard error.
    static func failure(status: Int32, standardError: String, tenant: String?) -> IdentityError {
        let lowered = standardError.lowercased()
        if lowered.contains("az login") {
            return .azureCLINotLoggedIn(tenant: tenant)
        }
        let lines = standardError.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let errorLine = lines.last { $0.hasPrefix("ERROR:") }.map { String($0.dropFirst("ERROR:".count)).trimmingCharacters(in: .whitespaces) }
        let detail = (errorLine ?? lines.first { !$0.isEmpty }).flatMap { SecretRedaction.summary($0, secrets: []) }
        return .azureCLIFailed(status: status, detail: detail)
    }

    private static func localDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        for format in ["yyyy-MM-dd HH:mm:ss.SSSSSS", "yyyy-MM-dd HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return date
            }
        }
        return nil
    }
}
