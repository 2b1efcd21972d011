import Foundation

/// The OAuth device authorization grant: the user signs in on another device with a code.
///
/// Interactive only: it needs a person to read the prompt, so it refuses to start when standard
/// input is not a terminal. The prompt goes to `presentPrompt`, which the CLI writes to stderr.
public struct DeviceCodeSource: TokenSource {
    /// Microsoft Graph Command Line Tools, a public client that any tenant can sign in to.
    public static let defaultClientId = WellKnownApps.graphCommandLineTools.appId
    /// The wait between polls when the server sends no interval, in seconds (RFC 8628).
    public static let defaultInterval: TimeInterval = 5
    /// The extra wait added after each `slow_down`, in seconds (RFC 8628).
    public static let slowDownIncrement: TimeInterval = 5

    public let kind = TokenSourceKind.deviceCode
    /// The tenant to sign in to; `organizations` lets any work or school account sign in.
    public var tenant: String
    public var clientId: String
    private let endpoints: GraphEndpoints
    private let client: TokenEndpointClient
    private let sleeper: any Sleeper
    private let presentPrompt: @Sendable (String) -> Void

    /// - Throws: `IdentityError.deviceCodeNeedsTerminal` when `standardInputIsTerminal` is false.
    public init(
        tenant: String?,
        clientId: String?,
        standardInputIsTerminal: Bool,
        endpoints: GraphEndpoints,
        sender: RetryingSender,
        presentPrompt: @escaping @Sendable (String) -> Void
    ) throws {
        guard standardInputIsTerminal else {
            throw IdentityError.deviceCodeNeedsTerminal
        }
        self.tenant = tenant ?? "organizations"
        self.clientId = clientId ?? Self.defaultClientId
        self.endpoints = endpoints
        self.client = TokenEndpointClient(sender: sender)
        self.sleeper = sender.sleeper
        self.presentPrompt = presentPrompt
    }

    public func fetchToken() async throws -> AccessToken {
        let authorization = try await requestDeviceCode()
        presentPrompt(authorization.message)

        let deadline = sleeper.now().addingTimeInterval(authorization.expiresIn)
        var interval = authorization.interval
        while true {
            try await sleeper.sleep(seconds: interval)
            if sleeper.now() >= deadline {
                throw IdentityError.deviceCodeExpired
            }

            let reply = try await client.postForm(
                url: endpoints.tokenURL(tenant: tenant),
                fields: [
                    ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                    ("client_id", clientId),
                    ("device_code", authorization.deviceCode),
                ],
                source: kind,
                secrets: [authorization.deviceCode]
            )
            switch reply {
            case .token(let token):
                return token
            case .error(_, "authorization_pending", _):
                continue
            case .error(_, "slow_down", _):
                interval += Self.slowDownIncrement
            case .error(_, "expired_token", _), .error(_, "code_expired", _):
                throw IdentityError.deviceCodeExpired
            case .error(_, "authorization_declined", _), .error(_, "access_denied", _):
                throw IdentityError.deviceCodeDeclined
            case .error(let status, let error, let description):
                throw IdentityError.tokenEndpointError(source: kind, host: authorityName, status: status, error: error, detail: description)
            }
        }
    }

    private struct Authorization {
        var deviceCode: String
        var message: String
        var expiresIn: TimeInterval
        var interval: TimeInterval
    }

    private var authorityName: String {
        CurlURL(endpoints.authorityHost)?.authority ?? endpoints.authorityHost
    }

    private func requestDeviceCode() async throws -> Authorization {
        let request = HTTPClientRequest(
            method: "POST",
            url: endpoints.deviceCodeURL(tenant: tenant),
            headers: [FormEncoding.contentType, HTTPHeader("Accept", "application/json")],
            body: FormEncoding.body([("client_id", clientId), ("scope", endpoints.graphDefaultScope)]),
            isIdempotent: true
        )
        let outcome = try await client.sender.send(request, label: "POST \(authorityName)/\(tenant)/oauth2/v2.0/devicecode")
        let response: HTTPClientResponse
        switch outcome.result {
        case .success(let received):
            response = received
        case .failure(let error):
            throw IdentityError.transport(source: kind, error)
        }

        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard response.isSuccess else {
            let description = (object?["error_description"] as? String).flatMap { SecretRedaction.summary($0, secrets: []) }
            throw IdentityError.tokenEndpointError(source: kind, host: authorityName, status: response.status, error: (object?["error"] as? String).map { SecretRedaction.cleaned($0, secrets: []) }, detail: description)
        }
        guard let object, let deviceCode = object["device_code"] as? String, let userCode = object["user_code"] as? String else {
            throw IdentityError.malformedTokenResponse(source: kind, host: authorityName, detail: "the device code response has no device_code or user_code")
        }

        let verificationURI = (object["verification_uri"] as? String) ?? (object["verification_url"] as? String) ?? "the sign-in page"
        let message = (object["message"] as? String) ?? "To sign in, open \(verificationURI) and enter the code \(userCode)."
        return Authorization(
            deviceCode: deviceCode,
            message: message,
            expiresIn: TokenEndpointReply.number(object["expires_in"]) ?? 900,
            interval: max(1, TokenEndpointReply.number(object["interval"]) ?? Self.defaultInterval)
        )
    }
}
