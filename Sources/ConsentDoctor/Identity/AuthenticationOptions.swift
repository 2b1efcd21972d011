/// The CLI's authentication settings: the `--auth` choice and the values it needs.
public struct AuthenticationOptions: Sendable {
    /// The `--auth` value.
    public enum Method: Sendable, Equatable {
        /// Try the sources in order and use the first that is configured.
        case automatic
        case only(TokenSourceKind)

        /// Reads an `--auth` value: `auto` or a `TokenSourceKind` raw value such as `azure-cli`.
        public init?(argument: String) {
            let lowered = argument.lowercased()
            if lowered == "auto" {
                self = .automatic
            } else if let kind = TokenSourceKind(rawValue: lowered) {
                self = .only(kind)
            } else {
                return nil
            }
        }

        /// Every accepted `--auth` value, for help text and errors.
        public static let argumentNames = ["auto"] + TokenSourceKind.allCases.map(\.rawValue)
    }

    public var method: Method
    /// The `--access-token` value.
    public var accessToken: String?
    /// The `--tenant` value: the tenant to read, as a GUID or a domain name.
    public var tenant: String?
    /// The `--client-id` value: the public client for device code sign-in.
    public var clientId: String?
    /// The process environment, or a stand-in for tests.
    public var environment: [String: String]
    public var standardInputIsTerminal: Bool

    public init(
        method: Method = .automatic,
        accessToken: String? = nil,
        tenant: String? = nil,
        clientId: String? = nil,
        environment: [String: String],
        standardInputIsTerminal: Bool
    ) {
        self.method = method
        self.accessToken = accessToken
        self.tenant = tenant
        self.clientId = clientId
        self.environment = environment
        self.standardInputIsTerminal = standardInputIsTerminal
    }

    /// The explicit token: `--access-token`, else `CONSENT_DOCTOR_ACCESS_TOKEN`.
    var explicitToken: String? {
        accessToken ?? environment["CONSENT_DOCTOR_ACCESS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Returns a non-empty environment variable.
    func variable(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
