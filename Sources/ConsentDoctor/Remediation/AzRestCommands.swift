/// Builds `az rest` command lines that change oauth2PermissionGrants through Graph directly.
///
/// Unlike `az ad app permission grant`, these leave per-user grants alone: a PATCH sets the scope
/// of one existing grant, and a POST creates a tenant-wide grant beside the per-user ones. Every
/// value is validated here, and a builder returns nil rather than emit a value that fails.
public enum AzRestCommands {
    /// Returns `az rest --method PATCH` that sets the scope of grant `grantId` to `scopes`.
    ///
    /// Graph replaces the scope with the body's value, so `scopes` must be the full list.
    public static func replaceScopeLine(grantId: String, scopes: [String], cloud: Cloud) -> String? {
        guard Identifiers.isGrantId(grantId), let scope = scopeValue(scopes) else {
            return nil
        }
        let url = "\(cloud.graphURL)/v1.0/oauth2PermissionGrants/\(grantId)"
        let body = #"{"scope":"\#(scope)"}"#
        return ShellQuoting.commandLine(["az", "rest", "--method", "PATCH", "--url", url, "--body", body])
    }

    /// Returns `az rest --method POST` that creates an `AllPrincipals` grant from the client
    /// service principal to the resource service principal, both given by object id.
    public static func createGrantLine(clientObjectId: String, resourceObjectId: String, scopes: [String], cloud: Cloud) -> String? {
        guard Identifiers.isGUID(clientObjectId), Identifiers.isGUID(resourceObjectId), let scope = scopeValue(scopes) else {
            return nil
        }
        let url = "\(cloud.graphURL)/v1.0/oauth2PermissionGrants"
        let body = #"{"clientId":"\#(clientObjectId.lowercased())","consentType":"AllPrincipals","resourceId":"\#(resourceObjectId.lowercased())","scope":"\#(scope)"}"#
        return ShellQuoting.commandLine(["az", "rest", "--method", "POST", "--url", url, "--body", body])
    }

    /// Joins valid scope tokens with spaces. Scope tokens hold no character that JSON or the
    /// shell would need to escape inside the quoted body.
    private static func scopeValue(_ scopes: [String]) -> String? {
        guard !scopes.isEmpty, scopes.allSatisfy({ Identifiers.isScopeToken($0) }) else {
            return nil
        }
        return scopes.joined(separator: " ")
    }
}
