import Foundation

extension ServicePrincipalRecord {
    /// Returns the full Graph v1.0 representation, with null and empty values where Graph has them.
    func jsonObject() -> JSONObject {
        let scopes: [JSONObject] = oauth2PermissionScopes.map { scope in
            [
                "id": scope.id,
                "value": scope.value,
                "type": scope.type ?? "User",
                "isEnabled": scope.isEnabled ?? true,
                "adminConsentDisplayName": JSONSupport.nullable(scope.adminConsentDisplayName),
                "adminConsentDescription": JSONSupport.nullable(scope.adminConsentDescription),
                "userConsentDisplayName": JSONSupport.nullable(scope.userConsentDisplayName),
                "userConsentDescription": JSONSupport.nullable(scope.userConsentDescription),
            ]
        }
        return [
            "id": id,
            "deletedDateTime": NSNull(),
            "accountEnabled": accountEnabled,
            "alternativeNames": [String](),
            "appDisplayName": appDisplayName,
            "appDescription": NSNull(),
            "appId": appId,
            "applicationTemplateId": NSNull(),
            "appOwnerOrganizationId": JSONSupport.nullable(appOwnerOrganizationId),
            "appRoleAssignmentRequired": appRoleAssignmentRequired,
            "createdDateTime": JSONSupport.nullable(createdDateTime),
            "description": NSNull(),
            "disabledByMicrosoftStatus": JSONSupport.nullable(disabledByMicrosoftStatus),
            "displayName": displayName,
            "homepage": NSNull(),
            "loginUrl": NSNull(),
            "logoutUrl": NSNull(),
            "notes": NSNull(),
            "notificationEmailAddresses": [String](),
            "preferredSingleSignOnMode": NSNull(),
            "preferredTokenSigningKeyThumbprint": NSNull(),
            "replyUrls": replyUrls,
            "servicePrincipalNames": servicePrincipalNames,
            "servicePrincipalType": "Application",
            "signInAudience": JSONSupport.nullable(signInAudience),
            "tags": tags,
            "tokenEncryptionKeyId": NSNull(),
            "samlSingleSignOnSettings": NSNull(),
            "verifiedPublisher": [
                "displayName": JSONSupport.nullable(publisherName),
                "verifiedPublisherId": NSNull(),
                "addedDateTime": NSNull(),
            ] as JSONObject,
            "addIns": [Any](),
            "appRoles": [Any](),
            "info": [
                "logoUrl": NSNull(),
                "marketingUrl": NSNull(),
                "privacyStatementUrl": NSNull(),
                "supportUrl": NSNull(),
                "termsOfServiceUrl": NSNull(),
            ] as JSONObject,
            "keyCredentials": [Any](),
            "oauth2PermissionScopes": scopes,
            "passwordCredentials": [Any](),
            "resourceSpecificApplicationPermissions": [Any](),
        ]
    }
}
