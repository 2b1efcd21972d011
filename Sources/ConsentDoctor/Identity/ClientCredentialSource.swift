/// The OAuth client credentials grant with a client secret, for a service principal.
public struct ClientCredentialSource: TokenSource {
    public let kind = TokenSourceKind.environment
    public var tenant: String
    public var clientId: String
    private let clientSecret: String
    private let endpoints: GraphEndpoints
    private let client: TokenEndpointClient

    public init(tenant: String, clientId: String, clientSecret: String, endpoints: GraphEndpoints, sender: RetryingSender) {
        self.tenant = tenant
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.endpoints = endpoints
        self.client = TokenEndpointClient(sender: sender)
    }

    public func fetchToken() async throws -> AccessToken {
        let reply = try await client.postForm(
            url: endpoints.tokenURL(tenant: tenant),
            fields: [
                ("grant_type", "client_credentials"),
                ("client_id", clientId),
                ("client_secret", clientSecret),
                ("scope", endpoints.graphDefaultScope),
            ],
            source: kind,
            secrets: [clientSecret]
        )
        switch reply {
        case .token(var token):
            token.tenantId = token.tenantId ?? Identifiers.normalizedGUID(tenant)
            return token
        case .error(let status, let error, let description):
            throw IdentityError.tokenEndpointError(source: kind, host: CurlURL(endpoints.authorityHost)?.authority ?? endpoints.authorityHost, status: status, error: error, detail: description)
        }
    }
}
