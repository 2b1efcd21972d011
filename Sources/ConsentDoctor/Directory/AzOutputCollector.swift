import Foundation

/// A row of `az ad app permission list-grants --show-resource-name` output, or a Graph
/// oauth2PermissionGrant, which has the same fields without `resourceDisplayName`.
struct AzGrantRow: Decodable, Equatable {
    var id: String
    var clientId: String
    var consentType: String
    var principalId: String?
    var resourceId: String
    var resourceDisplayName: String?
    var scope: String?
}

/// Collects what pasted az outputs show, item by item, before the snapshot is built.
struct AzOutputCollector {
    let profile: AppProfile
    /// Service principal lookups by lower-case appId.
    var servicePrincipals: [String: Lookup<ServicePrincipal>] = [:]
    var grantRows: [AzGrantRow] = []
    var grantsSeen = false
    var grantsFailure: LookupFailure?
    var authorizationPolicy: AuthorizationPolicy?
    var adminConsentRequestPolicy: AdminConsentRequestPolicy?
    var accountTenant: String?
    var accountDomains: [String] = []
    var accountCloud: String?
    var notes: [String] = []
    var recognizedCount = 0

    init(profile: AppProfile) {
        self.profile = profile
    }

    /// The appIds of the client and every resource, in lower case.
    var profileAppIds: [String] {
        [profile.clientAppId.lowercased()] + profile.resources.map { $0.appId.lowercased() }
    }

    /// Reads every item of one input.
    mutating func collect(_ items: [AzOutputItem], inputName: String) {
        var command: AzCommandLine?
        for item in items {
            switch item {
            case .command(let line):
                command = line
            case .json(let value, let data, let line):
                collectJSON(value, data: data, command: command, place: "\(inputName) line \(line)")
                command = nil
            case .error(let message, let line):
                collectError(message, command: command, place: "\(inputName) line \(line)")
                command = nil
            case .unreadableJSON(let line):
                notes.append("\(inputName) line \(line) starts like JSON but could not be read, so it was skipped.")
            }
        }
    }

    // MARK: JSON outputs

    private mutating func collectJSON(_ value: Any, data: Data, command: AzCommandLine?, place: String) {
        let decoder = JSONDecoder()
        if let object = value as? [String: Any] {
            if let items = object["value"] as? [Any], let itemsData = try? JSONSerialization.data(withJSONObject: items) {
                // `az rest` prints Graph collections as `{"value": [...]}`.
                collectArray(items, data: itemsData, command: command, place: place)
            } else if object["defaultUserRolePermissions"] != nil, let policy = try? decoder.decode(AuthorizationPolicyDocument.self, from: data) {
                authorizationPolicy = AuthorizationPolicy(permissionGrantPoliciesAssigned: policy.defaultUserRolePermissions.permissionGrantPoliciesAssigned ?? [])
                recognizedCount += 1
            } else if object["isEnabled"] != nil, object["reviewers"] != nil || object["notifyReviewers"] != nil,
                      let policy = try? decoder.decode(AdminConsentRequestPolicyDocument.self, from: data) {
                let reviewerCount = (object["reviewers"] as? [Any])?.count ?? 0
                adminConsentRequestPolicy = AdminConsentRequestPolicy(isEnabled: policy.isEnabled, reviewerCount: reviewerCount)
                recognizedCount += 1
            } else if object["tenantId"] != nil, object["environmentName"] != nil || object["homeTenantId"] != nil,
                      let account = try? decoder.decode(AccountDocument.self, from: data) {
                collectAccount(account, place: place)
            } else if Self.looksLikeServicePrincipal(object, command: command), let servicePrincipal = try? decoder.decode(ServicePrincipal.self, from: data) {
                collectServicePrincipal(servicePrincipal, place: place)
            } else {
                notes.append("\(place): a JSON object that is not a service principal, a grant list, a policy or az account show output was skipped.")
            }
        } else if let items = value as? [Any] {
            collectArray(items, data: data, command: command, place: place)
        }
    }

    private mutating func collectArray(_ items: [Any], data: Data, command: AzCommandLine?, place: String) {
        let decoder = JSONDecoder()
        let objects = items.compactMap { $0 as? [String: Any] }
        if items.isEmpty {
            collectEmptyArray(command: command, place: place)
        } else if objects.count == items.count, objects.allSatisfy({ $0["consentType"] != nil }),
                  let rows = try? decoder.decode([AzGrantRow].self, from: data) {
            collectGrants(rows, command: command, place: place)
        } else if objects.count == items.count, objects.allSatisfy({ Self.looksLikeServicePrincipal($0, command: nil) }),
                  let found = try? decoder.decode([ServicePrincipal].self, from: data) {
            for servicePrincipal in found {
                collectServicePrincipal(servicePrincipal, place: place)
            }
        } else {
            notes.append("\(place): a JSON list that holds neither grants nor service principals was skipped.")
        }
    }

    private mutating func collectEmptyArray(command: AzCommandLine?, place: String) {
        if let command, command.isListGrants {
            if isForAnotherClient(command) {
                notes.append("\(place): the grant list is for another client (\(command.idArgument ?? "")), so it was skipped.")
                return
            }
            grantsSeen = true
            recognizedCount += 1
            return
        }
        let filtered = command?.filteredAppIds.filter { profileAppIds.contains($0) } ?? []
        if !filtered.isEmpty {
            for appId in filtered {
                servicePrincipals[appId] = .missing
            }
            recognizedCount += 1
            return
        }
        notes.append("\(place): an empty JSON list without the command that printed it was skipped, because it cannot be told what is empty.")
    }

    private mutating func collectGrants(_ rows: [AzGrantRow], command: AzCommandLine?, place: String) {
        if let command, isForAnotherClient(command) {
            notes.append("\(place): the grant list is for another client (\(command.idArgument ?? "")), so it was skipped.")
            return
        }
        for row in rows where !grantRows.contains(where: { $0.id == row.id }) {
            grantRows.append(row)
        }
        grantsSeen = true
        recognizedCount += 1
    }

    private mutating func collectServicePrincipal(_ servicePrincipal: ServicePrincipal, place: String) {
        let appId = servicePrincipal.appId.lowercased()
        guard profileAppIds.contains(appId) else {
            notes.append("\(place): the service principal for appId \(servicePrincipal.appId) is not one \(profile.displayName) needs, so it was skipped.")
            return
        }
        servicePrincipals[appId] = .found(servicePrincipal)
        recognizedCount += 1
    }

    private mutating func collectAccount(_ account: AccountDocument, place: String) {
        guard Identifiers.isGUID(account.tenantId) else {
            notes.append("\(place): the az account show output has a tenantId that is not a GUID, so it was skipped.")
            return
        }
        accountTenant = account.tenantId.lowercased()
        if let domain = account.tenantDefaultDomain, Identifiers.isDomainName(domain) {
            accountDomains.append(domain)
        }
        accountCloud = account.environmentName
        recognizedCount += 1
    }

    /// Returns true when a list-grants command names a client other than the profile's.
    private func isForAnotherClient(_ command: AzCommandLine) -> Bool {
        guard let id = command.idArgument, Identifiers.isGUID(id) else {
            return false
        }
        return id.caseInsensitiveCompare(profile.clientAppId) != .orderedSame
            && servicePrincipals[profile.clientAppId.lowercased()]?.value?.id.caseInsensitiveCompare(id) != .orderedSame
    }

    /// Returns true for an object with an `id` and an `appId` that is `az ad sp show` output or has
    /// a property that service principals have and application objects lack.
    private static func looksLikeServicePrincipal(_ object: [String: Any], command: AzCommandLine?) -> Bool {
        guard object["id"] is String, object["appId"] is String else {
            return false
        }
        return command?.isServicePrincipalShow == true
            || object["servicePrincipalType"] != nil
            || object["servicePrincipalNames"] != nil
    }
}

private struct AuthorizationPolicyDocument: Decodable {
    struct Permissions: Decodable {
        var permissionGrantPoliciesAssigned: [String]?
    }

    var defaultUserRolePermissions: Permissions
}

private struct AdminConsentRequestPolicyDocument: Decodable {
    var isEnabled: Bool
}

private struct AccountDocument: Decodable {
    var tenantId: String
    var tenantDefaultDomain: String?
    var environmentName: String?
}
