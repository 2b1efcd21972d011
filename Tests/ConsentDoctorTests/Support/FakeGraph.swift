import Foundation
import GraphEmulator

/// A canned response: status, extra headers and a JSON body (nil for none).
struct CannedResponse: @unchecked Sendable {
    var status: Int
    var headers: [String: String] = [:]
    var body: Any?
}

/// A small stand-in for Microsoft Graph v1.0 that responds to the reads the tool makes, directly and
/// inside `$batch`, with Graph-shaped JSON. Tests inject faults per path with `fault`.
final class FakeGraph: @unchecked Sendable {
    struct Tenant {
        var organizationId = "72f988bf-86f1-41af-91ab-2d7cd011db47"
        var verifiedDomains = ["contoso.onmicrosoft.com", "contoso.com"]
        var servicePrincipals: [[String: Any]] = []
        var grants: [[String: Any]] = []
        var authorizationPolicy: [String: Any] = [
            "id": "authorizationPolicy",
            "defaultUserRolePermissions": ["permissionGrantPoliciesAssigned": ["ManagePermissionGrantsForSelf.microsoft-user-default-legacy"]],
        ]
        var adminConsentRequestPolicy: [String: Any] = ["isEnabled": true, "reviewers": [["query": "/users/1"], ["query": "/users/2"]]]
        /// Grants per page. When smaller than the grant count, the response pages with nextLink.
        var grantPageSize = 100
        /// Whether a filter on a client id with no grants returns 404, as Graph does.
        var notFoundForUnknownGrantClient = true
    }

    /// The path (with `/v1.0`, percent-decoded, without query) and how often that exact target
    /// (path and query) was asked before, 0 for the first time.
    struct FaultContext {
        var method: String
        var path: String
        var target: String
        var previousRequests: Int
        var insideBatch: Bool
    }

    private let state: Locked<(tenant: Tenant, counts: [String: Int], requestNumber: Int)>
    /// Returns a response to use instead of the normal one, or nil for the normal one.
    var fault: @Sendable (FaultContext) -> CannedResponse? = { _ in nil }
    /// Reverses the order of `$batch` responses, as Graph may return them in any order.
    var reverseBatchResponses = false
    /// The root that nextLinks point at, such as `http://127.0.0.1:PORT`.
    var root = ""

    init(_ tenant: Tenant = Tenant()) {
        state = Locked((tenant, [:], 0))
    }

    func update(_ change: (inout Tenant) -> Void) {
        state.withValue { change(&$0.tenant) }
    }

    /// Starts a server for this fake and sets `root`.
    func start() throws -> TestServer {
        let server = try TestServer { [self] request in handle(request) }
        root = server.rootURL
        return server
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        if request.method == "POST" && request.path == "/v1.0/$batch" {
            if let answer = injectedFault(for: request, insideBatch: false) {
                return response(answer)
            }
            return batch(request)
        }
        return response(answer(request, insideBatch: false))
    }

    private func batch(_ request: HTTPRequest) -> HTTPResponse {
        guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
              let items = object["requests"] as? [[String: Any]]
        else {
            return response(Self.error(400, "BadRequest", "Invalid batch payload."))
        }
        var answers: [[String: Any]] = []
        for item in items {
            let id = item["id"] as? String ?? ""
            let method = item["method"] as? String ?? "GET"
            let url = item["url"] as? String ?? ""
            var body = Data()
            if let itemBody = item["body"] {
                body = (try? JSONSerialization.data(withJSONObject: itemBody)) ?? Data()
            }
            let inner = HTTPRequest(method: method, target: "/v1.0" + url, body: body)
            let answer = answer(inner, insideBatch: true)
            var entry: [String: Any] = ["id": id, "status": answer.status, "headers": answer.headers.merging(["Content-Type": "application/json"]) { old, _ in old }]
            if let body = answer.body {
                entry["body"] = body
            }
            answers.append(entry)
        }
        if reverseBatchResponses {
            answers.reverse()
        }
        return response(CannedResponse(status: 200, body: ["responses": answers]))
    }

    private func injectedFault(for request: HTTPRequest, insideBatch: Bool) -> CannedResponse? {
        let previous = state.withValue { value -> Int in
            let count = value.counts[request.target, default: 0]
            value.counts[request.target] = count + 1
            return count
        }
        return fault(FaultContext(method: request.method, path: request.path, target: request.target, previousRequests: previous, insideBatch: insideBatch))
    }

    private func answer(_ request: HTTPRequest, insideBatch: Bool) -> CannedResponse {
        if let injected = injectedFault(for: request, insideBatch: insideBatch) {
            return injected
        }
        let tenant = state.current.tenant
        let filter = request.queryValue("$filter").flatMap(Self.equalityFilter)

        switch (request.method, request.path) {
        case ("GET", "/v1.0/servicePrincipals"):
            let matches = tenant.servicePrincipals.filter { principal in
                guard let filter else { return true }
                return (principal[filter.property] as? String)?.lowercased() == filter.value.lowercased()
            }
            return CannedResponse(status: 200, body: ["@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals", "value": matches])

        case ("GET", "/v1.0/oauth2PermissionGrants"):
            let matches = tenant.grants.filter { grant in
                guard let filter else { return true }
                return (grant[filter.property] as? String)?.lowercased() == filter.value.lowercased()
            }
            let clientKnown = tenant.servicePrincipals.contains { ($0["id"] as? String)?.lowercased() == filter?.value.lowercased() }
            if matches.isEmpty && !clientKnown && tenant.notFoundForUnknownGrantClient && filter?.property == "clientId" {
                return Self.error(404, "Request_ResourceNotFound", "Resource '\(filter?.value ?? "")' does not exist or one of its queried reference-property objects are not present.")
            }
            let skip = Int(request.queryValue("$skiptoken") ?? "") ?? 0
            let page = Array(matches.dropFirst(skip).prefix(tenant.grantPageSize))
            var body: [String: Any] = ["value": page]
            if skip + page.count < matches.count {
                let filterText = GraphPathForTests.encode(request.queryValue("$filter") ?? "")
                body["@odata.nextLink"] = "\(root)/v1.0/oauth2PermissionGrants?$filter=\(filterText)&$skiptoken=\(skip + page.count)"
            }
            return CannedResponse(status: 200, body: body)

        case ("GET", "/v1.0/policies/authorizationPolicy"):
            return CannedResponse(status: 200, body: tenant.authorizationPolicy)

        case ("GET", "/v1.0/policies/adminConsentRequestPolicy"):
            return CannedResponse(status: 200, body: tenant.adminConsentRequestPolicy)

        case ("GET", "/v1.0/organization"):
            let domains = tenant.verifiedDomains.map { ["name": $0] }
            return CannedResponse(status: 200, body: ["value": [["id": tenant.organizationId, "verifiedDomains": domains]]])

        default:
            return Self.error(400, "BadRequest", "Resource not found for the segment '\(request.path)'.")
        }
    }

    private func response(_ answer: CannedResponse) -> HTTPResponse {
        let number = state.withValue { value -> Int in
            value.requestNumber += 1
            return value.requestNumber
        }
        var headers: [(name: String, value: String)] = [("request-id", "outer-\(number)")]
        headers += answer.headers.map { ($0.key, $0.value) }
        guard let body = answer.body else {
            return HTTPResponse(status: answer.status, headers: headers)
        }
        return HTTPResponse.json(answer.status, body, headers: headers)
    }

    /// Reads `property eq 'value'`, the only filter form the tool sends.
    static func equalityFilter(_ text: String) -> (property: String, value: String)? {
        let parts = text.components(separatedBy: " eq ")
        guard parts.count == 2, parts[1].hasPrefix("'"), parts[1].hasSuffix("'") else {
            return nil
        }
        return (parts[0].trimmingCharacters(in: .whitespaces), String(parts[1].dropFirst().dropLast()))
    }

    /// Returns a Graph error response with an inner request id.
    static func error(_ status: Int, _ code: String, _ message: String, requestId: String = "inner-request-id", headers: [String: String] = [:]) -> CannedResponse {
        CannedResponse(status: status, headers: headers, body: [
            "error": [
                "code": code,
                "message": message,
                "innerError": ["date": "2026-01-05T10:00:00", "request-id": requestId, "client-request-id": requestId],
            ],
        ])
    }
}

enum GraphPathForTests {
    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~'"))) ?? value
    }
}

/// Graph-shaped service principals and grants for the RedisInsight profile.
enum SampleTenant {
    static let clientObjectId = "0a1b2c3d-0000-4000-8000-000000000001"
    static let redisObjectId = "0a1b2c3d-0000-4000-8000-000000000002"
    static let armObjectId = "0a1b2c3d-0000-4000-8000-000000000003"
    static let graphObjectId = "0a1b2c3d-0000-4000-8000-000000000004"

    static func servicePrincipal(id: String, appId: String, name: String, scopes: [String] = []) -> [String: Any] {
        [
            "id": id,
            "appId": appId,
            "displayName": name,
            "accountEnabled": true,
            "appRoleAssignmentRequired": false,
            "disabledByMicrosoftStatus": NSNull(),
            "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
            "servicePrincipalNames": [appId],
            "replyUrls": [],
            "oauth2PermissionScopes": scopes.enumerated().map { index, value in
                ["id": "00000000-0000-4000-8000-00000000000\(index)", "value": value, "type": "User", "isEnabled": true, "adminConsentDisplayName": "Access \(name)"]
            },
        ]
    }

    static func grant(id: String, clientId: String = clientObjectId, resourceId: String, scope: String, consentType: String = "AllPrincipals", principalId: String? = nil) -> [String: Any] {
        var grant: [String: Any] = ["id": id, "clientId": clientId, "resourceId": resourceId, "scope": scope, "consentType": consentType]
        grant["principalId"] = principalId ?? NSNull()
        return grant
    }

    /// Returns a tenant where RedisInsight and every resource exist and the client has two grants.
    static func complete() -> FakeGraph.Tenant {
        var tenant = FakeGraph.Tenant()
        tenant.servicePrincipals = [
            servicePrincipal(id: clientObjectId, appId: "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0", name: "Redis Insight"),
            servicePrincipal(id: redisObjectId, appId: "acca5fbb-b7e4-4009-81f1-37e38fd66d78", name: "AzureRedisCacheAadApp", scopes: ["user_impersonation"]),
            servicePrincipal(id: armObjectId, appId: "797f4846-ba00-4fd7-ba43-dac1f8f63013", name: "Windows Azure Service Management API", scopes: ["user_impersonation"]),
            servicePrincipal(id: graphObjectId, appId: "00000003-0000-0000-c000-000000000000", name: "Microsoft Graph", scopes: ["openid", "profile", "offline_access", "User.Read"]),
        ]
        tenant.grants = [
            grant(id: "grant-redis", resourceId: redisObjectId, scope: "user_impersonation"),
            grant(id: "grant-graph", resourceId: graphObjectId, scope: "openid profile offline_access"),
        ]
        return tenant
    }
}
