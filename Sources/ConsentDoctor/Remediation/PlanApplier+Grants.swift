import Foundation

extension PlanApplier {
    /// Creates the tenant-wide grant, or extends the one that appeared since the plan was made.
    func createGrant(_ step: FixStep, run: inout ApplyRun) async throws -> WriteRecord {
        let clientId = try await objectId(appId: step.clientAppId ?? run.plan.clientAppId, field: "clientId", run: &run)
        let resourceId = try await objectId(appId: step.resourceAppId, field: "resourceId", run: &run)
        let scopes = try Self.validScopes(step.scopesAfter)

        // Read the client's grants right before writing: a tenant-wide grant created meanwhile is
        // extended instead, so its scopes are kept.
        if let existing = try await tenantWideGrant(clientId: clientId, resourceId: resourceId, run: &run) {
            return try await addScopes(step.requiredScopes, to: existing, step: step, run: &run)
        }

        let result: GraphWriteResult
        do {
            result = try await client.createPermissionGrant(clientId: clientId, resourceId: resourceId, consentType: .allPrincipals, scopes: scopes)
        } catch let error as GraphError {
            run.requests += error.requests
            throw error
        }
        run.requests += result.requests

        if result.outcome == .alreadyExisted {
            // Another admin created the grant between the read and the write; add to it.
            guard let grantId = result.objectId, Identifiers.isGrantId(grantId) else {
                throw ApplyFailure.stateChanged("Graph reports that a tenant-wide grant to \(resourceName(step)) exists (HTTP 409), but its id could not be read. Run consent-doctor fix again.")
            }
            let grant = try await readGrant(grantId, step: step, run: &run)
            var record = try await addScopes(step.requiredScopes, to: grant, step: step, run: &run)
            record.message = [record.message, "A tenant-wide grant was created by someone else meanwhile (HTTP 409), so it was extended instead."]
                .compactMap { $0 }.joined(separator: " ")
            return record
        }

        var record = WriteRecord(
            step: step,
            outcome: .done,
            method: "POST",
            path: "/oauth2PermissionGrants",
            status: result.requests.first?.status,
            requestId: result.requestId,
            objectId: result.objectId
        )
        if let grantId = result.objectId, Identifiers.isGrantId(grantId) {
            record.message = await confirmCreated("/oauth2PermissionGrants/\(grantId)", object: "grant", run: &run)
        }
        return record
    }

    /// Adds the missing required scopes to the existing tenant-wide grant.
    func extendGrant(_ step: FixStep, run: inout ApplyRun) async throws -> WriteRecord {
        guard let grantId = step.grantId, Identifiers.isGrantId(grantId) else {
            throw GraphWriteInputError(field: "grant id", value: step.grantId ?? "")
        }
        let grant = try await readGrant(grantId, step: step, run: &run)
        if let expected = step.resourceObjectId, grant.resourceId.caseInsensitiveCompare(expected) != .orderedSame {
            throw ApplyFailure.stateChanged("Grant \(grantId) no longer names \(resourceName(step)) as its resource, so it was not changed. Run consent-doctor fix again to plan from the current state.")
        }
        return try await addScopes(step.requiredScopes, to: grant, step: step, run: &run)
    }

    /// Reads one grant right before changing it and checks that it is a tenant-wide grant.
    ///
    /// - Throws: `ApplyFailure.stateChanged` when the grant was deleted or is a per-user grant.
    private func readGrant(_ grantId: String, step: FixStep, run: inout ApplyRun) async throws -> OAuth2PermissionGrant {
        let exchange = try await client.send(method: "GET", path: "/oauth2PermissionGrants/\(grantId)")
        run.requests.append(exchange.record)
        if exchange.response.status == 404 {
            throw ApplyFailure.stateChanged("The tenant-wide grant \(grantId) to \(resourceName(step)) was deleted after the plan was made, so nothing was written for it. Run consent-doctor fix again to create a new one.")
        }
        guard exchange.response.isSuccess else {
            throw try await client.error(for: exchange)
        }
        guard let grant = try? JSONDecoder().decode(OAuth2PermissionGrant.self, from: exchange.response.body) else {
            throw GraphError(kind: .malformedResponse, method: "GET", path: exchange.record.path, status: exchange.response.status, detail: "the body is not an oauth2PermissionGrant", requests: [exchange.record])
        }
        guard grant.consentType == .allPrincipals else {
            throw ApplyFailure.stateChanged("Grant \(grantId) is a per-user grant, which fix never changes. Run consent-doctor fix again to plan from the current state.")
        }
        return grant
    }

    /// Sets the grant's scope to what it contains now plus the missing `required` scopes, or writes
    /// nothing when none is missing.
    ///
    /// - Throws: `ApplyFailure.manualChangeNeeded` when the grant contains a value that is not a
    ///   valid scope name, because writing the union without it would remove it.
    private func addScopes(_ required: [String], to grant: OAuth2PermissionGrant, step: FixStep, run: inout ApplyRun) async throws -> WriteRecord {
        let current = grant.scopes
        guard current.allSatisfy({ Identifiers.isScopeToken($0) }) else {
            throw ApplyFailure.manualChangeNeeded(Self.invalidScopeSentence(grant: grant, resource: resourceName(step), required: required))
        }
        let requiredScopes = try Self.validScopes(required)
        let currentLowercased = Set(current.map { $0.lowercased() })
        let missing = requiredScopes.filter { !currentLowercased.contains($0.lowercased()) }

        guard !missing.isEmpty else {
            return WriteRecord(step: step, outcome: .alreadyDone, objectId: grant.id, message: "The tenant-wide grant already contains every required scope, so nothing was written.")
        }
        let union = GraphClient.mergedScopes(existing: grant.scope, adding: missing)
        let result: GraphWriteResult
        do {
            result = try await client.updatePermissionGrantScope(grantId: grant.id, scopes: union)
        } catch let error as GraphError {
            run.requests += error.requests
            throw error
        }
        run.requests += result.requests
        return WriteRecord(
            step: step,
            outcome: .done,
            method: "PATCH",
            path: "/oauth2PermissionGrants/\(grant.id)",
            status: result.requests.first?.status,
            requestId: result.requestId,
            objectId: grant.id,
            message: "Scope set to: \(union.joined(separator: " "))."
        )
    }

    /// Returns what an admin must change by hand in a grant whose scope contains a value that is
    /// not a valid scope name. The value itself is not repeated, because it may be hostile.
    static func invalidScopeSentence(grant: OAuth2PermissionGrant, resource: String, required: [String]) -> String {
        let grantName = Identifiers.isGrantId(grant.id) ? "grant \(grant.id)" : "grant"
        let validRequired = required.filter { Identifiers.isScopeToken($0) }.joined(separator: " ")
        let validCurrent = grant.scopes.filter { Identifiers.isScopeToken($0) }
        let kept = validCurrent.isEmpty ? "" : " The valid values it contains now are: \(validCurrent.joined(separator: " "))."
        return "The tenant-wide \(grantName) to \(resource) contains a scope value that is not a valid scope name, so fix did not change it: setting its scope means writing the whole list again, and fix does not write that value back. Running fix again fails the same way.\(kept) Decide by hand whether the invalid value belongs there, then set the grant's scope to the values to keep plus \(validRequired) (in the Entra admin center, or with PATCH /oauth2PermissionGrants/{id} and the full scope list), and run consent-doctor check to confirm."
    }

    /// Returns the tenant-wide grant from the client to the resource, or nil when there is none.
    /// Graph returns 404 rather than an empty list when no grant names the client.
    private func tenantWideGrant(clientId: String, resourceId: String, run: inout ApplyRun) async throws -> OAuth2PermissionGrant? {
        let path = GraphPath.path("/oauth2PermissionGrants", query: [("$filter", "clientId eq \(GraphPath.literal(clientId))")])
        do {
            let collection = try await client.getCollection(path, of: OAuth2PermissionGrant.self)
            run.requests += collection.requests
            return collection.values.first { grant in
                grant.consentType == .allPrincipals && grant.resourceId.caseInsensitiveCompare(resourceId) == .orderedSame
            }
        } catch let error as GraphError where error.isNotFound {
            run.requests += error.requests
            return nil
        }
    }

    /// Returns the object id of the service principal of `appId`: from the plan or an earlier
    /// create, otherwise looked up by appId, waiting for a new one to appear.
    private func objectId(appId: String?, field: String, run: inout ApplyRun) async throws -> String {
        guard let appId = appId.flatMap(Identifiers.normalizedGUID) else {
            throw GraphWriteInputError(field: field, value: appId ?? "")
        }
        if let known = run.objectIds[appId] {
            return known
        }
        let path = GraphPath.path("/servicePrincipals", query: [("$filter", "appId eq \(GraphPath.literal(appId))"), ("$select", "id,appId")])
        // Only a service principal this run created can be missing for a while; any other is
        // missing for good.
        let createdHere = run.plan.steps.contains { $0.kind == .createServicePrincipal && $0.appId?.lowercased() == appId }
        let attempts = createdHere ? replicationPolicy.maximumAttempts : 1
        var attempt = 1
        while true {
            let collection = try await client.getCollection(path, of: ServicePrincipalIdentity.self)
            run.requests += collection.requests
            if let id = collection.values.first(where: { $0.appId.lowercased() == appId })?.id, let objectId = Identifiers.normalizedGUID(id) {
                run.objectIds[appId] = objectId
                return objectId
            }
            guard attempt < attempts else {
                throw ApplyFailure.stateChanged("The tenant has no service principal for \(appId), so no grant can name it. Run consent-doctor fix again; it creates the service principal first.")
            }
            let wait = replicationPolicy.backoff(retry: attempt, jitter: client.sender.jitter())
            try await client.sender.sleeper.sleep(seconds: wait)
            attempt += 1
        }
    }

    private func resourceName(_ step: FixStep) -> String {
        step.resourceDisplayName ?? step.resourceAppId ?? "the API"
    }

    /// Returns the scopes when every one is a valid scope token.
    static func validScopes(_ scopes: [String]) throws -> [String] {
        guard !scopes.isEmpty else {
            throw GraphWriteInputError(field: "scope", value: "")
        }
        for scope in scopes where !Identifiers.isScopeToken(scope) {
            throw GraphWriteInputError(field: "scope", value: scope)
        }
        return scopes
    }
}
