import Foundation

/// The emulated Entra token service and managed-identity endpoint:
/// `POST /{tenant}/oauth2/v2.0/token`, `POST /{tenant}/oauth2/v2.0/devicecode`,
/// `GET /{tenant}/v2.0/.well-known/openid-configuration`, `GET /msi/token` and `GET /devicelogin`.
final class TokenService: @unchecked Sendable {
    /// Per-request values for token-service responses.
    struct RequestIds {
        var traceId: String
        var correlationId: String
        var baseURL: String
    }

    let tenant: TenantFile
    let tokens: TokenStore
    let faults: FaultInjector
    let identifiers: IdentifierGenerator

    init(tenant: TenantFile, tokens: TokenStore, faults: FaultInjector, identifiers: IdentifierGenerator) {
        self.tenant = tenant
        self.tokens = tokens
        self.faults = faults
        self.identifiers = identifiers
    }

    /// Returns whether `path` belongs to this service rather than to Graph.
    static func serves(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix("/oauth2/v2.0/token") || lower.hasSuffix("/oauth2/v2.0/devicecode")
            || lower.hasSuffix("/v2.0/.well-known/openid-configuration") || lower == "/msi/token" || lower == "/devicelogin"
    }

    /// Serves a request for which `serves(_:)` is true.
    func handle(_ request: HTTPRequest, ids: RequestIds) -> HTTPResponse {
        let lower = request.path.lowercased()
        let tenantSegment = request.path.split(separator: "/").first.map(String.init) ?? ""
        let method = request.method.uppercased()
        do {
            switch true {
            case lower == "/msi/token" && method == "GET":
                return try managedIdentityToken(request, ids: ids)
            case lower == "/devicelogin" && method == "GET":
                return .text(200, "This emulator finishes device code sign-ins by itself, as its tenant file and faults say. There is nothing to enter here.\n")
            case lower.hasSuffix("/.well-known/openid-configuration") && method == "GET":
                try requireTenant(tenantSegment, allowTenantIndependent: true)
                return .json(200, openIdConfiguration(tenantSegment, baseURL: ids.baseURL))
            case lower.hasSuffix("/oauth2/v2.0/devicecode") && method == "POST":
                return try deviceAuthorization(request, tenantSegment: tenantSegment, ids: ids)
            case lower.hasSuffix("/oauth2/v2.0/token") && method == "POST":
                return try token(request, tenantSegment: tenantSegment, ids: ids)
            default:
                throw TokenServiceError(status: 405, error: "invalid_request", code: 900561, message: "The endpoint '\(request.path)' does not accept \(method) requests.")
            }
        } catch let error as TokenServiceError {
            return errorResponse(error, ids: ids)
        } catch let error as ManagedIdentityError {
            let body: JSONObject = ["statusCode": error.status, "message": error.message, "correlationId": ids.correlationId]
            return .json(error.status, body)
        } catch {
            return errorResponse(TokenServiceError(status: 500, error: "server_error", code: 90033, message: "The emulator failed: \(error)"), ids: ids)
        }
    }

    func errorResponse(_ error: TokenServiceError, ids: RequestIds) -> HTTPResponse {
        .json(error.status, error.body(traceId: ids.traceId, correlationId: ids.correlationId, baseURL: ids.baseURL), headers: [("Cache-Control", "no-store, no-cache")])
    }

    /// Checks the tenant segment: the tenant id, a verified domain or, where allowed, `common` or `organizations`.
    func requireTenant(_ segment: String, allowTenantIndependent: Bool) throws {
        let lower = segment.lowercased()
        if GUID.same(segment, tenant.tenantId) || tenant.domains.contains(where: { $0.name.lowercased() == lower }) {
            return
        }
        if allowTenantIndependent && (lower == "common" || lower == "organizations") {
            return
        }
        throw TokenServiceError.unknownTenant(segment)
    }

    private func openIdConfiguration(_ tenantSegment: String, baseURL: String) -> JSONObject {
        let root = "\(baseURL)/\(tenantSegment)"
        return [
            "issuer": "\(baseURL)/\(tenant.tenantId)/v2.0",
            "token_endpoint": "\(root)/oauth2/v2.0/token",
            "device_authorization_endpoint": "\(root)/oauth2/v2.0/devicecode",
            "authorization_endpoint": "\(root)/oauth2/v2.0/authorize",
            "jwks_uri": "\(root)/discovery/v2.0/keys",
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "grant_types_supported": ["client_credentials", "urn:ietf:params:oauth:grant-type:device_code", "refresh_token"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "tenant_region_scope": "EU",
        ]
    }

    /// Returns the token response body with a new access token, and a refresh token when asked for.
    func tokenResponse(caller: Caller, audience: String, scopes: [String], refreshClientId: String?) -> JSONObject {
        var body: JSONObject = [
            "token_type": "Bearer",
            "expires_in": TokenStore.accessTokenLifetime,
            "ext_expires_in": TokenStore.accessTokenLifetime,
            "access_token": tokens.issueAccessToken(for: caller, audience: audience),
        ]
        if !scopes.isEmpty {
            body["scope"] = scopes.filter { !TokenAudience.openIdScopes.contains($0.lowercased()) }.joined(separator: " ")
        }
        if let refreshClientId, scopes.contains(where: { $0.lowercased() == "offline_access" }) {
            body["refresh_token"] = tokens.issueRefreshToken(for: caller, clientId: refreshClientId)
        }
        return body
    }
}
