extension AzSnapshotBuilder {
    /// Ties object ids in the grant list to appIds without `az ad sp show` output: the client
    /// through the grants' `clientId`, and each resource through a `resourceDisplayName` that
    /// matches one of the profile's names for it.
    mutating func references(servicePrincipals: [String: Lookup<ServicePrincipal>]) -> [String: ServicePrincipalReference] {
        var references: [String: ServicePrincipalReference] = [:]
        let rows = collector.grantRows
        let profile = collector.profile

        let clientKey = profile.clientAppId.lowercased()
        let clientIds = Set(rows.map { $0.clientId.lowercased() }).filter { Identifiers.isGUID($0) }
        if case .unknown = servicePrincipals[clientKey], clientIds.count == 1, let clientId = clientIds.first {
            references[clientKey] = ServicePrincipalReference(
                objectId: clientId,
                appId: clientKey,
                displayName: nil,
                basis: "clientId of the grants in az ad app permission list-grants output"
            )
        }

        for resource in profile.resources {
            let key = resource.appId.lowercased()
            let names = ([resource.displayName] + resource.otherDisplayNames).map { $0.lowercased() }
            let matching = rows.filter { row in
                row.resourceDisplayName.map { names.contains($0.lowercased()) } ?? false
            }
            let objectIds = Set(matching.map { $0.resourceId.lowercased() }).filter { Identifiers.isGUID($0) }
            guard let objectId = objectIds.first, let displayName = matching.first?.resourceDisplayName else {
                continue
            }

            switch servicePrincipals[key] {
            case .found(let servicePrincipal):
                if servicePrincipal.id.caseInsensitiveCompare(objectId) != .orderedSame {
                    notes.append("A grant names \(resource.displayName) with object id \(objectId), but az ad sp show printed \(servicePrincipal.id). The outputs may come from different tenants.")
                }
            case .missing:
                notes.append("A grant names \(resource.displayName) with object id \(objectId), but az ad sp show reported that its service principal does not exist. The outputs may come from different tenants.")
            case .unknown, .none:
                if objectIds.count > 1 {
                    notes.append("Grants name \(resource.displayName) with \(objectIds.count) different object ids, so none of them is used.")
                    continue
                }
                references[key] = ServicePrincipalReference(
                    objectId: objectId,
                    appId: key,
                    displayName: displayName,
                    basis: "resourceDisplayName '\(displayName)' in az ad app permission list-grants output matches the profile"
                )
            }
        }
        return references
    }
}
