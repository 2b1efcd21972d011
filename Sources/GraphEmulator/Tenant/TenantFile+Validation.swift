import Foundation

extension TenantFile {
    /// The permission names an identity may hold.
    static let permissionNames: Set<String> = ["read", "write"]
    /// The device code outcomes a tenant file may choose.
    static let deviceCodeOutcomes: Set<String> = ["approved", "declined", "expired"]

    /// Checks ids, references and enumerations that the JSON types alone cannot express.
    ///
    /// - Throws: `TenantFileError` for the first invalid field.
    func validate(source: String) throws {
        func fail(_ field: String, _ problem: String) -> TenantFileError {
            TenantFileError(source: source, field: field, problem: problem)
        }
        func requireGUID(_ value: String, _ field: String) throws {
            guard GUID.isValid(value) else {
                throw fail(field, "is '\(value)', which is not a GUID")
            }
        }

        try requireGUID(tenantId, "tenantId")
        guard !domains.isEmpty else {
            throw fail("domains", "is empty: list at least one verified domain")
        }
        for (index, domain) in domains.enumerated() where domain.name.isEmpty {
            throw fail("domains[\(index)].name", "is empty")
        }

        try validateCatalog(requireGUID: requireGUID, fail: fail)
        try validateServicePrincipals(requireGUID: requireGUID, fail: fail)
        try validateGrants(requireGUID: requireGUID, fail: fail)
        try validateIdentities(requireGUID: requireGUID, fail: fail)
    }

    private func validateCatalog(requireGUID: (String, String) throws -> Void, fail: (String, String) -> TenantFileError) throws {
        var appIds = Set<String>()
        for (index, app) in appCatalog.enumerated() {
            let field = "appCatalog[\(index)]"
            try requireGUID(app.appId, "\(field).appId")
            guard appIds.insert(app.appId.lowercased()).inserted else {
                throw fail("\(field).appId", "repeats appId '\(app.appId)'")
            }
            try validateScopes(app.oauth2PermissionScopes ?? [], field: "\(field).oauth2PermissionScopes", requireGUID: requireGUID, fail: fail)
        }
        for (index, application) in (applications ?? []).enumerated() {
            try requireGUID(application.id, "applications[\(index)].id")
            try requireGUID(application.appId, "applications[\(index)].appId")
        }
    }

    private func validateScopes(_ scopes: [PermissionScope], field: String, requireGUID: (String, String) throws -> Void, fail: (String, String) -> TenantFileError) throws {
        for (index, scope) in scopes.enumerated() {
            try requireGUID(scope.id, "\(field)[\(index)].id")
            if scope.value.isEmpty || scope.value.contains(" ") {
                throw fail("\(field)[\(index)].value", "is '\(scope.value)': a scope value is one non-empty word")
            }
            if let type = scope.type, type != "User", type != "Admin" {
                throw fail("\(field)[\(index)].type", "is '\(type)': expected 'User' or 'Admin'")
            }
        }
    }

    private func validateServicePrincipals(requireGUID: (String, String) throws -> Void, fail: (String, String) -> TenantFileError) throws {
        let catalogAppIds = Set(appCatalog.map { $0.appId.lowercased() })
        var ids = Set<String>()
        var appIds = Set<String>()
        for (index, servicePrincipal) in servicePrincipals.enumerated() {
            let field = "servicePrincipals[\(index)]"
            try requireGUID(servicePrincipal.id, "\(field).id")
            try requireGUID(servicePrincipal.appId, "\(field).appId")
            guard ids.insert(servicePrincipal.id.lowercased()).inserted else {
                throw fail("\(field).id", "repeats object id '\(servicePrincipal.id)'")
            }
            guard appIds.insert(servicePrincipal.appId.lowercased()).inserted else {
                throw fail("\(field).appId", "repeats appId '\(servicePrincipal.appId)': a tenant has one service principal per app")
            }
            if !catalogAppIds.contains(servicePrincipal.appId.lowercased()) && servicePrincipal.displayName == nil {
                throw fail("\(field).displayName", "is missing, and appId '\(servicePrincipal.appId)' is not in appCatalog to supply it")
            }
            try validateScopes(servicePrincipal.oauth2PermissionScopes ?? [], field: "\(field).oauth2PermissionScopes", requireGUID: requireGUID, fail: fail)
        }
    }

    private func validateGrants(requireGUID: (String, String) throws -> Void, fail: (String, String) -> TenantFileError) throws {
        let servicePrincipalIds = Set(servicePrincipals.map { $0.id.lowercased() })
        var keys = Set<String>()
        var grantIds = Set<String>()
        for (index, grant) in oauth2PermissionGrants.enumerated() {
            let field = "oauth2PermissionGrants[\(index)]"
            for (name, value) in [("clientId", grant.clientId), ("resourceId", grant.resourceId)] {
                try requireGUID(value, "\(field).\(name)")
                guard servicePrincipalIds.contains(value.lowercased()) else {
                    throw fail("\(field).\(name)", "is '\(value)', which is not the id of a service principal in servicePrincipals")
                }
            }
            switch grant.consentType {
            case "AllPrincipals":
                if grant.principalId != nil {
                    throw fail("\(field).principalId", "must be absent or null for consentType 'AllPrincipals'")
                }
            case "Principal":
                guard let principalId = grant.principalId else {
                    throw fail("\(field).principalId", "is missing: consentType 'Principal' needs the user's object id")
                }
                try requireGUID(principalId, "\(field).principalId")
            default:
                throw fail("\(field).consentType", "is '\(grant.consentType)': expected 'AllPrincipals' or 'Principal'")
            }
            let key = PermissionGrantRecord.key(clientId: grant.clientId, resourceId: grant.resourceId, consentType: grant.consentType, principalId: grant.principalId)
            guard keys.insert(key).inserted else {
                throw fail(field, "repeats the client, resource, consent type and principal of an earlier grant; Graph keeps one grant per combination")
            }
            let id = grant.id ?? PermissionGrantRecord.derivedId(clientId: grant.clientId, resourceId: grant.resourceId, principalId: grant.principalId)
            guard grantIds.insert(id).inserted else {
                throw fail("\(field).id", "repeats grant id '\(id)'")
            }
        }
    }

    private func validateIdentities(requireGUID: (String, String) throws -> Void, fail: (String, String) -> TenantFileError) throws {
        var names = Set<String>()
        var tokens = Set<String>()
        var clientIds = Set<String>()
        for (index, identity) in identities.enumerated() {
            let field = "identities[\(index)]"
            guard !identity.name.isEmpty, names.insert(identity.name).inserted else {
                throw fail("\(field).name", "is empty or repeats '\(identity.name)'")
            }
            for (permissionIndex, permission) in identity.permissions.enumerated() where !Self.permissionNames.contains(permission) {
                throw fail("\(field).permissions[\(permissionIndex)]", "is '\(permission)': expected 'read' or 'write'")
            }
            if let objectId = identity.objectId {
                try requireGUID(objectId, "\(field).objectId")
            }
            // The values themselves stay out of messages: they are credentials.
            for (tokenIndex, token) in (identity.staticTokens ?? []).enumerated() {
                guard !token.isEmpty, tokens.insert(token).inserted else {
                    throw fail("\(field).staticTokens[\(tokenIndex)]", "is empty or repeats a token listed earlier")
                }
            }
            if let credentials = identity.clientCredentials {
                try requireGUID(credentials.clientId, "\(field).clientCredentials.clientId")
                guard clientIds.insert(credentials.clientId.lowercased()).inserted else {
                    throw fail("\(field).clientCredentials.clientId", "repeats client id '\(credentials.clientId)'")
                }
                if credentials.clientSecret.isEmpty {
                    throw fail("\(field).clientCredentials.clientSecret", "is empty")
                }
            }
            if let managedIdentity = identity.managedIdentity {
                if managedIdentity.identityHeader.isEmpty {
                    throw fail("\(field).managedIdentity.identityHeader", "is empty")
                }
                if let clientId = managedIdentity.clientId {
                    try requireGUID(clientId, "\(field).managedIdentity.clientId")
                }
            }
            if let deviceCode = identity.deviceCode {
                try validateDeviceCode(deviceCode, field: "\(field).deviceCode", requireGUID: requireGUID, fail: fail)
            }
        }
    }

    private func validateDeviceCode(_ deviceCode: DeviceCode, field: String, requireGUID: (String, String) throws -> Void, fail: (String, String) -> TenantFileError) throws {
        for (index, clientId) in (deviceCode.clientIds ?? []).enumerated() {
            try requireGUID(clientId, "\(field).clientIds[\(index)]")
        }
        if let outcome = deviceCode.outcome, !Self.deviceCodeOutcomes.contains(outcome) {
            throw fail("\(field).outcome", "is '\(outcome)': expected 'approved', 'declined' or 'expired'")
        }
        for (name, value) in [("pendingPolls", deviceCode.pendingPolls), ("slowDownPolls", deviceCode.slowDownPolls), ("interval", deviceCode.interval), ("expiresIn", deviceCode.expiresIn)] {
            if let value, value < 0 {
                throw fail("\(field).\(name)", "is \(value): expected zero or more")
            }
        }
    }
}
