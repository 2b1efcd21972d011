import Foundation

/// Serves Graph v1.0 resources from the directory store: routing, permission checks, paging.
/// The caller has already been authenticated; faults are applied by `Emulator`.
final class GraphService: @unchecked Sendable {
    let tenant: TenantFile
    let store: DirectoryStore
    let faults: FaultInjector

    init(tenant: TenantFile, store: DirectoryStore, faults: FaultInjector) {
        self.tenant = tenant
        self.store = store
        self.faults = faults
    }

    /// Serves one request whose path starts with the version segment, such as `/v1.0/servicePrincipals`.
    func handle(_ request: HTTPRequest, context: GraphContext) -> GraphResult {
        let result: GraphResult
        do {
            result = try route(request, context: context)
        } catch let error as GraphError {
            result = .error(error, context: context)
        } catch {
            result = .error(GraphError(status: 500, code: "InternalServerError", message: "The emulator failed: \(error)"), context: context)
        }
        store.finishReads(context.observations)
        return result
    }

    private func route(_ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let segments = request.path.split(separator: "/", maxSplits: 1).map(String.init)
        guard let version = segments.first, version.lowercased() == "v1.0" else {
            throw GraphError.badRequest("Invalid version '\(segments.first ?? "")': this emulator serves only v1.0.")
        }
        let route = try GraphRoute.parse(segments.count > 1 ? "/" + segments[1] : "/")
        let method = request.method.uppercased()

        if route != .batch {
            let allowed = method == "GET" ? context.caller.canRead : context.caller.canWrite
            guard allowed else {
                throw GraphError.insufficientPrivileges
            }
        }

        switch (route, method) {
        case (.servicePrincipals, "GET"):
            return try listServicePrincipals(request, context: context)
        case (.servicePrincipals, "POST"):
            return try createServicePrincipal(request, context: context)
        case (.servicePrincipal(let key), "GET"):
            return try getServicePrincipal(key, request, context: context)
        case (.servicePrincipal(let key), "PATCH"):
            return try updateServicePrincipal(key, request, context: context)
        case (.servicePrincipal(let key), "DELETE"):
            return try deleteServicePrincipal(key, context: context)
        case (.servicePrincipalGrants(let key), "GET"):
            return try listServicePrincipalGrants(key, request, context: context)
        case (.grants, "GET"):
            return try listGrants(request, context: context)
        case (.grants, "POST"):
            return try createGrant(request, context: context)
        case (.grant(let id), "GET"):
            return try getGrant(id, request, context: context)
        case (.grant(let id), "PATCH"):
            return try updateGrant(id, request, context: context)
        case (.grant(let id), "DELETE"):
            return try deleteGrant(id, context: context)
        case (.applications, "GET"):
            return try listApplications(request, context: context)
        case (.application(let id), "GET"):
            return try getApplication(id, context: context)
        case (.batch, "POST"):
            return try batch(request, context: context)
        case (.authorizationPolicy, "GET"):
            return authorizationPolicy(context: context)
        case (.adminConsentRequestPolicy, "GET"):
            return adminConsentRequestPolicy(context: context)
        case (.organization, "GET"):
            return organization(context: context)
        case (.me, "GET"):
            return try me(context: context)
        default:
            throw GraphError.methodNotAllowed(method, request.path)
        }
    }

    // MARK: Shared helpers

    /// Returns `@odata.context` for a collection or entity, such as `…/v1.0/$metadata#servicePrincipals`.
    func metadataContext(_ fragment: String, context: GraphContext) -> String {
        "\(context.baseURL)/v1.0/$metadata#\(fragment)"
    }

    /// Returns one page of `items` with `@odata.nextLink` when more remain.
    ///
    /// - Parameters:
    ///   - collectionPath: the path after the version segment, used to build the next link.
    ///   - contextFragment: the `$metadata#` fragment without the `$select` list.
    func page(_ items: [JSONObject], query: CollectionQuery, request: HTTPRequest, collectionPath: String, contextFragment: String, context: GraphContext) -> GraphResult {
        var pageSize = query.top ?? CollectionQuery.defaultPageSize
        if let cap = faults.pageSize {
            pageSize = min(pageSize, cap)
        }
        let start = min(query.offset, items.count)
        let end = min(start + pageSize, items.count)
        let selected = query.select.map { "(\($0.joined(separator: ",")))" } ?? ""

        var body: JSONObject = [
            "@odata.context": metadataContext(contextFragment + selected, context: context),
            "value": items[start..<end].map { query.project($0) },
        ]
        if end < items.count {
            body["@odata.nextLink"] = nextLink(request, collectionPath: collectionPath, offset: end, context: context)
        }
        return .json(200, body)
    }

    /// Builds the absolute next-page URL: the same query options with a new `$skiptoken`.
    private func nextLink(_ request: HTTPRequest, collectionPath: String, offset: Int, context: GraphContext) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~$'(),:/@!*")
        var parts: [String] = []
        for (name, value) in request.queryItems where name.lowercased() != "$skiptoken" && name.lowercased() != "skiptoken" {
            let encodedName = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
            let encodedValue = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
            parts.append("\(encodedName)=\(encodedValue)")
        }
        parts.append("$skiptoken=\(SkipToken.make(offset: offset))")
        return "\(context.baseURL)/v1.0\(collectionPath)?\(parts.joined(separator: "&"))"
    }

    /// Parses a request body that must be a JSON object.
    func requireJSONObject(_ request: HTTPRequest) throws -> JSONObject {
        guard !request.body.isEmpty else {
            throw GraphError.badRequest("The request body is empty; send a JSON object.")
        }
        guard let object = JSONSupport.object(from: request.body) else {
            throw GraphError.badRequest("The request body is not a valid JSON object.")
        }
        return object
    }

    /// Rejects property names that the entity type does not have.
    func rejectUnknownProperties(_ object: JSONObject, known: Set<String>, typeName: String) throws {
        for name in object.keys.sorted() where !name.hasPrefix("@odata.") && !known.contains(name) {
            throw GraphError.badRequest("The property '\(name)' does not exist on type '\(typeName)'; remove it from the request body.")
        }
    }

    /// Checks that `id` has the GUID form of a directory object id.
    func requireObjectId(_ id: String) throws {
        guard GUID.isValid(id) else {
            throw GraphError.directoryBadRequest("Invalid object identifier '\(id)': an object id is a GUID.")
        }
    }
}
