import Foundation

/// The reason a directory write failed, before it is turned into a Graph error.
enum DirectoryWriteError: Error, Equatable {
    case servicePrincipalExists(appId: String)
    case unknownApp(appId: String)
    case servicePrincipalNotFound(id: String)
    case grantReferenceNotFound(property: String, id: String)
    case grantExists
    case grantNotFound(id: String)
}

/// The tenant's service principals and grants, safe to use from many connection threads.
///
/// Objects created while the `not-found-after-create` fault is active stay hidden from the next
/// reads that touch them, which models Graph's replication delay.
final class DirectoryStore: @unchecked Sendable {
    private let lock = NSLock()
    private let tenant: TenantFile
    private let identifiers: IdentifierGenerator
    private let catalog: [String: TenantFile.CatalogApp]
    private var servicePrincipals: [ServicePrincipalRecord] = []
    private var grants: [PermissionGrantRecord] = []
    /// Object id (lower case for service principals, as stored for grants) to reads left hidden.
    private var hiddenReads: [String: Int] = [:]

    init(tenant: TenantFile, identifiers: IdentifierGenerator) {
        self.tenant = tenant
        self.identifiers = identifiers
        var catalog: [String: TenantFile.CatalogApp] = [:]
        for app in tenant.appCatalog {
            catalog[app.appId.lowercased()] = app
        }
        self.catalog = catalog
        resetToTenantFile()
    }

    /// Restores the service principals and grants the tenant file describes.
    func resetToTenantFile() {
        let loadedServicePrincipals = tenant.servicePrincipals.map { ServicePrincipalRecord($0, catalogApp: catalog[$0.appId.lowercased()]) }
        let loadedGrants = tenant.oauth2PermissionGrants.map { entry in
            PermissionGrantRecord(
                id: entry.id ?? PermissionGrantRecord.derivedId(clientId: entry.clientId, resourceId: entry.resourceId, principalId: entry.principalId),
                clientId: entry.clientId.lowercased(),
                consentType: entry.consentType,
                principalId: entry.principalId?.lowercased(),
                resourceId: entry.resourceId.lowercased(),
                scope: entry.scope
            )
        }
        lock.withLock {
            servicePrincipals = loadedServicePrincipals
            grants = loadedGrants
            hiddenReads = [:]
        }
    }

    /// Counts down the hidden objects one operation looked at.
    func finishReads(_ observations: ReadObservations) {
        lock.withLock {
            for id in observations.hiddenObjectIds {
                if let remaining = hiddenReads[id] {
                    hiddenReads[id] = remaining > 1 ? remaining - 1 : nil
                }
            }
        }
    }

    /// Returns the current service principals and grants, hidden ones included.
    func snapshot() -> (servicePrincipals: [ServicePrincipalRecord], grants: [PermissionGrantRecord]) {
        lock.withLock { (servicePrincipals, grants) }
    }

    /// Returns the catalogue app with this appId.
    func catalogApp(appId: String) -> TenantFile.CatalogApp? {
        catalog[appId.lowercased()]
    }

    // MARK: Reads

    /// Returns the visible service principals that match, in creation order.
    func servicePrincipals(where matches: (ServicePrincipalRecord) -> Bool, observations: ReadObservations) -> [ServicePrincipalRecord] {
        lock.withLock {
            servicePrincipals.filter { matches($0) && isVisible($0.id, observations) }
        }
    }

    func servicePrincipal(id: String, observations: ReadObservations) -> ServicePrincipalRecord? {
        servicePrincipals(where: { GUID.same($0.id, id) }, observations: observations).first
    }

    func servicePrincipal(appId: String, observations: ReadObservations) -> ServicePrincipalRecord? {
        servicePrincipals(where: { GUID.same($0.appId, appId) }, observations: observations).first
    }

    /// Returns the visible grants that match, in creation order.
    func grants(where matches: (PermissionGrantRecord) -> Bool, observations: ReadObservations) -> [PermissionGrantRecord] {
        lock.withLock {
            grants.filter { matches($0) && isVisible($0.id, observations) }
        }
    }

    func grant(id: String, observations: ReadObservations) -> PermissionGrantRecord? {
        grants(where: { $0.id == id }, observations: observations).first
    }

    /// Returns whether an object may be seen, and records it when it is hidden. Call with the lock held.
    private func isVisible(_ id: String, _ observations: ReadObservations) -> Bool {
        guard hiddenReads[id] != nil else {
            return true
        }
        observations.recordHidden(id)
        return false
    }

    // MARK: Service principal writes

    /// Creates the service principal for a catalogue app.
    ///
    /// - Parameter hiddenForReads: how many later reads find the new object missing.
    func createServicePrincipal(appId: String, properties: JSONObject, hiddenForReads: Int, createdDateTime: String) -> Result<ServicePrincipalRecord, DirectoryWriteError> {
        lock.withLock {
            if servicePrincipals.contains(where: { GUID.same($0.appId, appId) }) {
                return .failure(.servicePrincipalExists(appId: appId))
            }
            guard let app = catalog[appId.lowercased()] else {
                return .failure(.unknownApp(appId: appId))
            }
            var record = ServicePrincipalRecord(id: identifiers.guid(), catalogApp: app, createdDateTime: createdDateTime)
            Self.apply(properties, to: &record)
            servicePrincipals.append(record)
            if hiddenForReads > 0 {
                hiddenReads[record.id] = hiddenForReads
            }
            return .success(record)
        }
    }

    /// Changes writable properties of the service principal with this object id or appId.
    func updateServicePrincipal(matching matches: @escaping (ServicePrincipalRecord) -> Bool, properties: JSONObject, observations: ReadObservations) -> ServicePrincipalRecord? {
        lock.withLock {
            guard let index = servicePrincipals.firstIndex(where: matches), isVisible(servicePrincipals[index].id, observations) else {
                return nil
            }
            Self.apply(properties, to: &servicePrincipals[index])
            return servicePrincipals[index]
        }
    }

    /// Deletes a service principal and every grant that names it, as Graph does.
    func deleteServicePrincipal(id: String, observations: ReadObservations) -> Bool {
        lock.withLock {
            guard let index = servicePrincipals.firstIndex(where: { GUID.same($0.id, id) }), isVisible(servicePrincipals[index].id, observations) else {
                return false
            }
            let removed = servicePrincipals.remove(at: index)
            grants.removeAll { $0.clientId == removed.id || $0.resourceId == removed.id }
            return true
        }
    }

    private static func apply(_ properties: JSONObject, to record: inout ServicePrincipalRecord) {
        if let value = properties["accountEnabled"] as? Bool {
            record.accountEnabled = value
        }
        if let value = properties["appRoleAssignmentRequired"] as? Bool {
            record.appRoleAssignmentRequired = value
        }
        if let value = properties["displayName"] as? String {
            record.displayName = value
        }
        if let value = properties["tags"] as? [String] {
            record.tags = value
        }
    }

    // MARK: Grant writes

    /// Creates a grant after checking that both service principals exist and no grant has the same key.
    func createGrant(clientId: String, consentType: String, principalId: String?, resourceId: String, scope: String, hiddenForReads: Int, observations: ReadObservations) -> Result<PermissionGrantRecord, DirectoryWriteError> {
        lock.withLock {
            for (property, id) in [("clientId", clientId), ("resourceId", resourceId)] {
                guard let servicePrincipal = servicePrincipals.first(where: { GUID.same($0.id, id) }), isVisible(servicePrincipal.id, observations) else {
                    return .failure(.grantReferenceNotFound(property: property, id: id))
                }
            }
            let record = PermissionGrantRecord(
                id: PermissionGrantRecord.derivedId(clientId: clientId, resourceId: resourceId, principalId: principalId),
                clientId: clientId.lowercased(),
                consentType: consentType,
                principalId: principalId?.lowercased(),
                resourceId: resourceId.lowercased(),
                scope: scope
            )
            if grants.contains(where: { $0.key == record.key }) {
                return .failure(.grantExists)
            }
            grants.append(record)
            if hiddenForReads > 0 {
                hiddenReads[record.id] = hiddenForReads
            }
            return .success(record)
        }
    }

    /// Replaces a grant's scope string.
    func updateGrantScope(id: String, scope: String, observations: ReadObservations) -> Bool {
        lock.withLock {
            guard let index = grants.firstIndex(where: { $0.id == id }), isVisible(id, observations) else {
                return false
            }
            grants[index].scope = scope
            return true
        }
    }

    func deleteGrant(id: String, observations: ReadObservations) -> Bool {
        lock.withLock {
            guard let index = grants.firstIndex(where: { $0.id == id }), isVisible(id, observations) else {
                return false
            }
            grants.remove(at: index)
            return true
        }
    }
}
