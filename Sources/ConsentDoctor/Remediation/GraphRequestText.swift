/// URLs and JSON bodies of the Graph requests that emitted scripts send. Every value has passed
/// `ScriptPlan`'s validation (GUIDs, grant ids, scope tokens or fixed placeholders), none of which
/// contains a quote, a backslash, a percent sign or a space, so the values go in as they are.
enum GraphRequestText {
    /// Returns the URL that lists the service principal of an appId, selecting only its id.
    /// The space and the quotes of the filter are percent-encoded, so the URL is one word.
    static func servicePrincipalLookupURL(root: String, appId: String) -> String {
        "\(root)/servicePrincipals?$filter=appId%20eq%20%27\(appId)%27&$select=id"
    }

    static func servicePrincipalsURL(root: String) -> String {
        "\(root)/servicePrincipals"
    }

    static func grantsURL(root: String) -> String {
        "\(root)/oauth2PermissionGrants"
    }

    static func grantURL(root: String, grantId: String) -> String {
        "\(root)/oauth2PermissionGrants/\(grantId)"
    }

    /// Returns `{"appId":"…"}`.
    static func servicePrincipalBody(appId: String) -> String {
        #"{"appId":"\#(appId)"}"#
    }

    /// Returns the body that creates an `AllPrincipals` grant. `clientId` and `resourceId` may be
    /// `%s` for a `printf` format that fills them in at run time.
    static func grantBody(clientId: String, resourceId: String, scopes: [String]) -> String {
        #"{"clientId":"\#(clientId)","consentType":"AllPrincipals","resourceId":"\#(resourceId)","scope":"\#(scopes.joined(separator: " "))"}"#
    }

    /// Returns `{"scope":"…"}`, which replaces a grant's whole scope.
    static func scopeBody(_ scopes: [String]) -> String {
        #"{"scope":"\#(scopes.joined(separator: " "))"}"#
    }
}
