/// The identity behind a request and what it may do.
struct Caller: Sendable, Equatable {
    enum Kind: String, Sendable {
        /// No token, accepted because authentication is optional.
        case anonymous
        /// A token listed in the tenant file.
        case staticToken
        /// A client credentials token.
        case application
        /// A managed identity token.
        case managedIdentity
        /// A delegated token from the device code flow.
        case user
    }

    var identityName: String
    var kind: Kind
    var permissions: Set<String>
    /// The user's object id, for `/me`.
    var objectId: String?
    var userPrincipalName: String?

    var canRead: Bool {
        permissions.contains("read")
    }

    var canWrite: Bool {
        permissions.contains("write")
    }

    /// The caller used for requests without a token when authentication is optional: it may do everything.
    static let anonymous = Caller(identityName: "anonymous", kind: .anonymous, permissions: ["read", "write"])
}
