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
    /// The token or managed identity endpoint rejected the request, such as 400 or 401 with
    /// `invalid_client` or `invalid_grant`: the credentials or settings are wrong.
    case tokenRequestRejected(source: TokenSourceKind, host: String, status: Int, error: String?, detail: String?)
    /// The token or managed identity endpoint failed on its own side or is not there: a redirect,
    /// 404, 405 or 410, 429 after the retries, or a 5xx status. See `isEndpointFailure(status:)`.
    case tokenEndpointFailed(source: TokenSourceKind, host: String, status: Int, error: String?, detail: String?)
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
        case .tokenEndpointFailed(let source, let host, let status, let error, let detail):
            return Self.endpointFailureSentence(source: source, host: host, status: status, error: error, detail: detail)
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

    /// Returns whether an error status from a token endpoint means that the endpoint failed or is
    /// missing, rather than that it rejected the credentials. Such statuses are a redirect, 404,
    /// 405 or 410 (no token endpoint at that URL), 429 (still throttled after the retries) and any
    /// 5xx status. Entra ID rejects credentials with 400 or 401 and an OAuth `error` such as
    /// `invalid_client`.
    public static func isEndpointFailure(status: Int) -> Bool {
        switch status {
        case 300..<400, 404, 405, 410, 429, 500..<600:
            return true
        default:
            return false
        }
    }

    /// Returns the error for a token endpoint's error reply: `tokenEndpointFailed` when the status
    /// shows that the endpoint failed or is missing, otherwise `tokenRequestRejected`.
    static func tokenEndpointError(source: TokenSourceKind, host: String, status: Int, error: String?, detail: String?) -> IdentityError {
        if isEndpointFailure(status: status) {
            return .tokenEndpointFailed(source: source, host: host, status: status, error: error, detail: detail)
        }
        return .tokenRequestRejected(source: source, host: host, status: status, error: error, detail: detail)
    }

    private static func endpointFailureSentence(source: TokenSourceKind, host: String, status: Int, error: String?, detail: String?) -> String {
        let code = error.map { " (\($0))" } ?? ""
        let reason = detail.map { ": \($0)" } ?? ""
        let request = "The \(name(of: source)) token endpoint at \(host)"
        let setting = endpointSetting(of: source)
        switch status {
        case 300..<400:
            return "\(request) answered with a redirect (status \(status)) instead of a token. consent-doctor does not follow redirects, so a credential never goes to a second host. Check that \(setting) names the token endpoint itself."
        case 404, 405, 410:
            return "\(request) failed with status \(status)\(code)\(reason), so no token endpoint answers at that URL. Check \(setting)."
        default:
            return "\(request) failed on its side with status \(status)\(code)\(reason). Run the command again later, and if it keeps failing, check \(setting)."
        }
    }

    /// Returns the settings that decide where a source's token endpoint is.
    private static func endpointSetting(of source: TokenSourceKind) -> String {
        switch source {
        case .managedIdentity: "IDENTITY_ENDPOINT"
        case .environment, .deviceCode, .accessToken, .azureCLI: "--authority-host and AZURE_AUTHORITY_HOST"
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
