import Testing
@testable import ConsentDoctor

/// Whole-tenant scenarios: the findings, the verdict and the exact az commands of each.
struct CheckScenarioTests {
    typealias T = TenantFixtures

    static let login = "az login --tenant \(T.tenant)"
    static let grantRedis = "az ad app permission grant --id \(T.clientAppId) --api \(T.redisAppId) --scope user_impersonation"
    static let grantARM = "az ad app permission grant --id \(T.clientAppId) --api \(T.armAppId) --scope user_impersonation"
    static let grantOpenID = "az ad app permission grant --id \(T.clientAppId) --api \(T.graphAppId) --scope openid profile offline_access"

    /// Returns the findings of a healthy tenant, in report order, with some statuses changed.
    static func states(_ changes: [String: FindingStatus] = [:]) -> [FindingState] {
        let healthy: [(String, FindingStatus)] = [
            ("tenant.match", .info),
            ("service-principal.client", .pass),
            ("service-principal.redis-api", .pass),
            ("service-principal.resource-manager", .pass),
            ("service-principal.microsoft-graph", .pass),
            ("client.enabled", .pass),
            ("client.assignment-required", .pass),
            ("redis-api.scope-exposed", .pass),
            ("resource-manager.scope-exposed", .pass),
            ("grant.redis-api", .pass),
            ("grant.resource-manager", .pass),
            ("openid.user-consent", .pass),
            ("grants.per-user", .info),
            ("consent.admin-workflow", .info),
        ]
        return healthy.map { FindingState($0.0, changes[$0.0] ?? $0.1) }
    }

    static func report(_ snapshot: DirectorySnapshot, expecting tenants: [ExpectedTenant] = []) -> Report {
        CheckReportBuilder.report(for: T.context(snapshot, expecting: tenants), generatedAt: "2026-12-04T20:17:05Z")
    }

    @Test func healthyTenant() {
        let report = Self.report(T.healthy())
        #expect(FindingState.of(report.findings) == Self.states())
        #expect(report.verdict.status == .healthy)
        #expect(report.commands == [])
        #expect(report.plan?.isEmpty == true)
        #expect(report.plan?.warnings == [])
        #expect(CheckOutcome.of(findings: report.findings, snapshot: T.healthy()) == .healthy)
    }

    @Test func nothingConsented() {
        let snapshot = T.healthy()
            .setting(T.clientAppId, .missing)
            .setting(T.redisAppId, .missing)
            .setting(T.armAppId, .missing)
            .replacingGrants { $0 = [] }
        var withPolicy = snapshot
        withPolicy.authorizationPolicy = .found(T.noUserConsent)
        let report = Self.report(withPolicy)

        #expect(FindingState.of(report.findings) == Self.states([
            "service-principal.client": .fail,
            "service-principal.redis-api": .fail,
            "service-principal.resource-manager": .fail,
            "client.enabled": .unknown,
            "client.assignment-required": .unknown,
            "redis-api.scope-exposed": .unknown,
            "resource-manager.scope-exposed": .unknown,
            "grant.redis-api": .fail,
            "grant.resource-manager": .fail,
            "openid.user-consent": .fail,
        ]))
        #expect(report.verdict.status == .problems)
        #expect(report.commands == [
            Self.login,
            "az ad sp create --id \(T.clientAppId)",
            "az ad sp create --id \(T.redisAppId)",
            "az ad sp create --id \(T.armAppId)",
            Self.grantRedis,
            Self.grantARM,
            Self.grantOpenID,
        ])
        #expect(report.plan?.steps.map(\.kind) == [.signIn, .createServicePrincipal, .createServicePrincipal, .createServicePrincipal, .createGrant, .createGrant, .createGrant])
    }

    @Test func redisServicePrincipalMissing() {
        let snapshot = T.healthy()
            .setting(T.redisAppId, .missing)
            .replacingGrants { $0.removeAll { $0.resourceId == T.redisObjectId } }
        let report = Self.report(snapshot)

        #expect(FindingState.of(report.findings) == Self.states([
            "service-principal.redis-api": .fail,
            "redis-api.scope-exposed": .unknown,
            "grant.redis-api": .fail,
        ]))
        #expect(report.verdict.status == .problems)
        #expect(report.commands == [Self.login, "az ad sp create --id \(T.redisAppId)", Self.grantRedis])
        let finding = report.findings.first { $0.id == "service-principal.redis-api" }
        #expect(finding?.relatedCodes.contains(.servicePrincipalMissingForResource) == true)
    }

    @Test func redisGrantMissing() {
        let snapshot = T.healthy().replacingGrants { $0.removeAll { $0.resourceId == T.redisObjectId } }
        let report = Self.report(snapshot)

        #expect(FindingState.of(report.findings) == Self.states(["grant.redis-api": .fail]))
        #expect(report.verdict.status == .problems)
        #expect(report.commands == [Self.login, Self.grantRedis])
        #expect(report.plan?.steps.last?.kind == .createGrant)
        #expect(report.plan?.steps.last?.resourceObjectId == T.redisObjectId)
    }

    @Test func grantWithoutUserImpersonation() {
        let snapshot = T.healthy().replacingGrants { grants in
            grants.removeAll { $0.resourceId == T.redisObjectId }
            grants.append(T.tenantWide(T.redisGrantId, to: T.redisObjectId, scope: "Other.Scope"))
        }
        let report = Self.report(snapshot)

        #expect(FindingState.of(report.findings) == Self.states(["grant.redis-api": .fail]))
        #expect(report.commands == [
            Self.login,
            "az ad app permission grant --id \(T.clientAppId) --api \(T.redisAppId) --scope Other.Scope user_impersonation",
        ])
        let step = report.plan?.steps.last
        #expect(step?.kind == .extendGrant)
        #expect(step?.grantId == T.redisGrantId)
        #expect(step?.existingScopes == ["Other.Scope"])
        #expect(step?.requiredScopes == ["user_impersonation"])
        #expect(step?.scopesAfter == ["Other.Scope", "user_impersonation"])
    }

    @Test func clientDisabled() {
        var client = T.client
        client.accountEnabled = false
        let report = Self.report(T.healthy().setting(T.clientAppId, .found(client)))

        #expect(FindingState.of(report.findings) == Self.states(["client.enabled": .fail]))
        #expect(report.verdict.status == .problems)
        #expect(report.commands == [])
        #expect(report.findings.first { $0.id == "client.enabled" }?.relatedCodes == [.clientApplicationDisabled])
        let enable = "az ad sp update --id \(T.clientAppId) --set accountEnabled=true"
        #expect(report.plan?.warnings.contains { $0.contains(enable) } == true)
    }

    @Test func clientDisabledByMicrosoft() {
        var client = T.client
        client.disabledByMicrosoftStatus = "DisabledDueToViolationOfServicesAgreement"
        let report = Self.report(T.healthy().setting(T.clientAppId, .found(client)))

        #expect(FindingState.of(report.findings) == Self.states(["client.enabled": .fail]))
        #expect(report.findings.first { $0.id == "client.enabled" }?.detail.contains("DisabledDueToViolationOfServicesAgreement") == true)
    }

    @Test func notDisabledStatusPasses() {
        var client = T.client
        client.disabledByMicrosoftStatus = "NotDisabled"
        let report = Self.report(T.healthy().setting(T.clientAppId, .found(client)))

        #expect(FindingState.of(report.findings) == Self.states())
    }

    @Test func assignmentRequired() {
        var client = T.client
        client.appRoleAssignmentRequired = true
        let report = Self.report(T.healthy().setting(T.clientAppId, .found(client)))

        #expect(FindingState.of(report.findings) == Self.states(["client.assignment-required": .warning]))
        #expect(report.verdict.status == .healthy)
        #expect(report.verdict.warning == 1)
        #expect(report.commands == [])
        let finding = report.findings.first { $0.id == "client.assignment-required" }
        #expect(finding?.relatedCodes == [.userNotAssignedToApplication])
        #expect(finding?.detail.contains("appRoleAssignmentRequired=false") == true)
    }

    @Test func userConsentOffWithoutGraphGrant() {
        var snapshot = T.healthy().replacingGrants { $0.removeAll { $0.resourceId == T.graphObjectId } }
        snapshot.authorizationPolicy = .found(T.noUserConsent)
        let report = Self.report(snapshot)

        #expect(FindingState.of(report.findings) == Self.states(["openid.user-consent": .fail]))
        #expect(report.commands == [Self.login, Self.grantOpenID])
        let finding = report.findings.first { $0.id == "openid.user-consent" }
        #expect(finding?.relatedCodes.contains(.adminConsentRequired) == true)
        #expect(finding?.relatedCodes.contains(.delegationDoesNotExist) == true)
    }

    @Test func unrestrictedUserConsentCoversOpenID() {
        var snapshot = T.healthy().replacingGrants { $0.removeAll { $0.resourceId == T.graphObjectId } }
        snapshot.authorizationPolicy = .found(AuthorizationPolicy(permissionGrantPoliciesAssigned: [
            "ManagePermissionGrantsForSelf.microsoft-user-default-legacy",
        ]))
        let report = Self.report(snapshot)

        #expect(FindingState.of(report.findings) == Self.states())
        #expect(report.commands == [])
    }

    @Test func limitedUserConsentWarns() {
        let snapshot = T.healthy().replacingGrants { $0.removeAll { $0.resourceId == T.graphObjectId } }
        let report = Self.report(snapshot)

        #expect(FindingState.of(report.findings) == Self.states(["openid.user-consent": .warning]))
        #expect(report.commands == [])
        #expect(report.plan?.warnings.contains { $0.contains(Self.grantOpenID) } == true)
    }

    @Test func onlyPerUserGrants() {
        let snapshot = T.healthy().replacingGrants { grants in
            grants = [
                T.perUser("pu-redis-a", user: T.userA, to: T.redisObjectId, scope: "user_impersonation"),
                T.perUser("pu-redis-b", user: T.userB, to: T.redisObjectId, scope: "user_impersonation"),
                T.perUser("pu-graph-a", user: T.userA, to: T.graphObjectId, scope: "openid profile offline_access"),
            ]
        }
        let report = Self.report(snapshot)

        #expect(FindingState.of(report.findings) == Self.states([
            "grant.redis-api": .fail,
            "grant.resource-manager": .fail,
            "openid.user-consent": .warning,
        ]))
        #expect(report.commands == [Self.login, Self.grantRedis, Self.grantARM])

        let redisStep = report.plan?.steps.first { $0.resourceAppId == T.redisAppId }
        #expect(redisStep?.perUserGrantCount == 2)
        #expect(redisStep?.clientObjectId == T.clientObjectId)
        let post = #"az rest --method POST --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants --body '{"clientId":"\#(T.clientObjectId)","consentType":"AllPrincipals","resourceId":"\#(T.redisObjectId)","scope":"user_impersonation"}'"#
        let warning = report.plan?.warnings.first { $0.hasPrefix("2 users have grants of their own to AzureRedisCacheAadApp.") }
        #expect(warning?.hasSuffix(post) == true)

        let perUser = report.findings.first { $0.id == "grants.per-user" }
        #expect(perUser?.detail.contains("2 to AzureRedisCacheAadApp, 1 to Microsoft Graph") == true)
        #expect(perUser?.evidence.map(\.value) == [T.userA, T.userB, T.userA])
    }

    @Test func perUserGrantsBesideTenantWideGrant() {
        let snapshot = T.healthy().replacingGrants { grants in
            grants.removeAll { $0.resourceId == T.redisObjectId }
            grants.append(T.tenantWide(T.redisGrantId, to: T.redisObjectId, scope: "Other.Scope"))
            grants.append(T.perUser("pu-redis-a", user: T.userA, to: T.redisObjectId, scope: "user_impersonation"))
        }
        let report = Self.report(snapshot)

        let patch = #"az rest --method PATCH --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants/\#(T.redisGrantId) --body '{"scope":"Other.Scope user_impersonation"}'"#
        let warning = report.plan?.warnings.first { $0.hasPrefix("1 user has a grant of their own") }
        #expect(warning?.hasSuffix(patch) == true)
        #expect(report.plan?.steps.last?.perUserGrantCount == 1)
    }

    @Test func consentInAnotherTenant() {
        let expected = [ExpectedTenant(tenant: T.otherTenant, source: .signInError, code: .servicePrincipalMissingForResource)]
        let report = Self.report(T.healthy(), expecting: expected)

        #expect(FindingState.of(report.findings) == Self.states(["tenant.match": .fail]))
        #expect(report.findings.first?.id == "tenant.match")
        #expect(report.findings.first?.detail.contains("AADSTS650052") == true)
        #expect(report.verdict.status == .problems)
        #expect(report.commands == [])
        #expect(report.plan?.warnings.first?.contains("users get their tokens from \(T.otherTenant)") == true)
    }

    @Test func permissionDeniedOnGrants() {
        var snapshot = T.healthy()
        snapshot.grants = .unknown(T.denied("oauth2PermissionGrants"))
        let report = Self.report(snapshot)

        #expect(FindingState.of(report.findings) == Self.states([
            "grant.redis-api": .unknown,
            "grant.resource-manager": .unknown,
            "openid.user-consent": .unknown,
            "grants.per-user": .unknown,
        ]))
        #expect(report.verdict.status == .incomplete)
        #expect(report.commands == [])
        #expect(report.plan?.warnings.count == 3)
        #expect(report.plan?.warnings.allSatisfy { $0.contains("may be incomplete") } == true)
        #expect(CheckOutcome.of(findings: report.findings, snapshot: snapshot) == .permissionDenied)
        #expect(CheckOutcome.permissionDenied.exitStatus == 77)
        let reason = report.findings.first { $0.id == "grant.redis-api" }?.reason ?? ""
        #expect(reason.contains("Application.Read.All and Directory.Read.All"))
        #expect(reason.contains("Global Reader, Directory Readers or Cloud Application Administrator"))
        #expect(reason.contains("0f3e9b2a-7c41-4d85-a6e2-9b1c3d5f7a80"))
    }

    @Test func permissionDeniedOnEverything() {
        let snapshot = DirectorySnapshot(
            source: .graph,
            tenant: T.tenant,
            cloud: "AzureCloud",
            clientAppId: T.clientAppId,
            servicePrincipals: [
                T.clientAppId: .unknown(T.denied("servicePrincipals")),
                T.redisAppId: .unknown(T.denied("servicePrincipals")),
                T.armAppId: .unknown(T.denied("servicePrincipals")),
                T.graphAppId: .unknown(T.denied("servicePrincipals")),
            ],
            grants: .unknown(T.denied("oauth2PermissionGrants")),
            authorizationPolicy: .unknown(T.denied("authorizationPolicy")),
            adminConsentRequestPolicy: .unknown(T.denied("adminConsentRequestPolicy"))
        )
        let report = Self.report(snapshot)

        var changes: [String: FindingStatus] = [:]
        for state in Self.states() where state.status == .pass {
            changes[state.id] = .unknown
        }
        changes["grants.per-user"] = .unknown
        #expect(FindingState.of(report.findings) == Self.states(changes))
        #expect(report.verdict.status == .incomplete)
        #expect(report.verdict.pass == 0)
        #expect(report.commands == [])
        #expect(report.findings.filter { $0.status == .unknown }.allSatisfy { $0.reason?.isEmpty == false })
        #expect(CheckOutcome.of(findings: report.findings, snapshot: snapshot) == .permissionDenied)
        let policyReason = report.findings.first { $0.id == "consent.admin-workflow" }?.reason ?? ""
        #expect(policyReason.contains("Policy.Read.All"))
    }

    @Test func policiesUnknownWithGraphGrant() {
        var snapshot = T.healthy()
        snapshot.authorizationPolicy = .unknown(T.denied("authorizationPolicy"))
        snapshot.adminConsentRequestPolicy = .unknown(T.denied("adminConsentRequestPolicy"))
        let report = Self.report(snapshot)

        #expect(FindingState.of(report.findings) == Self.states())
        #expect(report.verdict.status == .healthy)
        #expect(report.findings.last?.reason?.contains("Policy.Read.All") == true)
    }

    @Test func policiesUnknownWithoutGraphGrant() {
        var snapshot = T.healthy().replacingGrants { $0.removeAll { $0.resourceId == T.graphObjectId } }
        snapshot.authorizationPolicy = .unknown(T.denied("authorizationPolicy"))
        let report = Self.report(snapshot)

        #expect(FindingState.of(report.findings) == Self.states(["openid.user-consent": .unknown]))
        #expect(report.verdict.status == .incomplete)
        #expect(report.commands == [])
        #expect(report.plan?.warnings.contains { $0.hasPrefix("Whether users can get openid profile offline_access is unknown") } == true)
    }

    @Test func unreachableGraphOutcome() {
        var snapshot = T.healthy()
        snapshot.grants = .unknown(LookupFailure(kind: .unreachable, message: "The connection to Graph timed out."))
        let report = Self.report(snapshot)

        #expect(report.verdict.status == .incomplete)
        #expect(CheckOutcome.of(findings: report.findings, snapshot: snapshot) == .unreachable)
        #expect(CheckOutcome.unreachable.exitStatus == 69)
    }

    @Test func failureWinsOverDenied() {
        var snapshot = T.healthy().setting(T.redisAppId, .missing)
        snapshot.authorizationPolicy = .unknown(T.denied("authorizationPolicy"))
        let report = Self.report(snapshot)

        #expect(CheckOutcome.of(findings: report.findings, snapshot: snapshot) == .problems)
        #expect(CheckOutcome.problems.exitStatus == 1)
    }

    @Test func sovereignCloudCommands() {
        var snapshot = T.healthy().replacingGrants { $0.removeAll { $0.resourceId == T.redisObjectId } }
        snapshot.cloud = "azurechinacloud"
        let report = Self.report(snapshot)

        #expect(report.commands == ["az cloud set --name AzureChinaCloud", Self.login, Self.grantRedis])
        #expect(report.notes.contains { $0.contains("https://login.chinacloudapi.cn/\(T.tenant)/adminconsent?client_id=\(T.clientAppId)") })
    }

    @Test func adminConsentURLOnlyWhenUnhealthy() {
        let healthy = Self.report(T.healthy())
        let broken = Self.report(T.healthy().replacingGrants { $0 = [] })

        #expect(!healthy.notes.contains { $0.contains("adminconsent") })
        #expect(broken.notes.contains { $0.contains("https://login.microsoftonline.com/\(T.tenant)/adminconsent?client_id=\(T.clientAppId)") })
    }

    @Test func unknownNeverHealthy() {
        let denied = Lookup<ServicePrincipal>.unknown(T.denied("servicePrincipals"))
        var snapshots = [T.healthy()]
        for appId in [T.clientAppId, T.redisAppId, T.armAppId, T.graphAppId] {
            snapshots.append(T.healthy().setting(appId, denied))
        }
        var noGrants = T.healthy()
        noGrants.grants = .unknown(T.denied("oauth2PermissionGrants"))
        snapshots.append(noGrants)
        var withoutEnabledFlag = T.client
        withoutEnabledFlag.accountEnabled = nil
        snapshots.append(T.healthy().setting(T.clientAppId, .found(withoutEnabledFlag)))

        for snapshot in snapshots {
            let report = Self.report(snapshot)
            let hasUnknown = report.findings.contains { $0.status == .unknown }
            #expect(!hasUnknown || report.verdict.status != .healthy)
        }
    }

    @Test func reportCarriesSnapshotFields() {
        var snapshot = T.healthy()
        snapshot.requests = [GraphRequestRecord(method: "POST", path: "/$batch", status: 200, requestId: "r-1")]
        snapshot.roundTrips = 1
        let report = Self.report(snapshot)

        #expect(report.command == .check)
        #expect(report.tenant == T.tenant)
        #expect(report.cloud == "AzureCloud")
        #expect(report.profileId == "redisinsight")
        #expect(report.requests == snapshot.requests)
        #expect(report.notes.first == "Read from Microsoft Graph: 1 request in 1 round trip.")
        #expect(report.plan?.stateAware == true)
    }
}
