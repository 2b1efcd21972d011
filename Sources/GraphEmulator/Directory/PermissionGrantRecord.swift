import Foundation

/// An oauth2PermissionGrant as the emulator stores it.
struct PermissionGrantRecord: Sendable, Equatable {
    var id: String
    var clientId: String
    var consentType: String
    var principalId: String?
    var resourceId: String
    var scope: String

    /// The properties `$select` and `$filter` may name.
    static let propertyNames: Set<String> = ["id", "clientId", "consentType", "principalId", "resourceId", "scope"]

    /// Returns the id Graph gives a grant: the base64url form of the client, resource and (for a
    /// `Principal` grant) user object ids, each in Microsoft's GUID byte order. Graph's published
    /// examples follow this layout, so one combination always has the same id.
    static func derivedId(clientId: String, resourceId: String, principalId: String?) -> String {
        var bytes = [UInt8]()
        for guid in [clientId, resourceId] + (principalId.map { [$0] } ?? []) {
            bytes += GUID.mixedEndianBytes(guid) ?? Array(guid.utf8)
        }
        return Base64URL.encode(Data(bytes))
    }

    /// Returns the uniqueness key Graph enforces: one grant per client, resource, consent type and principal.
    static func key(clientId: String, resourceId: String, consentType: String, principalId: String?) -> String {
        [clientId, resourceId, consentType, principalId ?? ""].map { $0.lowercased() }.joined(separator: "|")
    }

    var key: String {
        Self.key(clientId: clientId, resourceId: resourceId, consentType: consentType, principalId: principalId)
    }

    func jsonObject() -> JSONObject {
        [
            "id": id,
            "clientId": clientId,
            "consentType": consentType,
            "principalId": JSONSupport.nullable(principalId),
            "resourceId": resourceId,
            "scope": scope,
        ]
    }
}
