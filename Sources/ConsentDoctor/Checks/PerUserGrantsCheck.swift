/// Reports the grants users made for themselves (`consentType` `Principal`). They are
/// information, but `az ad app permission grant` deletes them, so the plan warns about them.
public struct PerUserGrantsCheck: HealthCheck {
    public init() {}

    public func findings(in context: CheckContext) -> [Finding] {
        let id = FindingID.perUserGrants
        let title = "Grants users made for themselves"

        let allGrants: [OAuth2PermissionGrant]
        switch context.clientState == .missing ? .found([]) : context.snapshot.grants {
        case .found(let grants):
            allGrants = grants
        case .missing:
            allGrants = []
        case .unknown(let failure):
            return [Finding(
                id: id,
                title: title,
                status: .unknown,
                detail: "Whether users consented for themselves could not be checked.",
                reason: FailureReason.text(for: failure, subject: .applications)
            )]
        }
        let perUser = context.grantsOfClient(allGrants, clientObjectId: context.clientState.objectId)
            .filter { $0.consentType == .principal }
        if perUser.isEmpty {
            return [Finding(id: id, title: title, status: .info, detail: "No user has a grant of their own for \(context.profile.displayName).")]
        }

        var evidence: [Evidence] = []
        var counts: [String] = []
        for (name, grants) in groupedByResource(perUser, context: context) {
            counts.append("\(grants.count) to \(name)")
            for grant in grants {
                evidence.append(Evidence(label: "user object id (\(name))", value: grant.principalId ?? "(not stated)"))
            }
        }
        return [Finding(
            id: id,
            title: title,
            status: .info,
            detail: "Users consented for themselves: \(counts.joined(separator: ", ")). az ad app permission grant deletes these grants for the resource it grants, so the plan says how to avoid that.",
            evidence: evidence
        )]
    }

    /// Groups grants by resource, named by the profile where the object id is known, in profile
    /// order and then in the order of the unnamed resources' first grants.
    private func groupedByResource(_ grants: [OAuth2PermissionGrant], context: CheckContext) -> [(String, [OAuth2PermissionGrant])] {
        var groups: [(String, [OAuth2PermissionGrant])] = []
        var remaining = grants
        for resource in context.profile.resources {
            guard let objectId = context.state(of: resource).objectId else {
                continue
            }
            let matching = remaining.filter { $0.resourceId.caseInsensitiveCompare(objectId) == .orderedSame }
            if !matching.isEmpty {
                groups.append((resource.displayName, matching))
                remaining.removeAll { $0.resourceId.caseInsensitiveCompare(objectId) == .orderedSame }
            }
        }
        var otherIds: [String] = []
        for grant in remaining where !otherIds.contains(grant.resourceId.lowercased()) {
            otherIds.append(grant.resourceId.lowercased())
        }
        for objectId in otherIds {
            let matching = remaining.filter { $0.resourceId.lowercased() == objectId }
            groups.append(("the resource with object id \(objectId)", matching))
        }
        return groups
    }
}
