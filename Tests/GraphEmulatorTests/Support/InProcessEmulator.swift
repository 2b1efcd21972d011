import Foundation
import GraphEmulator
import TestSupport

/// Well-known values from the tenant fixtures.
enum Fixture {
    static let clientAppId = "61f3d82d-2bf3-432a-ba1b-c056e4cf0fd0"
    static let redisAppId = "acca5fbb-b7e4-4009-81f1-37e38fd66d78"
    static let armAppId = "797f4846-ba00-4fd7-ba43-dac1f8f63013"
    static let graphAppId = "00000003-0000-0000-c000-000000000000"
    static let azureCLIAppId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"
    static let healthyTenantId = "2b7e4f10-9c3d-4a85-b6e1-0d8f5a2c9e41"
    static let adminToken = "static-admin-token"
    static let readerToken = "static-reader-token"
    static let noAccessToken = "static-no-access-token"
    static let checkerClientId = "8d2f6a41-5c7e-4b09-9e13-a4f0c6b2d857"
    static let checkerSecret = "checker-app-secret"
    static let fixerClientId = "b7e05c92-1a3d-4f68-8c2b-6e9d0f4a1c73"
    static let fixerSecret = "fixer-app-secret"
    static let identityHeader = "managed-identity-header"
    static let managedIdentityClientId = "3c9a1e57-8f2b-4d60-b4a7-0e5d2c8f6b19"
    static let tenantNames = [
        "healthy", "nothing-consented", "redis-sp-missing", "redis-grant-missing", "grant-without-user-impersonation",
        "client-disabled", "assignment-required", "user-consent-disabled-no-graph-grant", "only-per-user-grants",
        "consent-in-other-tenant",
    ]

    static func tenant(_ name: String) throws -> TenantFile {
        try TenantFile.load(from: PackagePaths.fixture("tenants/\(name).json"))
    }
}

/// A response from `Emulator.handle(_:)`, with JSON helpers.
struct Reply {
    var response: HTTPResponse

    var status: Int {
        response.status
    }

    var text: String {
        String(decoding: response.body, as: UTF8.self)
    }

    var json: [String: Any] {
        ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]) ?? [:]
    }

    /// The `value` array of a collection response.
    var values: [[String: Any]] {
        json["value"] as? [[String: Any]] ?? []
    }

    /// The `error.code` of a Graph error body.
    var errorCode: String? {
        (json["error"] as? [String: Any])?["code"] as? String
    }

    var errorMessage: String? {
        (json["error"] as? [String: Any])?["message"] as? String
    }

    func header(_ name: String) -> String? {
        response.headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// An emulator driven in-process through `handle(_:)`, without sockets.
struct InProcessEmulator {
    let emulator: Emulator

    init(tenant: String = "healthy", auth: Emulator.AuthMode = .required, faults: [String] = []) throws {
        let rules = try faults.map(FaultRule.parse)
        emulator = Emulator(configuration: .init(tenant: try Fixture.tenant(tenant), authMode: auth, faults: rules))
        emulator.baseURL = "http://127.0.0.1:9"
    }

    /// Sends a request; `body` is serialised as JSON unless it is `Data` already.
    func send(_ method: String, _ target: String, token: String? = Fixture.adminToken, body: Any? = nil, headers: [(name: String, value: String)] = []) -> Reply {
        var allHeaders = headers
        if let token {
            allHeaders.append(("Authorization", "Bearer \(token)"))
        }
        var data = Data()
        if let body {
            if let raw = body as? Data {
                data = raw
            } else {
                data = try! JSONSerialization.data(withJSONObject: body)
                allHeaders.append(("Content-Type", "application/json"))
            }
        }
        return Reply(response: emulator.handle(HTTPRequest(method: method, target: target, headers: allHeaders, body: data)))
    }

    func get(_ target: String, token: String? = Fixture.adminToken, headers: [(name: String, value: String)] = []) -> Reply {
        send("GET", target, token: token, headers: headers)
    }

    /// Posts a form-encoded body, as token requests are sent.
    func postForm(_ target: String, _ fields: [(String, String)]) -> Reply {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
        return send("POST", target, token: nil, body: Data(body.utf8), headers: [("Content-Type", "application/x-www-form-urlencoded")])
    }

    /// Returns the object id of the service principal for an appId, read from the store.
    func servicePrincipalId(appId: String) -> String? {
        let reply = get("/v1.0/servicePrincipals(appId='\(appId)')")
        return reply.status == 200 ? reply.json["id"] as? String : nil
    }

    /// The current state from the control endpoint.
    var state: [String: Any] {
        (try? JSONSerialization.jsonObject(with: emulator.stateJSON())) as? [String: Any] ?? [:]
    }

    var grants: [[String: Any]] {
        state["oauth2PermissionGrants"] as? [[String: Any]] ?? []
    }
}

/// Percent-encodes a query value the way the Azure CLI does: everything but unreserved characters.
func encodedQuery(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
}
