/// Turns what an `AzOutputCollector` gathered into a directory snapshot.
struct AzSnapshotBuilder {
    let collector: AzOutputCollector
    let cloud: String
    let tenant: String?
    var notes: [String]

    init(collector: AzOutputCollector, cloud: String, tenant: String?) {
        self.collector = collector
        self.cloud = cloud
        self.tenant = tenant
        self.notes = collector.notes
    }

    private var profile: AppProfile {
        collector.profile
    }

    private var graphURL: String {
        (Cloud.named(cloud) ?? .azureCloud).graphURL
    }

    mutating func snapshot() -> DirectorySnapshot {
        let servicePrincipals = servicePrincipalLookups()
        let clientLookup = servicePrincipals[profile.clientAppId.lowercased()] ?? .missing
        return DirectorySnapshot(
            source: .azOutput,
            tenant: checkedTenant(),
            cloud: cloud,
            clientAppId: profile.clientAppId,
            servicePrincipals: servicePrincipals,
            grants: grantsLookup(clientLookup: clientLookup),
            authorizationPolicy: collector.authorizationPolicy.map { .found($0) } ?? .unknown(LookupFailure(
                kind: .notInInput,
                message: "The tenant's user consent setting is not in the input. az rest --method GET --url \(graphURL)/v1.0/policies/authorizationPolicy prints it, and the Entra admin center shows it under Enterprise applications > Consent and permissions."
            )),
            adminConsentRequestPolicy: collector.adminConsentRequestPolicy.map { .found($0) } ?? .unknown(LookupFailure(
                kind: .notInInput,
                message: "The admin consent request setting is not in the input. az rest --method GET --url \(graphURL)/v1.0/policies/adminConsentRequestPolicy prints it, and the Entra admin center shows it under Enterprise applications > Admin consent settings."
            )),
            tenantDomains: collector.accountDomains,
            servicePrincipalReferences: references(servicePrincipals: servicePrincipals)
        )
    }

    private func servicePrincipalLookups() -> [String: Lookup<ServicePrincipal>] {
        var lookups: [String: Lookup<ServicePrincipal>] = [:]
        var names = [(profile.clientAppId, profile.displayName)]
        names += profile.resources.map { ($0.appId, $0.displayName) }
        for (appId, name) in names {
            let key = appId.lowercased()
            lookups[key] = collector.servicePrincipals[key] ?? .unknown(LookupFailure(
                kind: .notInInput,
                message: "The input has no output of az ad sp show --id \(key) (\(name)). Run it and add its output to check this service principal."
            ))
        }
        return lookups
    }

    private mutating func grantsLookup(clientLookup: Lookup<ServicePrincipal>) -> Lookup<[OAuth2PermissionGrant]> {
        if clientLookup == .missing {
            return .found([])
        }
        if collector.grantsSeen {
            return .found(grants())
        }
        if let failure = collector.grantsFailure {
            return .unknown(failure)
        }
        return .unknown(LookupFailure(
            kind: .notInInput,
            message: "The input has no grant list. Run az ad app permission list-grants --id \(profile.clientAppId.lowercased()) --show-resource-name and add its output to check the grants."
        ))
    }

    private mutating func grants() -> [OAuth2PermissionGrant] {
        var grants: [OAuth2PermissionGrant] = []
        for row in collector.grantRows {
            guard let consentType = OAuth2PermissionGrant.ConsentType(rawValue: row.consentType) else {
                notes.append("Grant \(AzOutputCollector.shortened(row.id)) has the consent type \(AzOutputCollector.shortened(row.consentType)), which is neither AllPrincipals nor Principal, so it was skipped.")
                continue
            }
            grants.append(OAuth2PermissionGrant(
                id: row.id,
                clientId: row.clientId,
                consentType: consentType,
                principalId: row.principalId,
                resourceId: row.resourceId,
                scope: row.scope ?? ""
            ))
        }
        return grants
    }

    private mutating func checkedTenant() -> String? {
        if let tenant, let accountTenant = collector.accountTenant,
           tenant.caseInsensitiveCompare(accountTenant) != .orderedSame {
            notes.append("The tenant given (\(tenant)) differs from the tenant in the pasted az account show output (\(accountTenant)); the given one is used.")
        }
        if let accountCloud = collector.accountCloud, accountCloud.caseInsensitiveCompare(cloud) != .orderedSame {
            notes.append("The pasted az account show output is for cloud \(AzOutputCollector.shortened(accountCloud)), but the check uses \(cloud).")
        }
        return tenant ?? collector.accountTenant
    }
}
