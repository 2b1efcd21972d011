import Foundation

extension PermissionGrantRecord {
    /// Returns the value a filter tests for a canonical property name.
    func filterValue(_ property: String) -> FilterValue {
        switch property {
        case "id": .string(id)
        case "clientId": .string(clientId)
        case "consentType": .string(consentType)
        case "principalId": .string(principalId)
        case "resourceId": .string(resourceId)
        default: .string(nil)
        }
    }
}

extension GraphService {
    static let grantTypeName = "microsoft.graph.oAuth2PermissionGrant"

    /// Lists grants. Like Graph, a `clientId eq` filter naming no service principal is a 404, not an empty list.
    func listGrants(_ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let query = try CollectionQuery.parse(request, schema: .permissionGrant, propertyNames: PermissionGrantRecord.propertyNames)
        for clientId in query.filter?.requiredValues(of: "clientId") ?? [] {
            try requireObjectId(clientId)
            guard store.servicePrincipal(id: clientId, observations: context.observations) != nil else {
                throw GraphError.resourceNotFound(clientId)
            }
        }
        let grants = store.grants(where: { grant in query.filter?.matches(grant.filterValue) ?? true }, observations: context.observations)
        return page(grants.map { $0.jsonObject() }, query: query, request: request, collectionPath: "/oauth2PermissionGrants", contextFragment: "oauth2PermissionGrants", context: context)
    }

    func getGrant(_ id: String, _ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let query = try CollectionQuery.parse(request, schema: .permissionGrant, propertyNames: PermissionGrantRecord.propertyNames)
        guard let grant = store.grant(id: id, observations: context.observations) else {
            throw GraphError.resourceNotFound(id)
        }
        return .json(200, grantEntity(grant, query: query, context: context))
    }

    private func grantEntity(_ grant: PermissionGrantRecord, query: CollectionQuery, context: GraphContext) -> JSONObject {
        var object = query.project(grant.jsonObject())
        let selected = query.select.map { "(\($0.joined(separator: ",")))" } ?? ""
        object["@odata.context"] = metadataContext("oauth2PermissionGrants\(selected)/$entity", context: context)
        return object
    }

    /// Creates a grant. `scope` is stored as sent: Graph does not check it against the scopes the
    /// resource exposes.
    func createGrant(_ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let body = try requireJSONObject(request)
        // startTime and expiryTime are legacy properties that Graph accepts and ignores.
        try rejectUnknownProperties(body, known: PermissionGrantRecord.propertyNames.union(["startTime", "expiryTime"]), typeName: Self.grantTypeName)

        func requiredString(_ name: String) throws -> String {
            guard let value = body[name] as? String, !value.isEmpty else {
                throw GraphError.directoryBadRequest("The request body has no '\(name)'; it is required to create an oauth2PermissionGrant.")
            }
            return value
        }
        let clientId = try requiredString("clientId")
        let resourceId = try requiredString("resourceId")
        let consentType = try requiredString("consentType")
        try requireObjectId(clientId)
        try requireObjectId(resourceId)

        let principalValue = body["principalId"]
        let principalId = principalValue is NSNull ? nil : principalValue as? String
        if principalValue != nil && !(principalValue is NSNull) && principalId == nil {
            throw GraphError.badRequest("The property 'principalId' must be a string or null.")
        }
        switch consentType {
        case "AllPrincipals":
            if principalId != nil {
                throw GraphError.directoryBadRequest("principalId must be null when consentType is 'AllPrincipals'.")
            }
        case "Principal":
            guard let principalId else {
                throw GraphError.directoryBadRequest("principalId is required when consentType is 'Principal'.")
            }
            try requireObjectId(principalId)
        default:
            throw GraphError.directoryBadRequest("consentType '\(consentType)' is invalid; use 'AllPrincipals' or 'Principal'.")
        }
        if let scope = body["scope"], !(scope is String) {
            throw GraphError.badRequest("The property 'scope' must be a string of space-separated scope values.")
        }
        let scope = body["scope"] as? String ?? ""

        let result = store.createGrant(
            clientId: clientId, consentType: consentType, principalId: principalId, resourceId: resourceId, scope: scope,
            hiddenForReads: faults.notFoundAfterCreateReads, observations: context.observations
        )
        switch result {
        case .success(let grant):
            return .json(201, grantEntity(grant, query: CollectionQuery(), context: context), headers: [("Location", "\(context.baseURL)/v1.0/oauth2PermissionGrants/\(grant.id)")])
        case .failure(.grantReferenceNotFound(let property, let id)):
            throw GraphError.directoryBadRequest("The \(property) '\(id)' does not refer to a service principal in this directory.")
        case .failure(.grantExists):
            throw GraphError.conflict("Permission entry already exists.")
        case .failure(let other):
            throw GraphError.directoryBadRequest("The grant could not be created: \(other).")
        }
    }

    /// Replaces a grant's scope. Graph overwrites the whole string, so a caller adding a scope must send the union.
    func updateGrant(_ id: String, _ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let body = try requireJSONObject(request)
        try rejectUnknownProperties(body, known: PermissionGrantRecord.propertyNames.union(["startTime", "expiryTime"]), typeName: Self.grantTypeName)
        for name in body.keys.sorted() where name != "scope" && !name.hasPrefix("@odata.") {
            throw GraphError.directoryBadRequest("The property '\(name)' of an oauth2PermissionGrant cannot be changed; only 'scope' can.")
        }
        guard let scope = body["scope"] as? String else {
            throw GraphError.badRequest("The request body needs 'scope' as a string of space-separated scope values.")
        }
        guard store.updateGrantScope(id: id, scope: scope, observations: context.observations) else {
            throw GraphError.resourceNotFound(id)
        }
        return .noContent
    }

    func deleteGrant(_ id: String, context: GraphContext) throws -> GraphResult {
        guard store.deleteGrant(id: id, observations: context.observations) else {
            throw GraphError.resourceNotFound(id)
        }
        return .noContent
    }
}
