import ConsentDoctor
import Foundation

/// The options of commands that read or write a tenant through Microsoft Graph: which tenant,
/// which cloud and endpoints, and where the token comes from.
enum GraphAccessOptions {
    static let tenant = OptionSpec(
        names: ["--tenant", "-t"],
        valueName: "TENANT",
        help: "Tenant to read, as a tenant id (GUID) or a domain name such as contoso.onmicrosoft.com. Defaults to the tenant of the token. When given, the token's tenant and the organization Graph returns must be this tenant, or the command stops with exit status 64 before it reports or writes anything."
    )
    static let auth = OptionSpec(
        names: ["--auth"],
        valueName: "SOURCE",
        help: "Where the Graph token comes from: auto (the default: the first of access-token, environment, managed-identity and azure-cli that is configured), access-token, environment, managed-identity, azure-cli or device-code."
    )
    static let accessToken = OptionSpec(
        names: ["--access-token"],
        valueName: "TOKEN",
        help: "A Microsoft Graph access token to use as is. Prefer the CONSENT_DOCTOR_ACCESS_TOKEN environment variable, which keeps the token out of the process list."
    )
    static let clientId = OptionSpec(
        names: ["--client-id"],
        valueName: "APPID",
        help: "Public client appId for --auth device-code. Defaults to Microsoft Graph Command Line Tools (14d82eec-204b-4c2f-b7e8-296a70dab67e)."
    )
    static let graphURL = OptionSpec(
        names: ["--graph-url"],
        valueName: "URL",
        help: "Graph root to use instead of the cloud's, with or without /v1.0, such as http://127.0.0.1:8445 for the emulator. It needs a scheme. Plain http is accepted only for a loopback address (127.0.0.0/8, ::1, localhost), because the token goes with every request."
    )
    static let authorityHost = OptionSpec(
        names: ["--authority-host"],
        valueName: "URL",
        help: "Sign-in authority to use instead of the cloud's, with its scheme, such as https://login.microsoftonline.us. Plain http is accepted only for a loopback address. The AZURE_AUTHORITY_HOST variable sets it too."
    )
    static let timeout = OptionSpec(
        names: ["--timeout"],
        valueName: "SECONDS",
        help: "Time allowed for each HTTP request, in seconds (default 60). A read that times out is sent up to 4 times in all, so a check against a Graph that never responds takes several times this long."
    )
    static let verbose = OptionSpec(
        names: ["--verbose", "-v"],
        valueName: nil,
        help: "Log each Graph request with its status and request-id, each retry with its wait, and the token source, on standard error. Tokens are never logged."
    )

    static let all = [tenant, CommonOptions.cloud, auth, accessToken, clientId, graphURL, authorityHost, timeout, verbose]

    /// Everything needed to talk to Graph, built from the options and the environment.
    struct Connection {
        var endpoints: GraphEndpoints
        var sender: RetryingSender
        var authentication: AuthenticationOptions
        var log: StandardErrorLogSink
    }

    /// Builds the endpoints, transport and authentication settings from the options.
    ///
    /// - Throws: `UsageError` for an invalid tenant, cloud, URL, timeout or `--auth` value.
    static func connection(_ arguments: ParsedArguments, context: CommandContext) throws -> Connection {
        let cloud = try chosenCloud(arguments)

        let endpoints: GraphEndpoints
        do {
            endpoints = try GraphEndpoints(
                cloud: cloud,
                graphURL: arguments.value(graphURL.primaryName),
                authorityHost: arguments.value(authorityHost.primaryName),
                environment: context.environment
            )
        } catch let error as EndpointError {
            throw UsageError(message: error.description)
        }

        var method = AuthenticationOptions.Method.automatic
        if let name = arguments.value(auth.primaryName) {
            guard let chosen = AuthenticationOptions.Method(argument: name) else {
                let names = AuthenticationOptions.Method.argumentNames.joined(separator: ", ")
                throw UsageError(message: "unknown --auth source '\(name)'. Use one of: \(names).")
            }
            method = chosen
        }

        let tenantValue = try chosenTenant(arguments)
        if let client = arguments.value(clientId.primaryName), !Identifiers.isGUID(client) {
            throw UsageError(message: "--client-id '\(client)' is not an appId (GUID).")
        }

        var configuration = CurlTransport.Configuration.fromEnvironment(context.environment)
        if let text = arguments.value(timeout.primaryName) {
            guard let seconds = Double(text), seconds > 0, seconds <= 3600 else {
                throw UsageError(message: "--timeout '\(text)' is not a number of seconds between 0 and 3600.")
            }
            configuration.totalTimeout = seconds
            configuration.connectTimeout = min(configuration.connectTimeout, seconds)
        }

        let log = StandardErrorLogSink(verbose: arguments.has(verbose.primaryName))
        let sender = RetryingSender(transport: CurlTransport(configuration: configuration), log: log)
        let authentication = AuthenticationOptions(
            method: method,
            accessToken: arguments.value(accessToken.primaryName),
            tenant: tenantValue,
            clientId: arguments.value(clientId.primaryName),
            environment: context.environment,
            standardInputIsTerminal: context.standardInputIsTerminal
        )
        return Connection(endpoints: endpoints, sender: sender, authentication: authentication, log: log)
    }

    /// Reads `--tenant`.
    ///
    /// - Throws: `UsageError` when the value is neither a GUID nor a domain name.
    static func chosenTenant(_ arguments: ParsedArguments) throws -> String? {
        guard let value = arguments.value(tenant.primaryName) else {
            return nil
        }
        guard Identifiers.isTenant(value) else {
            throw UsageError(message: "--tenant '\(value)' is not a tenant id (GUID) or a domain name.")
        }
        return value
    }

    /// Returns a token provider for the connection.
    ///
    /// - Throws: `IdentityError` when the chosen token source cannot start.
    static func tokenProvider(for connection: Connection, context: CommandContext) throws -> CachingTokenProvider {
        try TokenSources.provider(
            for: connection.authentication,
            endpoints: connection.endpoints,
            sender: connection.sender,
            presentDeviceCodePrompt: { message in
                StandardStreams.writeError("\(message)\n")
            }
        )
    }

    /// Returns the exit status for a failure to obtain a token: 64 when settings are missing or
    /// invalid (an unusable `IDENTITY_ENDPOINT` included), 69 when the sign-in service or the
    /// Azure CLI could not be used (a token endpoint that failed on its side or is not at its URL
    /// included), 77 when the credentials were rejected.
    static func exitStatus(for error: IdentityError) -> Int32 {
        switch error {
        case .noSourceApplies, .missingSettings, .invalidTenant, .invalidAccessToken, .deviceCodeNeedsTerminal, .invalidEndpoint:
            return ExitCode.usage
        case .azureCLINotFound, .azureCLIFailed, .azureCLITimedOut, .malformedTokenResponse, .tokenEndpointFailed, .transport:
            return ExitCode.unavailable
        case .azureCLINotLoggedIn, .tokenRequestRejected, .deviceCodeExpired, .deviceCodeDeclined:
            return ExitCode.permissionDenied
        }
    }
}
