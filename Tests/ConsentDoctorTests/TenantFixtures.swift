@testable import ConsentDoctor

/// Snapshots of a RedisInsight tenant in known states, built in code for the check tests.
enum TenantFixtures {
    static let tenant = "7d2b4c1e-9a3f-4e58-b6c0-1f8e2a5d3c79"
    static let otherTenant = "c7e1a9d4-52b8-4f0e-9d13-7a6b2e8f0c35"

    static let clientAppId = WellKnownApps.redisInsight.appId
    static let redisAppId = WellKnownApps.azureRedisCache.appId
    static let armAppId = WellKnownApps.azureResourceManager.appId
    static let graphAppId = WellKnownApps.microsoftGraph.appId

    static let clientObjectId = "5a7c2e91-0d4b-4f36-b8e2-c9a1d3f07b64"
    static let redisObjectId = "3c9e1f72-84a6-4d0b-9e25-6f1a7c3d8b40"
    static let armObjectId = "e1d0c7a3-6b29-4f84-9a5e-0f3c8b2d7164"
    static let graphObjectId = "9b4f2d18-7c3e-4a61-b0d5-2e8f6a1c4d97"

    static let redisGrantId = "kS56WkvQNk-44smh0_B7ZHIfnjymhA1LniVvGnw9i0A"
    static let armGrantId = "kS56WkvQNk-44smh0_B7ZLp0aPE7QoRAkJ4YjwzQ1xk"
    static let graphGrantId = "kS56WkvQNk-44smh0_B7ZBi0n3w-YUqw1S6PahwdSX4"

    static let userA = "4c8e2a61-9d3b-4f07-a5e1-7b2c9f0d6e38"
    static let userB = "b1d7f3a9-6e2c-4805-9a4d-3c8e1f7b2a56"

    static let profile = AppProfile.redisInsight

    static var client: ServicePrincipal {
        ServicePrincipal(
            id: clientObjectId,
            appId: clientAppId,
            displayName: "Redis Insight",
            accountEnabled: true,
            appRoleAssignmentRequired: false,
            oauth2PermissionScopes: []
        )
    }

    static func api(_ objectId: String, appId: String, name: String) -> ServicePrincipal {
        ServicePrincipal(
            id: objectId,
            appId: appId,
            displayName: name,
            accountEnabled: true,
            appRoleAssignmentRequired: false,
            oauth2PermissionScopes: [
                PermissionScope(id: "d84b6e1c-5f27-4a3d-9c80-2e7f1b4a6d35", value: "user_impersonation", type: "User", isEnabled: true),
            ]
        )
    }

    static var redis: ServicePrincipal { api(redisObjectId, appId: redisAppId, name: "AzureRedisCacheAadApp") }
    static var arm: ServicePrincipal { api(armObjectId, appId: armAppId, name: "Windows Azure Service Management API") }
    static var graph: ServicePrincipal {
        ServicePrincipal(id: graphObjectId, appId: graphAppId, displayName: "Microsoft Graph", accountEnabled: true)
    }

    static func tenantWide(_ id: String, to resourceId: String, scope: String) -> OAuth2PermissionGrant {
        OAuth2PermissionGrant(id: id, clientId: clientObjectId, consentType: .allPrincipals, resourceId: resourceId, scope: scope)
    }

    static func perUser(_ id: String, user: String, to resourceId: String, scope: String) -> OAuth2PermissionGrant {
        OAuth2PermissionGrant(id: id, clientId: clientObjectId, consentType: .principal, principalId: user, resourceId: resourceId, scope: scope)
    }

    static var healthyGrants: [OAuth2PermissionGrant] {
        [
            tenantWide(redisGrantId, to: redisObjectId, scope: "user_impersonation"),
            tenantWide(armGrantId, to: armObjectId, scope: "user_impersonation"),
            tenantWide(graphGrantId, to: graphObjectId, scope: "openid profile offline_access"),
        ]
    }

    static let lowRiskUserConsent = AuthorizationPolicy(permissionGrantPoliciesAssigned: [
        "ManagePermissionGrantsForSelf.microsoft-user-default-low",
        "ManagePermissionGrantsForOwnedResource.microsoft-dynamically-managed-permissions-for-team",
    ])
    static let noUserConsent = AuthorizationPolicy(permissionGrantPoliciesAssigned: [
        "ManagePermissionGrantsForOwnedResource.microsoft-dynamically-managed-permissions-for-team",
    ])

    static func denied(_ what: String) -> LookupFailure {
        LookupFailure(
            kind: .permissionDenied,
            message: "Graph returned 403 Authorization_RequestDenied while reading \(what).",
            httpStatus: 403,
            graphErrorCode: "Authorization_RequestDenied",
            requestId: "0f3e9b2a-7c41-4d85-a6e2-9b1c3d5f7a80"
        )
    }

    /// Returns a tenant where every check passes.
    static func healthy() -> DirectorySnapshot {
        DirectorySnapshot(
            source: .graph,
            tenant: tenant,
            cloud: "AzureCloud",
            clientAppId: clientAppId,
            servicePrincipals: [
                clientAppId: .found(client),
                redisAppId: .found(redis),
                armAppId: .found(arm),
                graphAppId: .found(graph),
            ],
            grants: .found(healthyGrants),
            authorizationPolicy: .found(lowRiskUserConsent),
            adminConsentRequestPolicy: .found(AdminConsentRequestPolicy(isEnabled: true, reviewerCount: 1))
        )
    }

    static func context(_ snapshot: DirectorySnapshot, expecting tenants: [ExpectedTenant] = []) -> CheckContext {
        CheckContext(snapshot: snapshot, profile: profile, expectedTenants: tenants)
    }
}

extension DirectorySnapshot {
    /// Returns a copy with the grant list changed.
    func replacingGrants(_ change: (inout [OAuth2PermissionGrant]) -> Void) -> DirectorySnapshot {
        var copy = self
        var grants = copy.grants.value ?? []
        change(&grants)
        copy.grants = .found(grants)
        return copy
    }

    /// Returns a copy with one service principal lookup replaced.
    func setting(_ appId: String, _ lookup: Lookup<ServicePrincipal>) -> DirectorySnapshot {
        var copy = self
        copy.servicePrincipals[appId.lowercased()] = lookup
        return copy
    }
}

/// The id and status of each finding, in order, for comparing a whole report at once.
struct FindingState: Equatable, CustomStringConvertible {
    var id: String
    var status: FindingStatus

    init(_ id: String, _ status: FindingStatus) {
        self.id = id
        self.status = status
    }

    var description: String { "\(id)=\(status.rawValue)" }

    static func of(_ findings: [Finding]) -> [FindingState] {
        findings.map { FindingState($0.id, $0.status) }
    }
}
