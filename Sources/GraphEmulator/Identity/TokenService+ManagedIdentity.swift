import Foundation

/// An error from the managed-identity endpoint, sent as App Service's `{statusCode, message, correlationId}`.
struct ManagedIdentityError: Error {
    var status: Int
    var message: String
}

extension TokenService {
    /// The only api-version the App Service style endpoint accepts.
    static let managedIdentityAPIVersion = "2019-08-01"

    /// Serves `GET /msi/token?api-version=2019-08-01&resource=…`, the endpoint that
    /// `IDENTITY_ENDPOINT` names, checking the `X-IDENTITY-HEADER` secret.
    func managedIdentityToken(_ request: HTTPRequest, ids: RequestIds) throws -> HTTPResponse {
        guard let header = request.header("X-IDENTITY-HEADER"), !header.isEmpty else {
            throw ManagedIdentityError(status: 400, message: "The X-IDENTITY-HEADER header is missing; send the IDENTITY_HEADER value.")
        }
        guard request.queryValue("api-version") == Self.managedIdentityAPIVersion else {
            throw ManagedIdentityError(status: 400, message: "The api-version must be \(Self.managedIdentityAPIVersion); got '\(request.queryValue("api-version") ?? "")'.")
        }
        guard let resource = request.queryValue("resource"), !resource.isEmpty else {
            throw ManagedIdentityError(status: 400, message: "The 'resource' query parameter is missing.")
        }

        let withHeader = tenant.identities.filter { $0.managedIdentity?.identityHeader == header }
        guard !withHeader.isEmpty else {
            throw ManagedIdentityError(status: 401, message: "The X-IDENTITY-HEADER value does not match this environment's identity header.")
        }
        let requestedClientId = request.queryValue("client_id")
        let identity: TenantFile.Identity
        if let requestedClientId {
            guard let match = withHeader.first(where: { $0.managedIdentity?.clientId.map { GUID.same($0, requestedClientId) } ?? false }) else {
                throw ManagedIdentityError(status: 400, message: "No managed identity with client_id '\(requestedClientId)' is assigned to this environment.")
            }
            identity = match
        } else {
            identity = withHeader[0]
        }

        let expiresOn = Int(Date().timeIntervalSince1970) + TokenStore.accessTokenLifetime
        let body: JSONObject = [
            "access_token": tokens.issueAccessToken(for: Caller(identity, kind: .managedIdentity), audience: resource),
            "expires_on": String(expiresOn),
            "resource": resource,
            "token_type": "Bearer",
            "client_id": identity.managedIdentity?.clientId ?? "",
        ]
        return .json(200, body)
    }
}
