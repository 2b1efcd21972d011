import Foundation

/// The token endpoint's grant types and the device authorization endpoint.
extension TokenService {
    func token(_ request: HTTPRequest, tenantSegment: String, ids: RequestIds) throws -> HTTPResponse {
        let form = FormBody.parse(request.body)
        guard let grantType = form["grant_type"], !grantType.isEmpty else {
            throw TokenServiceError.missingParameter("grant_type")
        }
        switch grantType {
        case "client_credentials":
            try requireTenant(tenantSegment, allowTenantIndependent: false)
            return try clientCredentials(form, tenantSegment: tenantSegment)
        case "urn:ietf:params:oauth:grant-type:device_code", "device_code":
            try requireTenant(tenantSegment, allowTenantIndependent: true)
            return try deviceCodeToken(form)
        case "refresh_token":
            try requireTenant(tenantSegment, allowTenantIndependent: true)
            return try refresh(form)
        default:
            throw TokenServiceError(status: 400, error: "unsupported_grant_type", code: 70003, message: "The grant type '\(grantType)' is not supported by this emulator.")
        }
    }

    private func clientCredentials(_ form: [String: String], tenantSegment: String) throws -> HTTPResponse {
        guard let clientId = form["client_id"], !clientId.isEmpty else {
            throw TokenServiceError.missingParameter("client_id")
        }
        guard let scope = form["scope"], !scope.isEmpty else {
            throw TokenServiceError.missingParameter("scope")
        }
        let scopes = scope.split(separator: " ").map(String.init)
        guard scopes.count == 1, scopes[0].hasSuffix("/.default") else {
            throw TokenServiceError(status: 400, error: "invalid_scope", code: 1_002_012, message: "The scope '\(scope)' is not valid for the client credentials flow: send one resource with '/.default' at the end.")
        }
        guard let identity = tenant.identities.first(where: { $0.clientCredentials.map { GUID.same($0.clientId, clientId) } ?? false }),
              let credentials = identity.clientCredentials else {
            throw TokenServiceError.unknownClient(clientId, tenant: tenantSegment)
        }
        if form["client_assertion"] != nil {
            throw TokenServiceError(status: 400, error: "invalid_request", code: 900023, message: "Certificate credentials (client_assertion) are not supported by this emulator; send client_secret.")
        }
        guard let secret = form["client_secret"], !secret.isEmpty else {
            throw TokenServiceError(status: 401, error: "invalid_client", code: 7_000_218, message: "The request body must contain 'client_secret' or 'client_assertion'.")
        }
        guard secret == credentials.clientSecret else {
            throw TokenServiceError(status: 401, error: "invalid_client", code: 7_000_215, message: "The client secret sent for app '\(clientId)' is not valid. Check that the secret value, not the secret id, was sent.")
        }
        let body = tokenResponse(caller: Caller(identity, kind: .application), audience: TokenAudience.audience(forScopes: scopes), scopes: [], refreshClientId: nil)
        return .json(200, body, headers: [("Cache-Control", "no-store, no-cache")])
    }

    func deviceAuthorization(_ request: HTTPRequest, tenantSegment: String, ids: RequestIds) throws -> HTTPResponse {
        try requireTenant(tenantSegment, allowTenantIndependent: true)
        let form = FormBody.parse(request.body)
        guard let clientId = form["client_id"], !clientId.isEmpty else {
            throw TokenServiceError.missingParameter("client_id")
        }
        guard let scope = form["scope"], !scope.isEmpty else {
            throw TokenServiceError.missingParameter("scope")
        }
        let candidates = tenant.identities.filter { identity in
            guard let deviceCode = identity.deviceCode else {
                return false
            }
            let clientIds = deviceCode.clientIds ?? []
            return clientIds.isEmpty || clientIds.contains { GUID.same($0, clientId) }
        }
        guard let identity = candidates.first, let settings = identity.deviceCode else {
            throw TokenServiceError.unknownClient(clientId, tenant: tenantSegment)
        }

        let overrides = faults.deviceCodeOverrides
        let session = DeviceCodeSession(
            caller: Caller(identity, kind: .user),
            clientId: clientId,
            scopes: scope.split(separator: " ").map(String.init),
            slowDownPollsLeft: overrides.slowDownPolls ?? settings.slowDownPolls ?? 0,
            pendingPollsLeft: overrides.pendingPolls ?? settings.pendingPolls ?? 1,
            outcome: overrides.outcome ?? settings.outcome ?? "approved"
        )
        let userCode = identifiers.code(length: 9, alphabet: "ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let verificationURI = "\(ids.baseURL)/devicelogin"
        let body: JSONObject = [
            "user_code": userCode,
            "device_code": tokens.startDeviceCode(session),
            "verification_uri": verificationURI,
            "expires_in": settings.expiresIn ?? 900,
            "interval": settings.interval ?? 5,
            "message": "To sign in, open \(verificationURI) in a web browser and enter the code \(userCode).",
        ]
        return .json(200, body, headers: [("Cache-Control", "no-store, no-cache")])
    }

    private func deviceCodeToken(_ form: [String: String]) throws -> HTTPResponse {
        guard let deviceCode = form["device_code"] ?? form["code"], !deviceCode.isEmpty else {
            throw TokenServiceError.missingParameter("device_code")
        }
        switch tokens.pollDeviceCode(deviceCode) {
        case .unknown:
            throw TokenServiceError.invalidGrant("The device code is not one this tenant issued, or it was already redeemed.")
        case .slowDown:
            throw TokenServiceError(status: 400, error: "slow_down", code: nil, message: "The client is polling too often; wait longer between polls.")
        case .pending:
            throw TokenServiceError(status: 400, error: "authorization_pending", code: 70016, message: "The user has not finished signing in yet; keep polling at the announced interval.")
        case .declined:
            // NOTE: Entra's AADSTS number for a declined device code sign-in is unconfirmed; 70000
            // is a stand-in, and clients should branch on the `error` value instead.
            throw TokenServiceError(status: 400, error: "authorization_declined", code: 70000, message: "The user declined the sign-in request.")
        case .expired:
            throw TokenServiceError(status: 400, error: "expired_token", code: 70019, message: "The device code has expired; start a new sign-in.")
        case .approved(let session):
            let body = tokenResponse(caller: session.caller, audience: TokenAudience.audience(forScopes: session.scopes), scopes: session.scopes, refreshClientId: session.clientId)
            return .json(200, body, headers: [("Cache-Control", "no-store, no-cache")])
        }
    }

    private func refresh(_ form: [String: String]) throws -> HTTPResponse {
        guard let refreshToken = form["refresh_token"], !refreshToken.isEmpty else {
            throw TokenServiceError.missingParameter("refresh_token")
        }
        guard let grant = tokens.refreshToken(refreshToken) else {
            throw TokenServiceError.invalidGrant("The refresh token is not one this tenant issued.")
        }
        let scopes = (form["scope"] ?? "").split(separator: " ").map(String.init)
        let body = tokenResponse(caller: grant.caller, audience: TokenAudience.audience(forScopes: scopes), scopes: scopes, refreshClientId: grant.clientId)
        return .json(200, body, headers: [("Cache-Control", "no-store, no-cache")])
    }
}
