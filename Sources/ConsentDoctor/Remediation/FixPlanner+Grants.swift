extension PlanBuilder {
    /// Adds the grant step for one API when its tenant-wide grant is absent or lacks scopes.
    mutating func addGrant(for resource: ResourceRequirement) {
        switch context.grants(to: resource) {
        case .unknown:
            warn("Whether \(clientName) has a tenant-wide grant to \(resource.displayName) is unknown, so the plan may be incomplete. \(FindingID.grant(resource)) says why.")
        case .known(let grants):
            if grants.allPrincipals != nil && grants.missingScopes(resource.scopes).isEmpty {
                return
            }
            if let step = grantStep(for: resource, grants: grants) {
                append(step)
            }
        }
    }

    /// Adds the OpenID grant to Microsoft Graph only when users cannot get the scopes otherwise.
    mutating func addOpenIDGrant() {
        guard let requirement = OpenIDConsentCheck.requirement(context.profile) else {
            return
        }
        switch OpenIDConsentCheck.evaluate(context) {
        case .notRequired, .grantCovers, .userConsentAllowed:
            return
        case .grantNeeded(let grants, _):
            if let step = grantStep(for: requirement, grants: grants) {
                append(step)
            }
        case .userConsentLimited(_, let grants):
            let scopes = requirement.scopes.joined(separator: " ")
            if let command = optionalGrantCommand(for: requirement, grants: grants) {
                warn("Users may consent to \(scopes) only under the tenant's user consent conditions. If they see a request for admin approval, grant the scopes tenant-wide with: \(command)")
            } else {
                warn("Users may consent to \(scopes) only under the tenant's user consent conditions. If they see a request for admin approval, grant the scopes tenant-wide.")
            }
        case .undecided:
            warn("Whether users can get \(requirement.scopes.joined(separator: " ")) is unknown, so the plan may be incomplete. \(FindingID.openIDUserConsent) says why.")
        }
    }

    /// Builds a create or extend step whose scopes are the existing valid scopes followed by the
    /// missing required ones, and warns about per-user grants the az command would delete.
    private mutating func grantStep(for resource: ResourceRequirement, grants: ResourceGrants) -> FixStep? {
        guard Identifiers.isGUID(context.profile.clientAppId), Identifiers.isGUID(resource.appId) else {
            warn("The profile's appIds for \(clientName) or \(resource.displayName) are not valid GUIDs, so no step grants \(resource.displayName).")
            return nil
        }
        let required = resource.scopes.filter { Identifiers.isScopeToken($0) }
        if required.count != resource.scopes.count {
            warn("The profile lists scopes for \(resource.displayName) that are not valid scope names; they are left out.")
        }

        let existing = validExistingScopes(grants.allPrincipals, resource: resource)
        let existingLowercased = Set(existing.map { $0.lowercased() })
        let missing = required.filter { !existingLowercased.contains($0.lowercased()) }
        guard !missing.isEmpty else {
            return nil
        }

        var step = FixStep(
            kind: grants.allPrincipals == nil ? .createGrant : .extendGrant,
            reason: reasonSentence(resource: resource, grants: grants, missing: missing),
            clientAppId: context.profile.clientAppId.lowercased(),
            resourceAppId: resource.appId.lowercased(),
            resourceDisplayName: resource.displayName,
            clientObjectId: validGUID(grants.clientObjectId ?? grants.perUser.first?.clientId),
            resourceObjectId: validGUID(grants.resourceObjectId),
            existingScopes: existing,
            requiredScopes: required,
            scopesAfter: existing + missing,
            perUserGrantCount: grants.perUser.count
        )
        if let grantId = grants.allPrincipals?.id {
            if Identifiers.isGrantId(grantId) {
                step.grantId = grantId
            } else {
                warn("The id of the existing grant to \(resource.displayName) is not a valid grant id, so it is left out of the plan.")
            }
        }
        if step.perUserGrantCount > 0 {
            warnAboutPerUserGrants(step)
        }
        return step
    }

    /// Warns that the az command deletes per-user grants, and adds the `az rest` command that
    /// changes only the tenant-wide grant.
    private mutating func warnAboutPerUserGrants(_ step: FixStep) {
        let name = step.resourceDisplayName ?? "this API"
        let count = step.perUserGrantCount
        let users = count == 1 ? "1 user has a grant" : "\(count) users have grants"
        var sentence = "\(users) of their own to \(name). az ad app permission grant deletes every per-user grant to it before it creates the tenant-wide grant."

        var alternative: String?
        if let cloud = Cloud.named(plan.cloud) {
            if let grantId = step.grantId {
                alternative = AzRestCommands.replaceScopeLine(grantId: grantId, scopes: step.scopesAfter, cloud: cloud)
            } else if step.kind == .createGrant, let client = step.clientObjectId, let resource = step.resourceObjectId {
                alternative = AzRestCommands.createGrantLine(clientObjectId: client, resourceObjectId: resource, scopes: step.scopesAfter, cloud: cloud)
            }
        }
        if let alternative {
            let action = step.kind == .extendGrant ? "add the scopes" : "create the tenant-wide grant"
            sentence += " To \(action) without deleting anything, run this instead: \(alternative)"
        }
        warn(sentence)
    }

    /// Returns the az command that grants the scopes tenant-wide, for a warning.
    private mutating func optionalGrantCommand(for resource: ResourceRequirement, grants: ResourceGrants) -> String? {
        // A scratch builder keeps the step out of the plan but keeps its warnings, such as the
        // one about per-user grants the command would delete.
        var scratch = PlanBuilder(context: context)
        let step = scratch.grantStep(for: resource, grants: grants)
        for warning in scratch.plan.warnings {
            warn(warning)
        }
        return step.flatMap { AzCommands.line(for: $0, plan: plan) }
    }

    /// Returns the scopes of the existing grant that are valid scope tokens, and warns when some
    /// are not, because leaving them out of the command removes them from the grant.
    private mutating func validExistingScopes(_ grant: OAuth2PermissionGrant?, resource: ResourceRequirement) -> [String] {
        guard let grant else {
            return []
        }
        let scopes = grant.scopes
        let valid = scopes.filter { Identifiers.isScopeToken($0) }
        let invalidCount = scopes.count - valid.count
        if invalidCount > 0 {
            let values = invalidCount == 1 ? "1 scope value that is" : "\(invalidCount) scope values that are"
            warn("The existing grant to \(resource.displayName) contains \(values) not a valid scope name. The commands leave them out, so running them removes them from the grant. fix --apply leaves that grant alone and says what to change by hand.")
        }
        return valid
    }

    private func reasonSentence(resource: ResourceRequirement, grants: ResourceGrants, missing: [String]) -> String {
        if grants.allPrincipals == nil {
            return "No tenant-wide grant gives \(clientName) \(missing.joined(separator: " ")) on \(resource.displayName)."
        }
        return "The tenant-wide grant to \(resource.displayName) lacks \(missing.joined(separator: " "))."
    }

    private func validGUID(_ text: String?) -> String? {
        text.flatMap { Identifiers.normalizedGUID($0) }
    }
}
