import Foundation

/// The result of one Graph write.
public struct GraphWriteResult: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        case created
        /// Graph returned 409 because the object exists already.
        case alreadyExisted = "already-existed"
        case updated
    }

    public var outcome: Outcome
    /// The object id of the created, existing or updated object, when known.
    public var objectId: String?
    /// The `request-id` of the write request itself.
    public var requestId: String?
    /// Every request made, the write and any follow-up read.
    public var requests: [GraphRequestRecord]
}

/// A value a write was asked to send that is not safe to put in a URL or a request body.
public struct GraphWriteInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var value: String

    public var description: String {
        "The \(field) '\(value)' is not valid for a Graph write. Check the value; ids are GUIDs and scopes are single words such as user_impersonation."
    }
}

/// Writes for `fix`.
///
/// Writes are never retried after a timeout or a dropped connection, because Graph may have
/// applied the write before the failure, and sending it again could fail with a conflict or, for
/// a grant update, overwrite a newer scope. 429, and 503 with `Retry-After`, are retried, because
/// with those Graph requests a later retry. Callers re-read the directory to learn whether an
/// interrupted write took effect.
extension GraphClient {
    /// Creates the service principal for an appId with `POST /servicePrincipals`, treating 409
    /// as "already there" and then reading the existing object id.
    ///
    /// - Throws: `GraphWriteInputError` for an appId that is not a GUID; `GraphError`; `IdentityError`.
    public func createServicePrincipal(appId: String) async throws -> GraphWriteResult {
        guard let appId = Identifiers.normalizedGUID(appId) else {
            throw GraphWriteInputError(field: "appId", value: appId)
        }
        let body = try JSONSerialization.data(withJSONObject: ["appId": appId])
        let exchange = try await send(method: "POST", path: "/servicePrincipals", body: body, isIdempotent: false)

        switch exchange.response.status {
        case 200, 201:
            return GraphWriteResult(outcome: .created, objectId: Self.objectId(in: exchange.response.body), requestId: exchange.record.requestId, requests: [exchange.record])
        case 409:
            let lookup = try await readObjectIdAfterConflict(
                path: GraphPath.path("/servicePrincipals", query: [("$filter", "appId eq \(GraphPath.literal(appId))"), ("$select", "id,appId")])
            ) { (items: [ServicePrincipalIdentity]) in
                items.first { $0.appId.lowercased() == appId }?.id
            }
            return GraphWriteResult(outcome: .alreadyExisted, objectId: lookup.objectId, requestId: exchange.record.requestId, requests: [exchange.record] + lookup.requests)
        default:
            throw try await error(for: exchange)
        }
    }

    /// Creates an oauth2PermissionGrant with `POST /oauth2PermissionGrants`. A 409 means a grant
    /// for the same client, resource, consent type and user exists; its id is read and returned.
    ///
    /// - Parameters:
    ///   - clientId: The client service principal's object id.
    ///   - resourceId: The resource service principal's object id.
    ///   - principalId: The user's object id, for `Principal` grants only.
    ///   - scopes: The scope values, such as `["user_impersonation"]`.
    /// - Throws: `GraphWriteInputError`; `GraphError`; `IdentityError`.
    public func createPermissionGrant(
        clientId: String,
        resourceId: String,
        consentType: OAuth2PermissionGrant.ConsentType,
        principalId: String? = nil,
        scopes: [String]
    ) async throws -> GraphWriteResult {
        let clientId = try Self.guid(clientId, field: "clientId")
        let resourceId = try Self.guid(resourceId, field: "resourceId")
        let principalId = try principalId.map { try Self.guid($0, field: "principalId") }
        let scope = try Self.scopeText(scopes)

        var fields: [String: Any] = ["clientId": clientId, "consentType": consentType.rawValue, "resourceId": resourceId, "scope": scope]
        if let principalId {
            fields["principalId"] = principalId
        }
        let body = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        let exchange = try await send(method: "POST", path: "/oauth2PermissionGrants", body: body, isIdempotent: false)

        switch exchange.response.status {
        case 200, 201:
            return GraphWriteResult(outcome: .created, objectId: Self.objectId(in: exchange.response.body), requestId: exchange.record.requestId, requests: [exchange.record])
        case 409:
            let lookup = try await readObjectIdAfterConflict(
                path: GraphPath.path("/oauth2PermissionGrants", query: [("$filter", "clientId eq \(GraphPath.literal(clientId))")])
            ) { (grants: [OAuth2PermissionGrant]) in
                grants.first { grant in
                    grant.resourceId.lowercased() == resourceId
                        && grant.consentType == consentType
                        && grant.principalId?.lowercased() == principalId
                }?.id
            }
            return GraphWriteResult(outcome: .alreadyExisted, objectId: lookup.objectId, requestId: exchange.record.requestId, requests: [exchange.record] + lookup.requests)
        default:
            throw try await error(for: exchange)
        }
    }

    /// Replaces a grant's scope with `PATCH /oauth2PermissionGrants/{id}`.
    ///
    /// Graph overwrites the scope, so pass every scope the grant should keep: use
    /// `mergedScopes(existing:adding:)` to add to the current ones.
    ///
    /// - Throws: `GraphWriteInputError`; `GraphError`; `IdentityError`.
    public func updatePermissionGrantScope(grantId: String, scopes: [String]) async throws -> GraphWriteResult {
        guard !grantId.isEmpty, grantId.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }), grantId.allSatisfy(\.isASCII) else {
            throw GraphWriteInputError(field: "grant id", value: grantId)
        }
        let scope = try Self.scopeText(scopes)
        let body = try JSONSerialization.data(withJSONObject: ["scope": scope])
        let exchange = try await send(method: "PATCH", path: "/oauth2PermissionGrants/\(grantId)", body: body, isIdempotent: false)
        guard exchange.response.isSuccess else {
            throw try await error(for: exchange)
        }
        return GraphWriteResult(outcome: .updated, objectId: grantId, requestId: exchange.record.requestId, requests: [exchange.record])
    }

    /// Returns the existing scopes followed by the added ones that are new, without repeats.
    public static func mergedScopes(existing: String, adding: [String]) -> [String] {
        var seen = Set<String>()
        let all = existing.split(whereSeparator: \.isWhitespace).map(String.init) + adding
        return all.filter { seen.insert($0).inserted }
    }

    /// Reads the id of an object that a 409 reported as existing. Right after a write Graph's replicas can
    /// disagree, so an empty response or a 404 is read again with backoff, within the retry policy.
    private func readObjectIdAfterConflict<Element: Decodable & Sendable>(
        path: String,
        pick: ([Element]) -> String?
    ) async throws -> (objectId: String?, requests: [GraphRequestRecord]) {
        var requests: [GraphRequestRecord] = []
        var attempt = 1
        while true {
            do {
                let collection = try await getCollection(path, of: Element.self)
                requests += collection.requests
                if let id = pick(collection.values) {
                    return (id, requests)
                }
            } catch let failure as GraphError {
                requests += failure.requests
                // Only a 404 can be replication delay; any other failure leaves the id unknown.
                guard failure.isNotFound else {
                    return (nil, requests)
                }
            }
            guard attempt < sender.policy.maximumAttempts else {
                return (nil, requests)
            }
            let wait = sender.policy.backoff(retry: attempt, jitter: sender.jitter())
            log.log(.info, "Reading \(GraphPath.readable(path)) again in \(String(format: "%.1f s", wait)) (attempt \(attempt + 1) of \(sender.policy.maximumAttempts)): the object that Graph reported as existing was not found yet.")
            try await sender.sleeper.sleep(seconds: wait)
            attempt += 1
        }
    }

    private static func objectId(in body: Data) -> String? {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["id"] as? String
    }

    private static func guid(_ value: String, field: String) throws -> String {
        guard let guid = Identifiers.normalizedGUID(value) else {
            throw GraphWriteInputError(field: field, value: value)
        }
        return guid
    }

    private static func scopeText(_ scopes: [String]) throws -> String {
        guard !scopes.isEmpty else {
            throw GraphWriteInputError(field: "scope", value: "")
        }
        for scope in scopes where !Identifiers.isScopeToken(scope) {
            throw GraphWriteInputError(field: "scope", value: scope)
        }
        return scopes.joined(separator: " ")
    }
}

/// The two properties read back after a service principal conflict.
struct ServicePrincipalIdentity: Decodable, Sendable {
    var id: String
    var appId: String
}
