import Testing
import TestSupport
@testable import ConsentDoctor

/// The az output reader on the pasted fixtures, and the checks on what it builds.
struct AzOutputReaderTests {
    typealias T = TenantFixtures

    static func read(_ files: [String], tenant: String? = nil) throws -> AzOutputReading {
        let inputs = try files.map { AzOutputInput(name: $0, text: try PackagePaths.fixtureText("az-output/\($0)")) }
        return try AzOutputReader.read(inputs, profile: .redisInsight, cloud: "AzureCloud", tenant: tenant)
    }

    static func read(text: String) throws -> AzOutputReading {
        try AzOutputReader.read([AzOutputInput(name: "paste.txt", text: text)], profile: .redisInsight, cloud: "AzureCloud")
    }

    static func report(_ reading: AzOutputReading) -> Report {
        CheckReportBuilder.report(for: T.context(reading.snapshot), generatedAt: "2026-12-04T20:17:05Z", notes: reading.notes)
    }

    static func status(_ report: Report, _ id: String) -> FindingStatus? {
        report.findings.first { $0.id == id }?.status
    }

    static let healthySet = ["10-sp-show-client.json", "11-sp-show-redis-api.json", "12-sp-show-resource-manager.json", "13-list-grants-healthy.txt"]

    @Test func armGrantOnly() throws {
        let reading = try Self.read(["08-az-list-grants-arm-only.json"])
        let snapshot = reading.snapshot
        let report = Self.report(reading)

        #expect(snapshot.source == .azOutput)
        #expect(snapshot.grants.value?.count == 1)
        #expect(snapshot.servicePrincipalReference(appId: T.armAppId)?.objectId == T.armObjectId)
        #expect(snapshot.servicePrincipalReference(appId: T.clientAppId)?.objectId == T.clientObjectId)
        #expect(snapshot.servicePrincipal(appId: T.redisAppId).failure?.kind == .notInInput)
        #expect(Self.status(report, "grant.resource-manager") == .pass)
        #expect(Self.status(report, "grant.redis-api") == .fail)
        #expect(Self.status(report, "service-principal.redis-api") == .unknown)
        #expect(Self.status(report, "client.enabled") == .unknown)
        #expect(Self.status(report, "openid.user-consent") == .unknown)
        #expect(report.verdict.status == .problems)
        #expect(report.commands == [
            "az login --tenant '<tenant-id>'",
            "az ad app permission grant --id \(T.clientAppId) --api \(T.redisAppId) --scope user_impersonation",
        ])
    }

    @Test func armGrantMappedByDisplayName() throws {
        let report = Self.report(try Self.read(["08-az-list-grants-arm-only.json"]))
        let evidence = report.findings.first { $0.id == "grant.resource-manager" }?.evidence ?? []
        let basis = evidence.first { $0.label == "resource identified by" }

        #expect(basis?.value.contains("resourceDisplayName 'Windows Azure Service Management API'") == true)
    }

    @Test func redisServicePrincipalMissing() throws {
        let reading = try Self.read(["09-az-sp-show-missing.txt"])
        let report = Self.report(reading)

        #expect(reading.snapshot.servicePrincipal(appId: T.redisAppId) == .missing)
        #expect(Self.status(report, "service-principal.redis-api") == .fail)
        #expect(report.commands == ["az login --tenant '<tenant-id>'", "az ad sp create --id \(T.redisAppId)"])
        let unknown = report.findings.filter { $0.status == .unknown }
        #expect(unknown.count == 11)
        #expect(unknown.allSatisfy { $0.reason?.isEmpty == false })
    }

    @Test func unknownsNameTheCommand() throws {
        let snapshot = try Self.read(["09-az-sp-show-missing.txt"]).snapshot

        #expect(snapshot.servicePrincipal(appId: T.clientAppId).failure?.message.contains("az ad sp show --id \(T.clientAppId)") == true)
        #expect(snapshot.grants.failure?.kind == .notInInput)
        #expect(snapshot.grants.failure?.message.contains("az ad app permission list-grants --id \(T.clientAppId) --show-resource-name") == true)
        #expect(snapshot.authorizationPolicy.failure?.message.contains("/v1.0/policies/authorizationPolicy") == true)
        #expect(snapshot.authorizationPolicy.failure?.message.contains("Consent and permissions") == true)
        #expect(snapshot.adminConsentRequestPolicy.failure?.kind == .notInInput)
    }

    @Test func armGrantAndMissingRedis() throws {
        let report = Self.report(try Self.read(["08-az-list-grants-arm-only.json", "09-az-sp-show-missing.txt"]))

        #expect(Self.status(report, "service-principal.redis-api") == .fail)
        #expect(Self.status(report, "grant.redis-api") == .fail)
        #expect(Self.status(report, "grant.resource-manager") == .pass)
        #expect(report.commands == [
            "az login --tenant '<tenant-id>'",
            "az ad sp create --id \(T.redisAppId)",
            "az ad app permission grant --id \(T.clientAppId) --api \(T.redisAppId) --scope user_impersonation",
        ])
    }

    @Test func healthySet() throws {
        let reading = try Self.read(Self.healthySet, tenant: T.tenant)
        let report = Self.report(reading)

        #expect(FindingState.of(report.findings) == CheckScenarioTests.states())
        #expect(report.verdict.status == .healthy)
        #expect(report.commands == [])
        #expect(reading.notes == [])
        #expect(reading.snapshot.servicePrincipal(appId: T.redisAppId).value?.oauth2PermissionScopes?.first?.value == "user_impersonation")
        #expect(reading.snapshot.servicePrincipalReference(appId: T.graphAppId)?.objectId == T.graphObjectId)
        #expect(reading.snapshot.servicePrincipalReference(appId: T.redisAppId) == nil)
    }

    @Test func disabledClient() throws {
        let report = Self.report(try Self.read(["14-sp-show-client-disabled.txt"]))

        #expect(Self.status(report, "client.enabled") == .fail)
        #expect(Self.status(report, "client.assignment-required") == .warning)
        #expect(report.plan?.warnings.contains { $0.hasSuffix("az ad sp update --id \(T.clientAppId) --set accountEnabled=true") } == true)
    }

    @Test func mixedPaste() throws {
        let reading = try Self.read(["15-mixed-concatenated.txt"])
        let snapshot = reading.snapshot

        #expect(snapshot.tenant == T.tenant)
        #expect(snapshot.tenantDomains == ["contoso.onmicrosoft.com"])
        #expect(snapshot.servicePrincipal(appId: T.clientAppId).value?.id == T.clientObjectId)
        #expect(snapshot.servicePrincipal(appId: T.armAppId) == .missing)
        #expect(snapshot.grants.failure?.kind == .permissionDenied)
        #expect(snapshot.grants.failure?.httpStatus == 403)
        #expect(reading.notes == [])
    }

    @Test func accountUserNotKept() throws {
        let data = try SnapshotFile.encode(try Self.read(["15-mixed-concatenated.txt"]).snapshot)

        #expect(!String(decoding: data, as: UTF8.self).contains("admin@contoso"))
    }

    @Test func policies() throws {
        let snapshot = try Self.read(["16-policies-user-consent-off.txt"]).snapshot

        #expect(snapshot.authorizationPolicy.value?.allowsUserConsent == false)
        #expect(snapshot.adminConsentRequestPolicy.value == AdminConsentRequestPolicy(isEnabled: true, reviewerCount: 1))
    }

    @Test func domainExpectationMatches() throws {
        let snapshot = try Self.read(["15-mixed-concatenated.txt"]).snapshot
        let context = T.context(snapshot, expecting: [ExpectedTenant(tenant: "Contoso.onMicrosoft.com", source: .option)])

        #expect(TenantMatchCheck().findings(in: context).first?.status == .pass)
    }

    @Test func nothingRecognized() {
        #expect(throws: AzOutputReaderError.self) {
            try Self.read(text: "hello\nWARNING: nothing here\n")
        }
        let error = AzOutputReaderError(inputNames: ["a.txt", "b.txt"])
        #expect(error.description.hasPrefix("No usable az output was found in a.txt, b.txt."))
    }

    @Test func grantsOfAnotherClientSkipped() throws {
        let text = """
        $ az ad app permission list-grants --id 04b07795-8ddb-461a-bbee-02f9e1bf7b46
        [{"clientId": "11111111-2222-3333-4444-555555555555", "consentType": "AllPrincipals", "id": "abc", "principalId": null, "resourceId": "\(T.redisObjectId)", "scope": "user_impersonation"}]
        $ az ad sp show --id \(T.redisAppId)
        ERROR: Service principal '\(T.redisAppId)' doesn't exist
        """
        let reading = try Self.read(text: text)

        #expect(reading.snapshot.grants.failure?.kind == .notInInput)
        #expect(reading.notes.count == 1)
        #expect(reading.notes.first?.contains("another client") == true)
    }

    @Test func missingClientMeansNoGrants() throws {
        let text = """
        $ az ad app permission list-grants --id \(T.clientAppId) --show-resource-name
        ERROR: Service principal '\(T.clientAppId)' doesn't exist
        """
        let reading = try Self.read(text: text)
        let report = Self.report(reading)

        #expect(reading.snapshot.servicePrincipal(appId: T.clientAppId) == .missing)
        #expect(reading.snapshot.grants == .found([]))
        #expect(Self.status(report, "grant.redis-api") == .fail)
        #expect(Self.status(report, "grants.per-user") == .info)
    }

    @Test func olderMissingMessage() throws {
        let text = "ERROR: Resource '\(T.redisAppId)' does not exist or one of its queried reference-property objects are not present."
        let snapshot = try Self.read(text: text).snapshot

        #expect(snapshot.servicePrincipal(appId: T.redisAppId) == .missing)
    }

    @Test func deniedServicePrincipalRead() throws {
        let text = """
        > az ad sp show --id \(T.armAppId)
        ERROR: Insufficient privileges to complete the operation.
        """
        let snapshot = try Self.read(text: text).snapshot

        #expect(snapshot.servicePrincipal(appId: T.armAppId).failure?.kind == .permissionDenied)
    }

    @Test func graphCollectionFromAzRest() throws {
        let text = """
        $ az rest --method GET --url "https://graph.microsoft.com/v1.0/servicePrincipals?$filter=appId eq '\(T.armAppId)'"
        {"@odata.context": "x", "value": []}
        $ az rest --method GET --url "https://graph.microsoft.com/v1.0/servicePrincipals?$filter=appId eq '\(T.redisAppId)'"
        {"value": [{"id": "\(T.redisObjectId)", "appId": "\(T.redisAppId)", "servicePrincipalType": "Application", "accountEnabled": true}]}
        """
        let snapshot = try Self.read(text: text).snapshot

        #expect(snapshot.servicePrincipal(appId: T.armAppId) == .missing)
        #expect(snapshot.servicePrincipal(appId: T.redisAppId).value?.id == T.redisObjectId)
    }

    @Test func unreadableJSONNoted() throws {
        let text = """
        [not json at all
        ERROR: Service principal '\(T.redisAppId)' doesn't exist
        """
        let reading = try Self.read(text: text)

        #expect(reading.notes == ["paste.txt line 1 starts like JSON but could not be read, so it was skipped."])
        #expect(reading.snapshot.servicePrincipal(appId: T.redisAppId) == .missing)
    }

    @Test func conflictingObjectIdsNoted() throws {
        let text = """
        {"id": "\(T.armObjectId)", "appId": "\(T.redisAppId)", "servicePrincipalType": "Application"}
        [{"clientId": "\(T.clientObjectId)", "consentType": "AllPrincipals", "id": "g1", "resourceDisplayName": "AzureRedisCacheAadApp", "resourceId": "\(T.redisObjectId)", "scope": "user_impersonation"}]
        """
        let reading = try Self.read(text: text)

        #expect(reading.notes.count == 1)
        #expect(reading.notes.first?.contains("may come from different tenants") == true)
    }

    @Test(arguments: [
        ("$ az ad sp show --id X", true),
        ("PS C:\\Users\\admin> az ad sp show --id X", true),
        ("az ad sp show --id X", true),
        ("azure is great", false),
        ("$ ls", false),
    ])
    func commandLineDetection(line: String, isCommand: Bool) {
        #expect((AzCommandLine(line: line) != nil) == isCommand)
    }
}
