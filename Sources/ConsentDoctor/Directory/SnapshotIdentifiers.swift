/// The uniqueness rules for ids in a snapshot file.
///
/// Graph never returns two objects with one id, and a snapshot saved by consent-doctor never
/// repeats one. A repeated id means the file was edited, and a check would count its objects
/// twice, so loading rejects it.
enum SnapshotIdentifiers {
    /// A repeated id and the kind of object it identifies, such as `oauth2PermissionGrant`.
    struct Duplicate: Equatable {
        var kind: String
        var id: String
    }

    /// Returns the first id that occurs twice: among the service principals' object ids, or among
    /// the grants' ids. Ids compare without regard to case, as Graph compares GUIDs.
    static func firstDuplicate(in snapshot: DirectorySnapshot) -> Duplicate? {
        var objectIds = Set<String>()
        for appId in snapshot.servicePrincipals.keys.sorted() {
            guard let principal = snapshot.servicePrincipals[appId]?.value else {
                continue
            }
            if !objectIds.insert(principal.id.lowercased()).inserted {
                return Duplicate(kind: "service principal object", id: principal.id)
            }
        }

        var grantIds = Set<String>()
        for grant in snapshot.grants.value ?? [] where !grantIds.insert(grant.id.lowercased()).inserted {
            return Duplicate(kind: "oauth2PermissionGrant", id: grant.id)
        }
        return nil
    }

    /// Returns an id from a file as it may appear in a message: at most 80 characters, with
    /// control characters replaced by spaces.
    static func shown(_ id: String) -> String {
        let cleaned = String(String.UnicodeScalarView(id.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? " " : scalar
        }))
        return cleaned.count <= 80 ? cleaned : String(cleaned.prefix(80)) + "…"
    }
}
