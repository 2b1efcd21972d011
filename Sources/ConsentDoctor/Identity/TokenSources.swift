/// Chooses and builds the token source for an `--auth` choice.
///
/// Automatic order, stopping at the first source that is configured:
/// 1. an explicit token (`--access-token` or `CONSENT_DOCTOR_ACCESS_TOKEN`);
/// 2. client credentials (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and `AZURE_CLIENT_SECRET` all set);
/// 3. managed identity (`IDENTITY_ENDPOINT` and `IDENTITY_HEADER` both set);
/// 4. the Azure CLI (`az` on PATH);
/// 5. device code (standard input is a terminal).
///
/// "Configured" means the settings are present, not that sign-in will succeed. An `az` that is
/// not signed in stops the search with an error naming `az login` as the fix. Quietly moving on
/// to another identity would read the tenant as someone else.
public enum TokenSources {
    /// Returns the source automatic mode would pick, or nil when none is configured.
    ///
    /// NOTE: Certificate credentials (`AZURE_CLIENT_CERTIFICATE_PATH`), workload identity
    /// (`AZURE_FEDERATED_TOKEN_FILE`) and the legacy `MSI_ENDPOINT` are not supported, so
    /// environments configured only that way fall through to the next source.
    public static func automaticChoice(_ options: AuthenticationOptions) -> TokenSourceKind? {
        if options.explicitToken != nil {
            return .accessToken
        }
        if missingClientCredentialSettings(options).isEmpty {
            return .environment
        }
        if options.variable("IDENTITY_ENDPOINT") != nil && options.variable("IDENTITY_HEADER") != nil {
            return .managedIdentity
        }
        if AzureCLISource.findExecutable(named: "az", searchPath: options.environment["PATH"]) != nil {
            return .azureCLI
        }
        if options.standardInputIsTerminal {
            return .deviceCode
        }
        return nil
    }

    /// Builds a caching token provider for the options.
    ///
    /// - Parameters:
    ///   - sender: Sends token requests; its transport, retry policy, sleeper and log are used.
    ///   - presentDeviceCodePrompt: Shows the device code sign-in instructions to the user.
    /// - Throws: `IdentityError` when the chosen source lacks its settings or cannot start.
    public static func provider(
        for options: AuthenticationOptions,
        endpoints: GraphEndpoints,
        sender: RetryingSender,
        presentDeviceCodePrompt: @escaping @Sendable (String) -> Void
    ) throws -> CachingTokenProvider {
        if let tenant = options.tenant, !isValidTenant(tenant) {
            throw IdentityError.invalidTenant(tenant)
        }

        let kind: TokenSourceKind
        switch options.method {
        case .only(let chosen):
            kind = chosen
        case .automatic:
            guard let chosen = automaticChoice(options) else {
                throw IdentityError.noSourceApplies
            }
            kind = chosen
        }

        let source = try makeSource(kind, options: options, endpoints: endpoints, sender: sender, presentDeviceCodePrompt: presentDeviceCodePrompt)
        return CachingTokenProvider(source: source, sleeper: sender.sleeper, log: sender.log)
    }

    private static func makeSource(
        _ kind: TokenSourceKind,
        options: AuthenticationOptions,
        endpoints: GraphEndpoints,
        sender: RetryingSender,
        presentDeviceCodePrompt: @escaping @Sendable (String) -> Void
    ) throws -> any TokenSource {
        switch kind {
        case .accessToken:
            guard let token = options.explicitToken else {
                throw IdentityError.missingSettings(source: kind, names: ["--access-token or CONSENT_DOCTOR_ACCESS_TOKEN"])
            }
            return try StaticTokenSource(token: token)

        case .environment:
            let missing = missingClientCredentialSettings(options)
            guard missing.isEmpty,
                  let tenant = options.tenant ?? options.variable("AZURE_TENANT_ID"),
                  let clientId = options.variable("AZURE_CLIENT_ID"),
                  let secret = options.variable("AZURE_CLIENT_SECRET")
            else {
                throw IdentityError.missingSettings(source: kind, names: missing)
            }
            guard isValidTenant(tenant) else {
                throw IdentityError.invalidTenant(tenant)
            }
            return ClientCredentialSource(tenant: tenant, clientId: clientId, clientSecret: secret, endpoints: endpoints, sender: sender)

        case .managedIdentity:
            let missing = ["IDENTITY_ENDPOINT", "IDENTITY_HEADER"].filter { options.variable($0) == nil }
            guard missing.isEmpty, let endpoint = options.variable("IDENTITY_ENDPOINT"), let header = options.variable("IDENTITY_HEADER") else {
                throw IdentityError.missingSettings(source: kind, names: missing)
            }
            let checkedEndpoint: String
            do {
                // Hosting platforms serve this endpoint over plain http on loopback or link-local
                // addresses, so those two are allowed without TLS.
                checkedEndpoint = try EndpointURL.validated(endpoint, setting: "IDENTITY_ENDPOINT", allowsQuery: true, plainHTTPAllowance: .loopbackOrLinkLocal)
            } catch let error as EndpointError {
                throw IdentityError.invalidEndpoint(error)
            }
            return ManagedIdentitySource(endpoint: checkedEndpoint, identityHeader: header, clientId: options.variable("AZURE_CLIENT_ID"), endpoints: endpoints, sender: sender)

        case .azureCLI:
            return try AzureCLISource(tenant: options.tenant, environment: options.environment)

        case .deviceCode:
            return try DeviceCodeSource(
                tenant: options.tenant,
                clientId: options.clientId,
                standardInputIsTerminal: options.standardInputIsTerminal,
                endpoints: endpoints,
                sender: sender,
                presentPrompt: presentDeviceCodePrompt
            )
        }
    }

    /// Returns the client credential variables that are not set. `--tenant` replaces
    /// `AZURE_TENANT_ID`.
    private static func missingClientCredentialSettings(_ options: AuthenticationOptions) -> [String] {
        var missing: [String] = []
        if options.tenant == nil && options.variable("AZURE_TENANT_ID") == nil {
            missing.append("AZURE_TENANT_ID")
        }
        for name in ["AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"] where options.variable(name) == nil {
            missing.append(name)
        }
        return missing
    }

    /// Returns whether a tenant value is safe to put in a URL path and an `az` argument.
    static func isValidTenant(_ tenant: String) -> Bool {
        Identifiers.isTenant(tenant) || ["organizations", "common"].contains(tenant.lowercased())
    }
}
