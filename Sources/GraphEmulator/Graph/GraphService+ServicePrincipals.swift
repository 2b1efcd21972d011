import Foundation

extension ServicePrincipalRecord {
    /// Returns the value a filter tests for a canonical property name.
    func filterValue(_ property: String) -> FilterValue {
        switch property {
        case "id": .string(id)
        case "appId": .string(appId)
        case "displayName": .string(displayName)
        case "appOwnerOrganizationId": .string(appOwnerOrganizationId)
        case "servicePrincipalType": .string("Application")
        case "accountEnabled": .boolean(accountEnabled)
        case "servicePrincipalNames": .strings(servicePrincipalNames)
        case "tags": .strings(tags)
        default: .string(nil)
        }
    }
}

extension GraphService {
    static let servicePrincipalTypeName = "microsoft.graph.servicePrincipal"

    func listServicePrincipals(_ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let query = try CollectionQuery.parse(request, schema: .servicePrincipal, propertyNames: ServicePrincipalRecord.propertyNames)
        let matches = store.servicePrincipals(where: { record in query.filter?.matches(record.filterValue) ?? true }, observations: context.observations)
        return page(matches.map { $0.jsonObject() }, query: query, request: request, collectionPath: "/servicePrincipals", contextFragment: "servicePrincipals", context: context)
    }

    /// Finds a visible service principal by object id or appId key.
    ///
    /// - Throws: 400 for an id that is not a GUID, 404 when no visible service principal matches.
    func findServicePrincipal(_ key: GraphRoute.ServicePrincipalKey, context: GraphContext) throws -> ServicePrincipalRecord {
        switch key {
        case .id(let id):
            try requireObjectId(id)
            guard let record = store.servicePrincipal(id: id, observations: context.observations) else {
                throw GraphError.resourceNotFound(id)
            }
            return record
        case .appId(let appId):
            guard let record = store.servicePrincipal(appId: appId, observations: context.observations) else {
                throw GraphError.resourceNotFound(appId)
            }
            return record
        }
    }

    func getServicePrincipal(_ key: GraphRoute.ServicePrincipalKey, _ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let query = try CollectionQuery.parse(request, schema: .servicePrincipal, propertyNames: ServicePrincipalRecord.propertyNames)
        let record = try findServicePrincipal(key, context: context)
        return .json(200, entity(record, query: query, context: context))
    }

    private func entity(_ record: ServicePrincipalRecord, query: CollectionQuery, context: GraphContext) -> JSONObject {
        var object = query.project(record.jsonObject())
        let selected = query.select.map { "(\($0.joined(separator: ",")))" } ?? ""
        object["@odata.context"] = metadataContext("servicePrincipals\(selected)/$entity", context: context)
        return object
    }

    /// Validates the writable properties of a create or update body.
    private func servicePrincipalProperties(_ body: JSONObject, allowAppId: Bool) throws -> JSONObject {
        var known = ServicePrincipalRecord.writableProperties
        if allowAppId {
            known.insert("appId")
        }
        try rejectUnknownProperties(body, known: ServicePrincipalRecord.propertyNames.union(known), typeName: Self.servicePrincipalTypeName)
        for name in body.keys.sorted() where !name.hasPrefix("@odata.") && !known.contains(name) {
            throw GraphError.directoryBadRequest("The property '\(name)' cannot be set through this emulator; it accepts \(known.sorted().joined(separator: ", ")).")
        }
        for name in ["accountEnabled", "appRoleAssignmentRequired"] {
            if let value = body[name], !JSONSupport.isBoolean(value) {
                throw GraphError.badRequest("The property '\(name)' must be true or false.")
            }
        }
        if let displayName = body["displayName"], !(displayName is String) {
            throw GraphError.badRequest("The property 'displayName' must be a string.")
        }
        return body
    }

    func createServicePrincipal(_ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let body = try servicePrincipalProperties(try requireJSONObject(request), allowAppId: true)
        guard let appId = body["appId"] as? String, !appId.isEmpty else {
            throw GraphError.directoryBadRequest("The request body has no appId; name the application to create a service principal for.")
        }
        let record = try create(appId: appId, properties: body)
        return .json(201, entity(record, query: CollectionQuery(), context: context), headers: [("Location", "\(context.baseURL)/v1.0/servicePrincipals/\(record.id)")])
    }

    private func create(appId: String, properties: JSONObject) throws -> ServicePrincipalRecord {
        let result = store.createServicePrincipal(
            appId: appId, properties: properties, hiddenForReads: faults.notFoundAfterCreateReads,
            createdDateTime: GraphDate.timestamp(Date())
        )
        switch result {
        case .success(let record):
            return record
        case .failure(.servicePrincipalExists(let appId)):
            throw GraphError.conflict("A service principal for appId '\(appId)' already exists in this tenant; read it instead of creating it.")
        case .failure(.unknownApp(let appId)):
            throw GraphError.directoryBadRequest("The appId '\(appId)' does not belong to an application this directory knows, so no service principal can be created for it.")
        case .failure(let other):
            throw GraphError.directoryBadRequest("The service principal could not be created: \(other).")
        }
    }

    /// Updates a service principal; with `Prefer: create-if-missing` on an appId key, creates it first.
    func updateServicePrincipal(_ key: GraphRoute.ServicePrincipalKey, _ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let body = try servicePrincipalProperties(request.body.isEmpty ? [:] : try requireJSONObject(request), allowAppId: false)
        let createIfMissing = request.header("Prefer")?.lowercased().contains("create-if-missing") == true

        let matches: (ServicePrincipalRecord) -> Bool
        switch key {
        case .id(let id):
            try requireObjectId(id)
            matches = { GUID.same($0.id, id) }
        case .appId(let appId):
            matches = { GUID.same($0.appId, appId) }
        }
        if store.updateServicePrincipal(matching: matches, properties: body, observations: context.observations) != nil {
            return .noContent
        }
        guard case .appId(let appId) = key, createIfMissing else {
            switch key {
            case .id(let id): throw GraphError.resourceNotFound(id)
            case .appId(let appId): throw GraphError.resourceNotFound(appId)
            }
        }
        let record = try create(appId: appId, properties: body)
        return .json(201, entity(record, query: CollectionQuery(), context: context))
    }

    func deleteServicePrincipal(_ key: GraphRoute.ServicePrincipalKey, context: GraphContext) throws -> GraphResult {
        let record = try findServicePrincipal(key, context: context)
        guard store.deleteServicePrincipal(id: record.id, observations: context.observations) else {
            throw GraphError.resourceNotFound(record.id)
        }
        return .noContent
    }

    func listServicePrincipalGrants(_ key: GraphRoute.ServicePrincipalKey, _ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let query = try CollectionQuery.parse(request, schema: .permissionGrant, propertyNames: PermissionGrantRecord.propertyNames)
        let record = try findServicePrincipal(key, context: context)
        let grants = store.grants(where: { grant in grant.clientId == record.id && (query.filter?.matches(grant.filterValue) ?? true) }, observations: context.observations)
        return page(grants.map { $0.jsonObject() }, query: query, request: request, collectionPath: "/servicePrincipals/\(record.id)/oauth2PermissionGrants", contextFragment: "oauth2PermissionGrants", context: context)
    }
}
