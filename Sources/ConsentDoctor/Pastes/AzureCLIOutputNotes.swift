/// Notes for Azure CLI output pasted into `explain` that contains no sign-in error, such as
/// `az ad sp show` for a missing service principal or `az ad app permission list-grants`.
enum AzureCLIOutputNotes {
    private static let missingServicePrincipal = TextPattern(#"Service principal '([^']{1,200})' doesn't exist"#)

    /// Returns notes for text output, such as `ERROR: Service principal '...' doesn't exist`.
    static func notes(forText text: String) -> [String] {
        guard let appId = missingServicePrincipal.firstCapture(in: text) else {
            return []
        }
        guard let normalized = Identifiers.normalizedGUID(appId) else {
            return ["This is Azure CLI output, not a sign-in error: it says a service principal does not exist in the tenant az is signed in to, but the id it names is not a GUID."]
        }
        let name = WellKnownApps.app(appId: normalized).map { " (\($0.displayName))" } ?? ""
        return [
            "This is Azure CLI output, not a sign-in error: the tenant az is signed in to has no service principal for \(normalized)\(name). "
                + "Apps that need it fail with AADSTS650052 or AADSTS500011 in that tenant. "
                + "`\(ShellQuoting.commandLine(["az", "ad", "sp", "create", "--id", normalized]))` creates it, and `consent-doctor check` lists everything else the tenant is missing.",
        ]
    }

    /// Returns notes for JSON output, such as the array `az ad app permission list-grants` prints.
    static func notes(forJSON json: Any) -> [String] {
        if let array = json as? [[String: Any]], let first = array.first,
           first["clientId"] != nil, first["consentType"] != nil, first["resourceId"] != nil {
            return ["This is the output of `az ad app permission list-grants`, not a sign-in error. `consent-doctor check --az-output FILE` reads it to find missing grants."]
        }
        if let object = json as? [String: Any], object["appId"] != nil, object["servicePrincipalType"] != nil || object["appOwnerOrganizationId"] != nil {
            return ["This is a service principal as `az ad sp show` prints it, not a sign-in error."]
        }
        return []
    }
}
