import Testing
@testable import ConsentDoctor

/// Fix plans for the `--emit` golden files, written out by hand so the files change only when an
/// emitter changes.
enum EmitSamples {
    typealias T = TenantFixtures

    static let clouds = ["AzureCloud", "AzureUSGovernment", "AzureChinaCloud"]

    /// The plans that get one golden file per cloud and form.
    static let cloudPlanNames = ["missing-service-principal", "extend-grant", "per-user-grants"]

    static func plan(_ name: String, cloud: String) -> FixPlan {
        switch name {
        case "missing-service-principal":
            return missingServicePrincipal(cloud: cloud)
        case "extend-grant":
            return extendGrant(cloud: cloud)
        default:
            return perUserGrants(cloud: cloud)
        }
    }

    static func signIn() -> FixStep {
        FixStep(kind: .signIn, reason: "Sign in to the tenant whose users need RedisInsight, as an admin who may create service principals and grant consent.", tenant: T.tenant)
    }

    /// Returns the plan for a tenant where the Redis API has no service principal and no grant.
    static func missingServicePrincipal(cloud: String) -> FixPlan {
        FixPlan(tenant: T.tenant, cloud: cloud, clientAppId: T.clientAppId, stateAware: true, steps: [
            signIn(),
            FixStep(kind: .createServicePrincipal, reason: "The tenant has no service principal for AzureRedisCacheAadApp.", appId: T.redisAppId, displayName: "AzureRedisCacheAadApp"),
            FixStep(
                kind: .createGrant,
                reason: "No tenant-wide grant gives RedisInsight user_impersonation on AzureRedisCacheAadApp.",
                clientAppId: T.clientAppId,
                resourceAppId: T.redisAppId,
                resourceDisplayName: "AzureRedisCacheAadApp",
                clientObjectId: T.clientObjectId,
                requiredScopes: ["user_impersonation"],
                scopesAfter: ["user_impersonation"]
            ),
        ])
    }

    /// Returns the plan for a tenant whose Redis grant contains only Data.Read.
    static func extendGrant(cloud: String) -> FixPlan {
        FixPlan(tenant: T.tenant, cloud: cloud, clientAppId: T.clientAppId, stateAware: true, steps: [
            signIn(),
            FixStep(
                kind: .extendGrant,
                reason: "The tenant-wide grant to AzureRedisCacheAadApp lacks user_impersonation.",
                clientAppId: T.clientAppId,
                resourceAppId: T.redisAppId,
                resourceDisplayName: "AzureRedisCacheAadApp",
                grantId: T.redisGrantId,
                clientObjectId: T.clientObjectId,
                resourceObjectId: T.redisObjectId,
                existingScopes: ["Data.Read"],
                requiredScopes: ["user_impersonation"],
                scopesAfter: ["Data.Read", "user_impersonation"]
            ),
        ])
    }

    /// Returns the plan for a tenant where users have grants of their own to the Redis API (no
    /// tenant-wide grant) and to Resource Manager (whose tenant-wide grant lacks a scope).
    static func perUserGrants(cloud: String) -> FixPlan {
        FixPlan(tenant: T.tenant, cloud: cloud, clientAppId: T.clientAppId, stateAware: true, steps: [
            signIn(),
            FixStep(
                kind: .createGrant,
                reason: "No tenant-wide grant gives RedisInsight user_impersonation on AzureRedisCacheAadApp.",
                clientAppId: T.clientAppId,
                resourceAppId: T.redisAppId,
                resourceDisplayName: "AzureRedisCacheAadApp",
                clientObjectId: T.clientObjectId,
                resourceObjectId: T.redisObjectId,
                requiredScopes: ["user_impersonation"],
                scopesAfter: ["user_impersonation"],
                perUserGrantCount: 2
            ),
            FixStep(
                kind: .extendGrant,
                reason: "The tenant-wide grant to Windows Azure Service Management API lacks user_impersonation.",
                clientAppId: T.clientAppId,
                resourceAppId: T.armAppId,
                resourceDisplayName: "Windows Azure Service Management API",
                grantId: T.armGrantId,
                clientObjectId: T.clientObjectId,
                resourceObjectId: T.armObjectId,
                existingScopes: ["Other.Read"],
                requiredScopes: ["user_impersonation"],
                scopesAfter: ["Other.Read", "user_impersonation"],
                perUserGrantCount: 1
            ),
        ], warnings: [
            "2 users have grants of their own to AzureRedisCacheAadApp. az ad app permission grant deletes every per-user grant to it before it creates the tenant-wide grant.",
            "1 user has a grant of their own to Windows Azure Service Management API. az ad app permission grant deletes every per-user grant to it before it creates the tenant-wide grant.",
        ])
    }

    /// A plan `explain` builds from an error that names neither the tenant nor the scopes.
    static let explainWithPlaceholders = FixPlan(
        tenant: nil,
        cloud: "AzureCloud",
        clientAppId: T.clientAppId,
        stateAware: false,
        steps: [
            FixStep(kind: .signIn, reason: "Sign in to the tenant that issues the failing token."),
            FixStep(kind: .createServicePrincipal, reason: "The tenant has no service principal for the API.", appId: AzCommands.resourcePlaceholder),
            FixStep(
                kind: .createGrant,
                reason: "Grant RedisInsight the delegated scopes it needs on the API for every user.",
                clientAppId: T.clientAppId,
                resourceAppId: AzCommands.resourcePlaceholder,
                requiredScopes: [AzCommands.scopePlaceholder],
                scopesAfter: [AzCommands.scopePlaceholder]
            ),
        ],
        warnings: ["`az ad sp create` fails when the service principal already exists; that failure is harmless, so go on with the next command."]
    )

    /// Returns the plan `explain` builds from a 650052 error in `tenant`: sign in, create the Redis
    /// API's service principal, grant it to RedisInsight.
    static func explainMissingServicePrincipal(tenant: String) -> FixPlan {
        FixPlan(
            tenant: tenant,
            cloud: "AzureCloud",
            clientAppId: T.clientAppId,
            stateAware: false,
            steps: [
                FixStep(kind: .signIn, reason: "Sign in to the tenant that issues the failing token.", tenant: tenant),
                FixStep(kind: .createServicePrincipal, reason: "The tenant has no service principal for AzureRedisCacheAadApp.", appId: T.redisAppId, displayName: "AzureRedisCacheAadApp"),
                FixStep(
                    kind: .createGrant,
                    reason: "Grant RedisInsight the delegated scopes it needs on AzureRedisCacheAadApp for every user.",
                    clientAppId: T.clientAppId,
                    resourceAppId: T.redisAppId,
                    resourceDisplayName: "AzureRedisCacheAadApp",
                    requiredScopes: ["user_impersonation"],
                    scopesAfter: ["user_impersonation"]
                ),
            ],
            warnings: [GrantPlanner.createWarning, GrantPlanner.replaceWarning]
        )
    }

    /// Returns the merged plan `explain` emits for a paste with the same 650052 error from two tenants.
    static func explainTwoTenants() throws -> FixPlan {
        let plans = [T.tenant, T.otherTenant].map(explainMissingServicePrincipal(tenant:))
        return try #require(RemediationEmitter.merged(plans))
    }

    /// Returns the golden file's extension for a form.
    static func fileExtension(_ form: EmitForm) -> String {
        switch form {
        case .az:
            return "az.sh"
        case .rest:
            return "rest.sh"
        case .powershell:
            return "ps1"
        case .url:
            return "url.txt"
        }
    }
}
