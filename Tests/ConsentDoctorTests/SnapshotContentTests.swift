import Foundation
import Testing
import TestSupport
@testable import ConsentDoctor

/// Snapshot files whose JSON decodes but whose values a saved snapshot never has: each is
/// rejected with the JSON path of the value.
struct SnapshotContentTests {
    typealias T = TenantFixtures

    /// Returns the JSON text of a full snapshot after `change` edited its parsed object.
    private func edited(_ change: (inout [String: Any]) -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: try SnapshotFile.encode(SnapshotFileTests.fullSnapshot())) as? [String: Any])
        change(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// Returns the JSON text of a full snapshot with `"key": value` replaced by `replacement`.
    private func replacing(_ target: String, with replacement: String) throws -> Data {
        let text = String(decoding: try SnapshotFile.encode(SnapshotFileTests.fullSnapshot()), as: UTF8.self)
        #expect(text.contains(target))
        return Data(text.replacingOccurrences(of: target, with: replacement).utf8)
    }

    private func problem(_ data: Data) -> SnapshotFileError.Problem? {
        let error = #expect(throws: SnapshotFileError.self) {
            try SnapshotFile.decode(data, path: "s.json")
        }
        return error?.problem
    }

    @Test func unknownCloud() throws {
        let data = try edited { $0["cloud"] = "Mars" }
        #expect(problem(data) == .invalidContent("cloud is \"Mars\", but it must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud"))
    }

    @Test func cloudMatchesWithoutCase() throws {
        let loaded = try SnapshotFile.decode(try edited { $0["cloud"] = "azureusgovernment" }, path: "s.json")
        #expect(loaded.cloud == "AzureUSGovernment")
    }

    @Test func tenantWithShellCharacters() throws {
        let data = try edited { $0["tenant"] = "x.com;$(id)" }
        #expect(problem(data) == .invalidContent("tenant is \"x.com;$(id)\", but it must be a tenant id (GUID) or a domain name such as contoso.onmicrosoft.com"))
    }

    @Test func tenantDomainNameLoads() throws {
        let loaded = try SnapshotFile.decode(try edited { $0["tenant"] = "contoso.onmicrosoft.com" }, path: "s.json")
        #expect(loaded.tenant == "contoso.onmicrosoft.com")
    }

    @Test func clientAppIdNotGUID() throws {
        let data = try edited { $0["clientAppId"] = "redisinsight" }
        #expect(problem(data) == .invalidContent("clientAppId is \"redisinsight\", but it must be an appId (GUID)"))
    }

    @Test func tenantDomainInvalid() throws {
        let data = try edited { $0["tenantDomains"] = ["contoso.com", "evil.com\u{1B}[31m"] }
        #expect(problem(data) == .invalidContent("tenantDomains[1] is \"evil.com [31m\", but it must be a domain name"))
    }

    @Test func negativeRoundTrips() throws {
        let data = try edited { $0["roundTrips"] = -5 }
        #expect(problem(data) == .invalidContent("roundTrips is -5, but a count must be 0 or more"))
    }

    @Test func hugeRoundTripsNamesPath() throws {
        let data = try replacing("\"roundTrips\" : 1", with: "\"roundTrips\" : 1e30")
        #expect(problem(data) == .invalidContent("roundTrips is 1e+30, which is too large for an integer"))
    }

    @Test func fractionalRoundTrips() throws {
        let data = try replacing("\"roundTrips\" : 1", with: "\"roundTrips\" : 1.5")
        #expect(problem(data) == .invalidContent("roundTrips must be an integer, written without a decimal point or exponent"))
    }

    @Test func requestStatusOutOfRange() throws {
        let data = try replacing("\"status\" : 200", with: "\"status\" : 999")
        #expect(problem(data) == .invalidContent("requests[0].status is 999, but an HTTP status is from 100 to 599"))
    }

    @Test func failureStatusNamesAppId() throws {
        let data = try edited { object in
            var principals = object["servicePrincipals"] as? [String: Any] ?? [:]
            var lookup = principals[T.graphAppId] as? [String: Any] ?? [:]
            var failure = lookup["failure"] as? [String: Any] ?? [:]
            failure["httpStatus"] = 4030
            lookup["failure"] = failure
            principals[T.graphAppId] = lookup
            object["servicePrincipals"] = principals
        }
        #expect(problem(data) == .invalidContent("servicePrincipals.\(T.graphAppId).failure.httpStatus is 4030, but an HTTP status is from 100 to 599"))
    }

    @Test func decimalFormatVersion() throws {
        let data = try replacing("\"formatVersion\" : 1", with: "\"formatVersion\" : 1.0")
        #expect(problem(data) == .invalidContent("formatVersion must be the integer 1, written without a decimal point or exponent"))
    }

    @Test func booleanFormatVersion() throws {
        let data = try edited { $0["formatVersion"] = true }
        #expect(problem(data) == .invalidContent("formatVersion is a Boolean, but it must be the integer 1"))
    }

    @Test(arguments: [("null", "null"), ("[]", "an array"), ("\"snapshot\"", "a string"), ("42", "a number"), ("false", "a Boolean")])
    func topLevelNotObject(text: String, found: String) {
        #expect(problem(Data(text.utf8)) == .topLevelNotObject(found: found))
    }

    @Test func topLevelNullMessage() {
        let error = SnapshotFileError(path: "null.json", problem: .topLevelNotObject(found: "null"))
        #expect(error.description == "The snapshot file null.json is valid JSON, but its top level is null instead of an object. A snapshot is an object with formatVersion and servicePrincipals, as --save-snapshot writes it.")
    }

    @Test(arguments: [("1", SnapshotContentRules.NumberForm.integer(1)), ("-5", .integer(-5)), ("1.0", .nonInteger(1)), ("1e3", .nonInteger(1000)), ("18446744073709551615", .nonInteger(18_446_744_073_709_551_616))])
    func numberFormOfLiteral(literal: String, form: SnapshotContentRules.NumberForm) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data("{\"n\":\(literal)}".utf8)) as? [String: Any])
        #expect(SnapshotContentRules.numberForm(object["n"]) == form)
    }

    @Test func booleanIsNotANumber() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data("{\"n\":true}".utf8)) as? [String: Any])
        #expect(SnapshotContentRules.numberForm(object["n"]) == nil)
    }

    @Test func servicePrincipalUnderOtherKey() throws {
        let data = try edited { object in
            var principals = object["servicePrincipals"] as? [String: Any] ?? [:]
            let key = principals.keys.sorted().first { principals[$0].map { ($0 as? [String: Any])?["value"] != nil } ?? false } ?? ""
            principals["0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"] = principals[key]
            object["servicePrincipals"] = principals
        }
        let found = problem(data)
        guard case .invalidContent(let text)? = found else {
            Issue.record("expected invalid content, got \(String(describing: found))")
            return
        }
        #expect(text.hasPrefix("servicePrincipals.0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.value.appId is \""))
        #expect(text.hasSuffix("\", but it must be the appId of its key"))
    }

    @Test func servicePrincipalKeyNotGUID() throws {
        let data = try edited { object in
            var principals = object["servicePrincipals"] as? [String: Any] ?? [:]
            principals["redis"] = principals.values.first
            object["servicePrincipals"] = principals
        }
        #expect(problem(data) == .invalidContent("servicePrincipals has the key \"redis\", but each key must be an appId (GUID)"))
    }

    @Test func savedSnapshotStillLoads() throws {
        let loaded = try SnapshotFile.decode(try SnapshotFile.encode(SnapshotFileTests.fullSnapshot()), path: "s.json")
        #expect(loaded.cloud == "AzureCloud")
    }
}
