import Foundation

extension Emulator {
    /// Finds the caller of a Graph request from its `Authorization` header.
    ///
    /// A missing header is accepted as the anonymous full-permission caller only when
    /// authentication is optional. A token that is sent must be known, unexpired and issued for Graph.
    func authenticate(_ request: HTTPRequest, baseURL: String) -> Result<Caller, GraphError> {
        guard let header = request.header("Authorization"), !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            if authMode == .optional {
                return .success(.anonymous)
            }
            return .failure(.invalidToken("The request has no bearer token: send 'Authorization: Bearer <token>'."))
        }
        let pieces = header.split(separator: " ", maxSplits: 1).map(String.init)
        guard pieces.count == 2, pieces[0].lowercased() == "bearer", !pieces[1].isEmpty else {
            return .failure(.invalidToken("The Authorization header is not of the form 'Bearer <token>'."))
        }
        guard let token = tokens.accessToken(pieces[1].trimmingCharacters(in: .whitespaces)) else {
            return .failure(.invalidToken("The access token was not issued by this tenant's token service and is not listed in its tenant file, so it cannot be validated."))
        }
        if let expiresAt = token.expiresAt, expiresAt < Date() {
            return .failure(.invalidToken("The access token has expired; request a new one."))
        }
        if let audience = token.audience, !isGraphAudience(audience, baseURL: baseURL) {
            return .failure(.invalidToken("The access token was issued for '\(audience)', not for Microsoft Graph; request a token for the Graph resource."))
        }
        return .success(token.caller)
    }

    /// Returns whether Graph accepts a token with this audience: Graph's resource URIs and app id,
    /// the names of the Graph service principal in the catalogue, or the emulator's own address.
    func isGraphAudience(_ audience: String, baseURL: String) -> Bool {
        let normalized = TokenAudience.normalize(audience)
        if TokenAudience.graphResources.contains(normalized) || normalized == TokenAudience.normalize(baseURL) {
            return true
        }
        for loopback in ["http://127.0.0.1", "http://localhost"] where normalized == loopback || normalized.hasPrefix(loopback + ":") {
            return true
        }
        let graphNames = store.catalogApp(appId: TokenAudience.graphAppId)?.servicePrincipalNames ?? []
        return graphNames.contains { TokenAudience.normalize($0) == normalized }
    }
}
