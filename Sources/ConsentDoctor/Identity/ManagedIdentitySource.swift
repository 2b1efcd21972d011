import Foundation

/// A managed identity token from the endpoint in `IDENTITY_ENDPOINT`, as Azure App Service,
/// Functions, Container Apps and Arc provide it (API version 2019-08-01).
///
/// The endpoint is only ever the configured one. The instance metadata address that other
/// libraries fall back to is never contacted.
public struct ManagedIdentitySource: TokenSource {
    public static let apiVersion = "2019-08-01"

    public let kind = TokenSourceKind.managedIdentity
    public var endpoint: String
    /// The client id of a user-assigned identity, or nil for the system-assigned one.
    public var clientId: String?
    private let identityHeader: String
    private let endpoints: GraphEndpoints
    private let client: TokenEndpointClient

    public init(endpoint: String, identityHeader: String, clientId: String?, endpoints: GraphEndpoints, sender: RetryingSender) {
        self.endpoint = endpoint
        self.identityHeader = identityHeader
        self.clientId = clientId
        self.endpoints = endpoints
        self.client = TokenEndpointClient(sender: sender)
    }

    public func fetchToken() async throws -> AccessToken {
        var query = [("api-version", Self.apiVersion), ("resource", endpoints.graphResource)]
        if let clientId {
            query.append(("client_id", clientId))
        }
        let separator = endpoint.contains("?") ? "&" : "?"
        let url = endpoint + separator + query.map { "\($0)=\(FormEncoding.encode($1))" }.joined(separator: "&")

        // The identity header is a secret. Hosting platforms serve this endpoint over plain http
        // on loopback or link-local addresses, which never leave the machine or its host.
        let request = HTTPClientRequest(
            method: "GET",
            url: url,
            headers: [HTTPHeader("X-IDENTITY-HEADER", identityHeader), HTTPHeader("Accept", "application/json")],
            containsSecret: true,
            plainHTTPAllowance: .loopbackOrLinkLocal
        )
        switch try await client.send(request, source: kind, secrets: [identityHeader]) {
        case .token(let token):
            return token
        case .error(let status, let error, let description):
            throw IdentityError.tokenEndpointError(source: kind, host: CurlURL(endpoint)?.authority ?? endpoint, status: status, error: error, detail: description)
        }
    }
}
