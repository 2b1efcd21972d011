import Foundation
import Testing
import TestSupport
@testable import ConsentDoctor

struct SnapshotFileTests {
    typealias T = TenantFixtures

    /// Returns a snapshot with every field filled, including failures and references.
    static func fullSnapshot() -> DirectorySnapshot {
        var snapshot = T.healthy()
            .setting(T.armAppId, .missing)
            .setting(T.graphAppId, .unknown(T.denied("servicePrincipals")))
        snapshot.grants = .found(T.healthyGrants + [T.perUser("pu", user: T.userA, to: T.redisObjectId, scope: "user_impersonation")])
        snapshot.requests = [GraphRequestRecord(method: "POST", path: "/$batch", status: 200, requestId: "5d1e0c3b-8a47-4f92-b6d1-0e7c2a9f4b13")]
        snapshot.roundTrips = 1
        snapshot.tenantDomains = ["contoso.onmicrosoft.com"]
        snapshot.servicePrincipalReferences = [
            T.graphAppId: ServicePrincipalReference(objectId: T.graphObjectId, appId: T.graphAppId, displayName: "Microsoft Graph", basis: "test"),
        ]
        return snapshot
    }

    @Test func roundTrip() throws {
        let snapshot = Self.fullSnapshot()
        let loaded = try SnapshotFile.decode(try SnapshotFile.encode(snapshot), path: "tenant.json")

        var expected = snapshot
        expected.source = .snapshotFile
        #expect(loaded == expected)
    }

    @Test func roundTripThroughFile() throws {
        let folder = try PackagePaths.scratchFolder("snapshot")
        let url = folder.appendingPathComponent("tenant.json")
        try SnapshotFile.save(Self.fullSnapshot(), to: url)
        let loaded = try SnapshotFile.load(from: url)

        #expect(loaded.source == .snapshotFile)
        #expect(loaded.grants == Self.fullSnapshot().grants)
    }

    /// Every key a saved snapshot may contain. A new key must be added here on purpose, after
    /// checking that it cannot carry a token or a secret.
    static let allowedKeys: Set<String> = [
        "formatVersion", "source", "tenant", "cloud", "clientAppId", "servicePrincipals", "grants",
        "authorizationPolicy", "adminConsentRequestPolicy", "requests", "roundTrips", "tenantDomains",
        "servicePrincipalReferences", "state", "value", "failure", "kind", "message", "httpStatus",
        "graphErrorCode", "requestId", "id", "appId", "displayName", "accountEnabled",
        "appRoleAssignmentRequired", "disabledByMicrosoftStatus", "appOwnerOrganizationId",
        "oauth2PermissionScopes", "servicePrincipalNames", "replyUrls", "type", "isEnabled",
        "clientId", "consentType", "principalId", "resourceId", "scope",
        "permissionGrantPoliciesAssigned", "reviewerCount", "method", "path", "status",
        "objectId", "basis",
        // Keys of the servicePrincipals and servicePrincipalReferences maps are appIds.
        T.clientAppId, T.redisAppId, T.armAppId, T.graphAppId,
    ]

    @Test func holdsNoTokenField() throws {
        let data = try SnapshotFile.encode(Self.fullSnapshot())
        let keys = Self.keys(in: try JSONSerialization.jsonObject(with: data))

        #expect(keys.subtracting(Self.allowedKeys) == [])
        for word in ["token", "secret", "password", "cookie", "credential", "assertion"] {
            #expect(!keys.contains { $0.lowercased().contains(word) })
        }
    }

    @Test func rejectsOtherVersion() throws {
        var object = try JSONSerialization.jsonObject(with: try SnapshotFile.encode(T.healthy())) as? [String: Any] ?? [:]
        object["formatVersion"] = 2
        let data = try JSONSerialization.data(withJSONObject: object)

        #expect(throws: SnapshotFileError(path: "old.json", problem: .unsupportedFormatVersion("2"))) {
            try SnapshotFile.decode(data, path: "old.json")
        }
        let message = SnapshotFileError(path: "old.json", problem: .unsupportedFormatVersion("2")).description
        #expect(message == "The snapshot file old.json has format version 2, but this version of consent-doctor reads only version 1. Save the snapshot again with this version.")
    }

    @Test func rejectsStringVersion() throws {
        var object = try JSONSerialization.jsonObject(with: try SnapshotFile.encode(T.healthy())) as? [String: Any] ?? [:]
        object["formatVersion"] = "1"
        let data = try JSONSerialization.data(withJSONObject: object)

        let error = #expect(throws: SnapshotFileError.self) {
            try SnapshotFile.decode(data, path: "s.json")
        }
        #expect(error?.problem == .formatVersionNotANumber("1"))
        #expect(error?.description == "The snapshot file s.json has formatVersion \"1\", a string, but it must be the number 1, without quotes. Save the snapshot again with consent-doctor.")
    }

    @Test func rejectsDuplicateGrantIds() throws {
        var snapshot = T.healthy()
        let grants = try #require(snapshot.grants.value)
        snapshot.grants = .found(grants + [grants[0]])

        #expect(throws: SnapshotFileError(path: "s.json", problem: .duplicateId(kind: "oauth2PermissionGrant", id: grants[0].id))) {
            try SnapshotFile.decode(try SnapshotFile.encode(snapshot), path: "s.json")
        }
    }

    @Test func rejectsDuplicateObjectIds() throws {
        var snapshot = T.healthy()
        var copy = try #require(snapshot.servicePrincipal(appId: T.redisAppId).value)
        copy.id = copy.id.uppercased()
        copy.appId = T.armAppId
        snapshot.servicePrincipals[T.armAppId] = .found(copy)

        let error = #expect(throws: SnapshotFileError.self) {
            try SnapshotFile.decode(try SnapshotFile.encode(snapshot), path: "s.json")
        }
        guard case .duplicateId(let kind, _) = error?.problem else {
            Issue.record("expected duplicateId, got \(String(describing: error))")
            return
        }
        #expect(kind == "service principal object")
    }

    @Test func rejectsDeepNesting() {
        let depth = 100_000
        let text = "{\"formatVersion\":1,\"servicePrincipals\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"

        let error = #expect(throws: SnapshotFileError.self) {
            try SnapshotFile.decode(Data(text.utf8), path: "deep.json")
        }
        #expect(error?.problem == .nestedTooDeeply(limit: 512))
        #expect(error?.description.contains("more than 512 levels deep") == true)
    }

    @Test func rejectsOversizedFile() throws {
        let url = try PackagePaths.scratchFolder("snapshot-size").appendingPathComponent("s.json")
        try SnapshotFile.save(T.healthy(), to: url)

        #expect(throws: SnapshotFileError(path: url.path, problem: .tooLarge(limit: 100))) {
            try SnapshotFile.load(from: url, limit: 100)
        }
        #expect(try SnapshotFile.load(from: url).tenant == T.healthy().tenant)
    }

    @Test func rejectsMalformedJSON() {
        #expect(throws: SnapshotFileError(path: "bad.json", problem: .notJSON)) {
            try SnapshotFile.decode(Data("{\"formatVersion\": 1,".utf8), path: "bad.json")
        }
    }

    @Test func rejectsOtherJSON() {
        #expect(throws: SnapshotFileError(path: "report.json", problem: .notASnapshot)) {
            try SnapshotFile.decode(Data("{\"schemaVersion\": \"1.0\"}".utf8), path: "report.json")
        }
    }

    @Test func namesInvalidField() throws {
        var object = try JSONSerialization.jsonObject(with: try SnapshotFile.encode(T.healthy())) as? [String: Any] ?? [:]
        object["grants"] = ["value": []]
        let data = try JSONSerialization.data(withJSONObject: object)

        #expect(throws: SnapshotFileError(path: "t.json", problem: .invalidContent("grants.state is missing"))) {
            try SnapshotFile.decode(data, path: "t.json")
        }
    }

    @Test func unreadableFileNamed() {
        let url = URL(fileURLWithPath: "/nonexistent/folder/tenant.json")

        #expect {
            try SnapshotFile.load(from: url)
        } throws: { error in
            (error as? SnapshotFileError)?.description.hasPrefix("Cannot read the snapshot file /nonexistent/folder/tenant.json") == true
        }
    }

    @Test func missingFileNamesCause() {
        let url = URL(fileURLWithPath: "/nonexistent/folder/tenant.json")
        #expect {
            try SnapshotFile.load(from: url)
        } throws: { error in
            (error as? SnapshotFileError)?.description == "Cannot read the snapshot file /nonexistent/folder/tenant.json: no such file or directory. Check the path and its permissions."
        }
        #expect {
            try SnapshotFile.save(TenantFixtures.healthy(), to: url)
        } throws: { error in
            (error as? SnapshotFileError)?.description == "Cannot write the snapshot file /nonexistent/folder/tenant.json: no such file or directory. Check that the folder exists."
        }
    }

    static func keys(in value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set(object.keys)) { result, entry in
                result.formUnion(keys(in: entry.value))
            }
        }
        if let array = value as? [Any] {
            return array.reduce(into: Set<String>()) { result, item in
                result.formUnion(keys(in: item))
            }
        }
        return []
    }
}
