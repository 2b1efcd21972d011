/// A service principal known only from another object that refers to it, such as the `resourceId`
/// of a grant in pasted `az ad app permission list-grants` output.
///
/// A reference proves that the service principal exists and gives its object id, but none of its
/// properties, so checks that need `accountEnabled` or the exposed scopes still need the object.
public struct ServicePrincipalReference: Codable, Sendable, Equatable {
    /// The object id in the tenant.
    public var objectId: String
    public var appId: String
    /// The display name the referring output printed, if any.
    public var displayName: String?
    /// The evidence phrase that ties the appId to the object id, such as
    /// `resourceDisplayName 'Microsoft Graph' in az ad app permission list-grants output`.
    public var basis: String

    public init(objectId: String, appId: String, displayName: String? = nil, basis: String) {
        self.objectId = objectId
        self.appId = appId
        self.displayName = displayName
        self.basis = basis
    }
}
