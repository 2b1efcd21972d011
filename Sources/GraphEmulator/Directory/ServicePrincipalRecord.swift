import Foundation

/// A service principal as the emulator stores it.
struct ServicePrincipalRecord: Sendable {
    var id: String
    var appId: String
    var displayName: String
    var appDisplayName: String
    var accountEnabled: Bool
    var appRoleAssignmentRequired: Bool
    var disabledByMicrosoftStatus: String?
    var appOwnerOrganizationId: String?
    var publisherName: String?
    var signInAudience: String?
    var servicePrincipalNames: [String]
    var replyUrls: [String]
    var oauth2PermissionScopes: [TenantFile.PermissionScope]
    var tags: [String]
    var createdDateTime: String?

    /// Builds a record from a tenant file entry, filling absent fields from the catalogue entry.
    init(_ entry: TenantFile.ServicePrincipal, catalogApp: TenantFile.CatalogApp?) {
        id = entry.id.lowercased()
        appId = entry.appId.lowercased()
        displayName = entry.displayName ?? catalogApp?.displayName ?? entry.appId
        appDisplayName = catalogApp?.displayName ?? displayName
        accountEnabled = entry.accountEnabled ?? true
        appRoleAssignmentRequired = entry.appRoleAssignmentRequired ?? false
        disabledByMicrosoftStatus = entry.disabledByMicrosoftStatus
        appOwnerOrganizationId = entry.appOwnerOrganizationId ?? catalogApp?.appOwnerOrganizationId
        publisherName = catalogApp?.publisherName
        signInAudience = catalogApp?.signInAudience
        servicePrincipalNames = entry.servicePrincipalNames ?? catalogApp?.servicePrincipalNames ?? [appId]
        replyUrls = entry.replyUrls ?? catalogApp?.replyUrls ?? []
        oauth2PermissionScopes = entry.oauth2PermissionScopes ?? catalogApp?.oauth2PermissionScopes ?? []
        tags = entry.tags ?? []
        createdDateTime = nil
    }

    /// Builds the service principal Graph creates for a catalogue app.
    init(id: String, catalogApp: TenantFile.CatalogApp, createdDateTime: String) {
        let entry = TenantFile.ServicePrincipal(id: id, appId: catalogApp.appId)
        self.init(entry, catalogApp: catalogApp)
        self.createdDateTime = createdDateTime
    }

    /// The properties `PATCH /servicePrincipals/{id}` may change.
    static let writableProperties: Set<String> = ["accountEnabled", "appRoleAssignmentRequired", "displayName", "tags", "notes"]

    /// The properties `$select` and `$filter` may name.
    static let propertyNames: Set<String> = [
        "id", "deletedDateTime", "accountEnabled", "alternativeNames", "appDisplayName", "appDescription", "appId",
        "applicationTemplateId", "appOwnerOrganizationId", "appRoleAssignmentRequired", "createdDateTime", "description",
        "disabledByMicrosoftStatus", "displayName", "homepage", "loginUrl", "logoutUrl", "notes", "notificationEmailAddresses",
        "preferredSingleSignOnMode", "preferredTokenSigningKeyThumbprint", "replyUrls", "servicePrincipalNames",
        "servicePrincipalType", "signInAudience", "tags", "tokenEncryptionKeyId", "verifiedPublisher", "addIns", "appRoles",
        "info", "keyCredentials", "oauth2PermissionScopes", "passwordCredentials", "resourceSpecificApplicationPermissions",
        "samlSingleSignOnSettings",
    ]
}

extension TenantFile.ServicePrincipal {
    init(id: String, appId: String) {
        self.init(
            id: id, appId: appId, displayName: nil, accountEnabled: nil, appRoleAssignmentRequired: nil,
            disabledByMicrosoftStatus: nil, appOwnerOrganizationId: nil, servicePrincipalNames: nil, replyUrls: nil,
            oauth2PermissionScopes: nil, tags: nil
        )
    }
}
