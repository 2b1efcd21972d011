/// The delegated grants from the client to one resource, as far as a snapshot shows them.
struct ResourceGrants: Equatable {
    /// The tenant-wide grant, if one exists. Graph keeps at most one per client and resource.
    var allPrincipals: OAuth2PermissionGrant?
    /// Grants that individual users made for themselves.
    var perUser: [OAuth2PermissionGrant]
    /// The resource service principal's object id, when it exists.
    var resourceObjectId: String?
    /// The client service principal's object id, when it exists.
    var clientObjectId: String?
    /// Evidence that ties the grants to the resource, or the reason none can exist.
    var evidence: [Evidence]

    /// Returns the required scopes the tenant-wide grant lacks, in required order, ignoring case.
    func missingScopes(_ required: [String]) -> [String] {
        let granted = Set((allPrincipals?.scopes ?? []).map { $0.lowercased() })
        return required.filter { !granted.contains($0.lowercased()) }
    }
}

/// The result of looking for the grants between the client and one resource.
enum ResourceGrantLookup: Equatable {
    case known(ResourceGrants)
    /// The snapshot cannot tell which grants exist. The string is the reason and what would help.
    case unknown(String)
}

extension CheckContext {
    /// The state of the client's service principal.
    var clientState: ServicePrincipalState {
        ServicePrincipalState(snapshot: snapshot, appId: profile.clientAppId)
    }

    /// Returns the state of the service principal of a resource the client needs.
    func state(of resource: ResourceRequirement) -> ServicePrincipalState {
        ServicePrincipalState(snapshot: snapshot, appId: resource.appId)
    }

    /// Looks up the grants from the client to `resource`.
    ///
    /// Grants name service principals by object id, so they are matched through the resource's
    /// object id. When the resource's service principal could not be read, the grants can still
    /// be decided if none of them could belong to it.
    func grants(to resource: ResourceRequirement) -> ResourceGrantLookup {
        // Without a client service principal no grant can exist, whatever the grant read returned.
        let client = clientState
        if client == .missing {
            return .known(ResourceGrants(
                perUser: [],
                evidence: [Evidence(label: "no grant possible", value: "the client service principal does not exist")]
            ))
        }

        let allGrants: [OAuth2PermissionGrant]
        switch snapshot.grants {
        case .found(let grants):
            allGrants = grants
        case .missing:
            allGrants = []
        case .unknown(let failure):
            return .unknown(FailureReason.text(for: failure, subject: .applications))
        }
        let clientGrants = grantsOfClient(allGrants, clientObjectId: client.objectId)

        let resourceState = state(of: resource)
        switch resourceState {
        case .missing:
            return .known(ResourceGrants(
                perUser: [],
                clientObjectId: client.objectId,
                evidence: [Evidence(label: "no grant possible", value: "the \(resource.displayName) service principal does not exist")]
            ))
        case .unknown(let failure):
            return grantsWithUnreadResource(resource, failure: failure, clientGrants: clientGrants, clientObjectId: client.objectId)
        case .found, .referenced:
            break
        }

        let resourceObjectId = resourceState.objectId ?? ""
        let matching = clientGrants.filter { $0.resourceId.caseInsensitiveCompare(resourceObjectId) == .orderedSame }
        var evidence = [Evidence(label: "resource service principal object id", value: resourceObjectId)]
        if case .referenced(let reference) = resourceState {
            evidence.append(Evidence(label: "resource identified by", value: reference.basis))
        }
        return .known(ResourceGrants(
            allPrincipals: matching.first { $0.consentType == .allPrincipals },
            perUser: matching.filter { $0.consentType == .principal },
            resourceObjectId: resourceObjectId,
            clientObjectId: client.objectId,
            evidence: evidence
        ))
    }

    /// Returns the grants of the client: those whose clientId matches when the client's object id
    /// is known, otherwise all of them.
    func grantsOfClient(_ grants: [OAuth2PermissionGrant], clientObjectId: String?) -> [OAuth2PermissionGrant] {
        guard let clientObjectId else {
            return grants
        }
        return grants.filter { $0.clientId.caseInsensitiveCompare(clientObjectId) == .orderedSame }
    }

    /// Decides the grants to a resource whose service principal could not be read: known to be
    /// none when every grant belongs to another identified resource, unknown otherwise.
    private func grantsWithUnreadResource(
        _ resource: ResourceRequirement,
        failure: LookupFailure,
        clientGrants: [OAuth2PermissionGrant],
        clientObjectId: String?
    ) -> ResourceGrantLookup {
        let otherObjectIds = Set(
            profile.resources
                .filter { $0.appId.caseInsensitiveCompare(resource.appId) != .orderedSame }
                .compactMap { state(of: $0).objectId?.lowercased() }
        )
        let unidentified = clientGrants.filter { !otherObjectIds.contains($0.resourceId.lowercased()) }
        if unidentified.isEmpty {
            return .known(ResourceGrants(
                perUser: [],
                clientObjectId: clientObjectId,
                evidence: [Evidence(
                    label: "grants read",
                    value: "\(clientGrants.count), each to another identified resource"
                )]
            ))
        }
        let resourceReason = FailureReason.text(for: failure, subject: .applications)
        let count = unidentified.count == 1 ? "1 grant goes" : "\(unidentified.count) grants go"
        return .unknown(
            "The \(resource.displayName) service principal was not read, and \(count) to a resource that cannot be identified, so whether one of them is for \(resource.displayName) is unknown. \(resourceReason)"
        )
    }
}
