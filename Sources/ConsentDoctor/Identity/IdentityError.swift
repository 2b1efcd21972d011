/// A failure to obtain a Graph token.
///
/// Descriptions contain no token or secret of the request. Text that a server or `az` returned
/// passes through `SecretRedaction` before it gets here, which removes the secrets of the request
/// and masks anything else that `SecretMasker` recognises as a credential.
public enum IdentityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No source applies in automatic mode.
    case noSourceApplies
    /// The chosen source lacks settings, such as environment variables.
    case missingSettings(source: TokenSourceKind, names: [String])
    /// A `--tenant` value that is neither a GUID, a domain name nor `organizations`.
    case invalidTenant(String)
    /// The `--access-token` or `CONSENT_DOCTOR_ACCESS_TOKEN` value is empty or contains spaces.
    case invalidAccessToken
    case azureCLINotFound
    case azureCLINotLoggedIn(tenant: String?)
    case azureCLIFailed(status: Int32, detail: String?)
    case azureCLITimedOut(seconds: Int)
    /// The token or managed identity endpoint returned an error.
    case tokenRequestRejected(source: TokenSourceKind, host: String, status: Int, error: String?, detail: String?)
    /// A token response without a token, or not in the expected JSON form.
    case malformedTokenResponse(source: TokenSourceKind, host: String, detail: String)
    case deviceCodeNeedsTerminal
    case deviceCodeExpired
    case deviceCodeDeclined
    /// No response arrived from the token endpoint.
    case transport(source: TokenSourceKind, TransportError)
    /// A token endpoint from the environment, such as `IDENTITY_ENDPOINT`, cannot be used.
    case invalidEndpoint(EndpointError)

    public var description: String {
        switch self {
        case .noSourceApplies:
            return "No way to get a Microsoft Graph token was found. Set CONSENT_DOCTOR_ACCESS_TOKEN to a token (or pass --access-token); set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET; run inside Azure with a managed identity (IDENTITY_ENDPOINT and IDENTITY_HEADER); install the Azure CLI and run 'az login'; or run in a terminal with --auth device-code."
        case .missingSettings(let source, let names):
            return "--auth \(source) needs \(names.joined(separator: ", ")), which \(names.count == 1 ? "is" : "are") not set. Set \(names.count == 1 ? "it" : "them") or choose another --auth source."
        case .invalidTenant(let value):
            return "The tenant '\(value)' is not a tenant id (GUID), a domain name or 'organizations'. Pass --tenant with the directory's tenant id or primary domain."
        case .invalidAccessToken:
            return "The access token given is empty or contains white space. Pass the bare token, without 'Bearer '."
        case .azureCLINotFound:
            return "The Azure CLI ('az') was not found on PATH. Install it and run 'az login', or choose another --auth source."
        case .azureCLINotLoggedIn(let tenant):
            let option = tenant.map { " --tenant \($0)" } ?? ""
            return "The Azure CLI is not signed in\(tenant.map { " to tenant \($0)" } ?? ""). Run 'az login\(option)' and try again."
        case .azureCLIFailed(let status, let detail):
            let reason = detail.map { ": \($0)" } ?? "."
            return "'az account get-access-token' failed with exit status \(status)\(reason) Run it yourself to see the whole message, or choose another --auth source."
        case .azureCLITimedOut(let seconds):
            return "'az account get-access-token' did not finish within \(seconds) s. Run it yourself to see what it waits for, or choose another --auth source."
        case .tokenRequestRejected(let source, let host, let status, let error, let detail):
            let code = error.map { " (\($0))" } ?? ""
            let reason = detail.map { ": \($0)" } ?? "."
            return "The \(Self.name(of: source)) token request to \(host) failed with status \(status)\(code)\(reason) Check the \(Self.settings(of: source))."
        case .malformedTokenResponse(let source, let host, let detail):
            return "The \(Self.name(of: source)) token response from \(host) could not be read: \(detail). Check that the endpoint is the right one."
        case .deviceCodeNeedsTerminal:
            return "Device code sign-in needs an interactive terminal, but standard input is not one. When running unattended, use --access-token, --auth environment, --auth managed-identity or --auth azure-cli."
        case .deviceCodeExpired:
            return "The device code expired before sign-in finished. Run the command again and complete sign-in within the time shown."
        case .deviceCodeDeclined:
            return "Sign-in with the device code was declined. Run the command again and accept the request, or choose another --auth source."
        case .transport(let source, let error):
            return "The \(Self.name(of: source)) token request failed. \(error.description)"
        case .invalidEndpoint(let error):
            return error.description
        }
    }

    private static func name(of source: TokenSourceKind) -> String {
        switch source {
        case .accessToken: "access token"
        case .environment: "client credentials"
        case .managedIdentity: "managed identity"
        case .azureCLI: "Azure CLI"
        case .deviceCode: "device code"
        }
    }

    private static func settings(of source: TokenSourceKind) -> String {
        switch source {
        case .environment: "tenant id, client id and client secret in AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET"
        case .managedIdentity: "managed identity settings in IDENTITY_ENDPOINT, IDENTITY_HEADER and AZURE_CLIENT_ID"
        case .deviceCode: "tenant and client id, and whether the tenant allows the app to sign in"
        case .accessToken, .azureCLI: "sign-in settings"
        }
    }
}
