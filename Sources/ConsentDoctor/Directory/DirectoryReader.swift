import Foundation

/// Reads what the checks need about one tenant into a `DirectorySnapshot`, in at most two
/// sequential round trips to Graph when nothing is throttled or paged:
///
/// 1. one `$batch` with the service principal of the client and of every required resource,
///    the authorization policy, the admin consent request policy and the organization (its id
///    and verified domains, so a tenant named by domain can be compared);
/// 2. the client service principal's oauth2PermissionGrants, skipped when that service
///    principal does not exist.
///
/// Retries and extra pages add requests; `snapshot.roundTrips` counts every one. Anything that
/// could not be read becomes `.unknown` with the reason, never `.missing`.
public struct DirectoryReader: Sendable {
    /// The service principal properties the checks read.
    public static let servicePrincipalProperties = [
        "id", "appId", "displayName", "accountEnabled", "appRoleAssignmentRequired", "disabledByMicrosoftStatus",
        "appOwnerOrganizationId", "oauth2PermissionScopes", "servicePrincipalNames", "replyUrls",
    ]

    public var client: GraphClient

    public init(client: GraphClient) {
        self.client = client
    }

    /// Reads the directory for a client app.
    ///
    /// - Parameters:
    ///   - profile: The client app and the resources it needs.
    ///   - tenant: The tenant the user named, kept when Graph does not return the tenant id.
    /// - Throws: `IdentityError` when no token can be obtained, and `CancellationError`. Graph
    ///   failures do not throw: they become `.unknown` lookups in the snapshot.
    public func read(profile: AppProfile, tenant: String?) async throws -> DirectorySnapshot {
        let token = try await client.tokenProvider.token()
        let appIds = Self.appIds(of: profile)
        let items = Self.firstRoundTrip(appIds: appIds)

        var requests: [GraphRequestRecord] = []
        var servicePrincipals: [String: Lookup<ServicePrincipal>] = [:]
        var authorizationPolicy: Lookup<AuthorizationPolicy>
        var adminConsentRequestPolicy: Lookup<AdminConsentRequestPolicy>
        var organization: Lookup<OrganizationIdentity>

        do {
            let batch = try await client.batch(items)
            requests += batch.requests
            for (item, appId) in zip(items, appIds) {
                let (lookup, extra) = try await servicePrincipal(appId: appId, response: batch.responses[item.id], item: item, batch: batch)
                servicePrincipals[appId] = lookup
                requests += extra
            }
            authorizationPolicy = await decodeItem("authorizationPolicy", in: batch, items: items, as: AuthorizationPolicy.self, decode: Self.authorizationPolicy)
            adminConsentRequestPolicy = await decodeItem("adminConsentRequestPolicy", in: batch, items: items, as: AdminConsentRequestPolicy.self, decode: Self.adminConsentRequestPolicy)
            organization = await decodeItem("organization", in: batch, items: items, as: OrganizationIdentity.self, decode: Self.organization)
        } catch let failure as GraphError {
            requests += failure.requests
            let lookupFailure = failure.lookupFailure
            for appId in appIds {
                servicePrincipals[appId] = .unknown(lookupFailure)
            }
            authorizationPolicy = .unknown(lookupFailure)
            adminConsentRequestPolicy = .unknown(lookupFailure)
            organization = .unknown(lookupFailure)
        }

        let clientAppId = profile.clientAppId.lowercased()
        let clientLookup = servicePrincipals[clientAppId]
            ?? .unknown(LookupFailure(kind: .notInInput, message: "The client service principal \(clientAppId) was not looked up."))
        let (grants, grantRequests) = try await readGrants(client: clientLookup)
        requests += grantRequests

        return DirectorySnapshot(
            source: .graph,
            tenant: organization.value?.id ?? tenant ?? token.tenantId,
            cloud: client.endpoints.cloud.name,
            clientAppId: clientAppId,
            servicePrincipals: servicePrincipals,
            grants: grants,
            authorizationPolicy: authorizationPolicy,
            adminConsentRequestPolicy: adminConsentRequestPolicy,
            requests: requests,
            roundTrips: requests.compactMap(\.attempts).reduce(0, +),
            tenantDomains: organization.value?.domains ?? [],
            organization: organization
        )
    }

    /// Returns the lower-case appIds of the client and every resource, without repeats.
    static func appIds(of profile: AppProfile) -> [String] {
        var seen = Set<String>()
        return ([profile.clientAppId] + profile.resources.map(\.appId))
            .map { $0.lowercased() }
            .filter { seen.insert($0).inserted }
    }

    static func servicePrincipalItemId(_ index: Int) -> String {
        "servicePrincipal-\(index)"
    }

    /// Returns the `$batch` items of the first round trip: one service principal lookup per appId,
    /// in the order of `appIds`, then the two policies and the organization.
    static func firstRoundTrip(appIds: [String]) -> [GraphBatchRequest] {
        let select = servicePrincipalProperties.joined(separator: ",")
        var items = appIds.enumerated().map { index, appId in
            GraphBatchRequest(
                id: servicePrincipalItemId(index),
                url: GraphPath.path("/servicePrincipals", query: [("$filter", "appId eq \(GraphPath.literal(appId))"), ("$select", select)])
            )
        }
        items.append(GraphBatchRequest(id: "authorizationPolicy", url: "/policies/authorizationPolicy"))
        items.append(GraphBatchRequest(id: "adminConsentRequestPolicy", url: "/policies/adminConsentRequestPolicy"))
        items.append(GraphBatchRequest(id: "organization", url: GraphPath.path("/organization", query: [("$select", "id,verifiedDomains")])))
        return items
    }

    /// Reads the grants whose client is the client service principal.
    private func readGrants(client servicePrincipal: Lookup<ServicePrincipal>) async throws -> (Lookup<[OAuth2PermissionGrant]>, [GraphRequestRecord]) {
        switch servicePrincipal {
        case .missing:
            return (.found([]), [])
        case .unknown(let failure):
            var reason = failure
            reason.message = "The client's oauth2PermissionGrants were not read, because its service principal could not be read. \(failure.message)"
            return (.unknown(reason), [])
        case .found(let principal):
            let path = GraphPath.path("/oauth2PermissionGrants", query: [("$filter", "clientId eq \(GraphPath.literal(principal.id))")])
            do {
                let collection = try await client.getCollection(path, of: OAuth2PermissionGrant.self)
                return (.found(collection.values), collection.requests)
            } catch let failure as GraphError {
                // Graph responses 404, not an empty list, when no grant has ever named this client.
                if failure.isNotFound {
                    return (.found([]), failure.requests)
                }
                return (.unknown(failure.lookupFailure), failure.requests)
            }
        }
    }
}
