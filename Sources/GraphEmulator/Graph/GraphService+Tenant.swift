import Foundation

extension TenantFile.Application {
    func filterValue(_ property: String) -> FilterValue {
        switch property {
        case "id": .string(id)
        case "appId": .string(appId)
        case "displayName": .string(displayName)
        case "identifierUris": .strings(identifierUris ?? [])
        default: .string(nil)
        }
    }

    func jsonObject() -> JSONObject {
        [
            "id": id,
            "appId": appId,
            "displayName": displayName,
            "identifierUris": identifierUris ?? [],
            "signInAudience": signInAudience ?? "AzureADMyOrg",
            "requiredResourceAccess": [Any](),
            "passwordCredentials": [Any](),
            "keyCredentials": [Any](),
        ]
    }
}

/// Tenant-wide resources read from the tenant file: applications, policies, organization and `/me`.
extension GraphService {
    func listApplications(_ request: HTTPRequest, context: GraphContext) throws -> GraphResult {
        let names: Set<String> = ["id", "appId", "displayName", "identifierUris", "signInAudience", "requiredResourceAccess", "passwordCredentials", "keyCredentials"]
        let query = try CollectionQuery.parse(request, schema: .application, propertyNames: names)
        let matches = (tenant.applications ?? []).filter { query.filter?.matches($0.filterValue) ?? true }
        return page(matches.map { $0.jsonObject() }, query: query, request: request, collectionPath: "/applications", contextFragment: "applications", context: context)
    }

    func getApplication(_ id: String, context: GraphContext) throws -> GraphResult {
        try requireObjectId(id)
        guard let application = (tenant.applications ?? []).first(where: { GUID.same($0.id, id) }) else {
            throw GraphError.resourceNotFound(id)
        }
        var object = application.jsonObject()
        object["@odata.context"] = metadataContext("applications/$entity", context: context)
        return .json(200, object)
    }

    func authorizationPolicy(context: GraphContext) -> GraphResult {
        let policy = tenant.authorizationPolicy
        let permissions: JSONObject = [
            "allowedToCreateApps": policy.allowedToCreateApps ?? true,
            "allowedToCreateSecurityGroups": true,
            "allowedToCreateTenants": true,
            "allowedToReadBitlockerKeysForOwnedDevice": true,
            "allowedToReadOtherUsers": true,
            "permissionGrantPoliciesAssigned": policy.permissionGrantPoliciesAssigned,
        ]
        let body: JSONObject = [
            "@odata.context": metadataContext("policies/authorizationPolicy/$entity", context: context),
            "id": "authorizationPolicy",
            "displayName": "Authorization Policy",
            "description": "Tenant-wide authorization settings, served by the emulator from the tenant file.",
            "allowInvitesFrom": "everyone",
            "allowedToSignUpEmailBasedSubscriptions": true,
            "allowedToUseSSPR": true,
            "allowEmailVerifiedUsersToJoinOrganization": false,
            "blockMsolPowerShell": false,
            "guestUserRoleId": "10dae51f-b6af-4016-8d66-8c2a99b929b3",
            "defaultUserRolePermissions": permissions,
        ]
        return .json(200, body)
    }

    func adminConsentRequestPolicy(context: GraphContext) -> GraphResult {
        let policy = tenant.adminConsentRequestPolicy
        let reviewers: [JSONObject] = (policy.reviewers ?? []).map { reviewer in
            ["query": reviewer.query, "queryType": reviewer.queryType ?? "MicrosoftGraph", "queryRoot": JSONSupport.nullable(reviewer.queryRoot)]
        }
        let body: JSONObject = [
            "@odata.context": metadataContext("policies/adminConsentRequestPolicy/$entity", context: context),
            "isEnabled": policy.isEnabled,
            "notifyReviewers": policy.notifyReviewers ?? false,
            "remindersEnabled": policy.remindersEnabled ?? false,
            "requestDurationInDays": policy.requestDurationInDays ?? 30,
            "version": 0,
            "reviewers": reviewers,
        ]
        return .json(200, body)
    }

    func organization(context: GraphContext) -> GraphResult {
        let domains: [JSONObject] = tenant.domains.map { domain in
            [
                "capabilities": "Email, OfficeCommunicationsOnline",
                "isDefault": domain.isDefault ?? false,
                "isInitial": domain.isInitial ?? false,
                "name": domain.name,
                "type": "Managed",
            ]
        }
        let organization: JSONObject = [
            "id": tenant.tenantId,
            "displayName": tenant.displayName ?? tenant.domains[0].name,
            "tenantType": "AAD",
            "verifiedDomains": domains,
        ]
        return .json(200, ["@odata.context": metadataContext("organization", context: context), "value": [organization]] as JSONObject)
    }

    /// Serves `/me`, which only a delegated (user) token can name.
    func me(context: GraphContext) throws -> GraphResult {
        guard context.caller.kind == .user else {
            throw GraphError.badRequest("/me needs a delegated token that names a signed-in user; this token belongs to an application or is absent.")
        }
        let body: JSONObject = [
            "@odata.context": metadataContext("users/$entity", context: context),
            "id": JSONSupport.nullable(context.caller.objectId),
            "userPrincipalName": JSONSupport.nullable(context.caller.userPrincipalName),
            "displayName": context.caller.identityName,
        ]
        return .json(200, body)
    }
}
