import Foundation
import Testing
import TestSupport
@testable import ConsentDoctor

/// Validates JSON reports against `docs/report-schema.json`, and checks that the schema describes
/// exactly the fields the model encodes.
struct ReportSchemaTests {
    static func validator() throws -> JSONSchemaValidator {
        let text = try String(contentsOf: PackagePaths.root.appendingPathComponent("docs/report-schema.json"), encoding: .utf8)
        return JSONSchemaValidator(schema: try JSONValue.parse(text))
    }

    static func violations(_ json: String) throws -> [JSONSchemaValidator.Violation] {
        try validator().validate(JSONValue.parse(json))
    }

    @Test
    func goldenReportsValid() throws {
        let folder = PackagePaths.fixture("golden")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()

        #expect(files.count == SampleReports.all.count)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let found = try Self.violations(text)
            #expect(found.isEmpty, "\(file): \(found)")
        }
    }

    @Test(arguments: SampleReports.all.map(\.name) + ["every-field"])
    func renderedReportValid(name: String) throws {
        let report = name == "every-field" ? SampleReports.everyField : try #require(SampleReports.all.first { $0.name == name }?.report)
        let found = try Self.violations(JSONRenderer.render(report))

        #expect(found.isEmpty, "\(found)")
    }

    /// Every property the schema declares appears in the JSON of a report with every field set,
    /// and the other way round, so the schema lists no field the model lacks.
    @Test
    func schemaMatchesModel() throws {
        let schemaText = try String(contentsOf: PackagePaths.root.appendingPathComponent("docs/report-schema.json"), encoding: .utf8)
        let declared = Self.declaredProperties(try JSONValue.parse(schemaText))
        let encoded = Self.keys(try JSONValue.parse(JSONRenderer.render(SampleReports.everyField)))

        #expect(declared.subtracting(encoded).sorted() == [])
        #expect(encoded.subtracting(declared).sorted() == [])
    }

    // MARK: - Invalid reports

    @Test
    func unknownNeverHealthy() throws {
        var report = SampleReports.checkIncomplete
        report.verdict.status = .healthy

        #expect(try !Self.violations(JSONRenderer.render(report)).isEmpty)
    }

    @Test
    func failureNeverIncomplete() throws {
        var report = SampleReports.checkProblems
        report.verdict.status = .incomplete

        #expect(try !Self.violations(JSONRenderer.render(report)).isEmpty)
    }

    @Test
    func explainVerdictOnlyForExplain() throws {
        var report = SampleReports.checkHealthy
        report.verdict.status = .diagnosed

        #expect(try !Self.violations(JSONRenderer.render(report)).isEmpty)
    }

    @Test
    func healthVerdictNotForExplain() throws {
        var report = SampleReports.explain
        report.verdict.status = .healthy

        #expect(try !Self.violations(JSONRenderer.render(report)).isEmpty)
    }

    @Test(arguments: [
        ("\"status\" : \"fail\"", "\"status\" : \"broken\"", "/findings/1/status"),
        ("\"schemaVersion\" : \"1.0\"", "\"schemaVersion\" : \"2.0\"", "/schemaVersion"),
        ("\"generatedAt\" : \"2026-12-04T20:17:05Z\"", "\"generatedAt\" : \"yesterday\"", "/generatedAt"),
        ("\"relatedCodes\" : [\n        650052", "\"relatedCodes\" : [\n        \"AADSTS650052\"", "/findings/1/relatedCodes/0"),
        ("\"stateAware\" : true", "\"stateAware\" : \"yes\"", "/plan/stateAware"),
        ("\"notes\" : [", "\"extra\" : 1, \"notes\" : [", "/extra"),
        ("\"perUserGrantCount\" : 2", "\"perUserGrantCount\" : -1", "/plan/steps/2/perUserGrantCount"),
        ("\"status\" : 403", "\"status\" : 42", "/requests/0/status"),
    ])
    func mutationRejected(original: String, replacement: String, path: String) throws {
        var report = SampleReports.checkProblems
        report.requests[0].status = 403
        let json = JSONRenderer.render(report)
        #expect(json.contains(original))

        let found = try Self.violations(json.replacingOccurrences(of: original, with: replacement))
        #expect(found.map(\.path).contains(path), "\(found)")
    }

    @Test
    func missingRequiredRejected() throws {
        guard case .object(var members) = try JSONValue.parse(JSONRenderer.render(SampleReports.checkHealthy)) else {
            Issue.record("the report is not a JSON object")
            return
        }
        members["findings"] = nil

        let found = try Self.validator().validate(.object(members))
        #expect(found.map(\.message) == ["the required property findings is missing"])
    }

    // MARK: - Helpers

    /// Returns every name under a `properties` keyword anywhere in the schema, except inside the
    /// `oneOf` rules, which only restate fields declared elsewhere.
    static func declaredProperties(_ schema: JSONValue) -> Set<String> {
        guard case .object(let keywords) = schema else {
            return []
        }
        var names: Set<String> = []
        for (keyword, value) in keywords where keyword != "oneOf" {
            if keyword == "properties", case .object(let properties) = value {
                names.formUnion(properties.keys)
                properties.values.forEach { names.formUnion(declaredProperties($0)) }
            } else if case .object(let members) = value, keyword == "$defs" {
                members.values.forEach { names.formUnion(declaredProperties($0)) }
            } else {
                names.formUnion(declaredProperties(value))
            }
        }
        return names
    }

    /// Returns every object key anywhere in a JSON document.
    static func keys(_ value: JSONValue) -> Set<String> {
        switch value {
        case .object(let members):
            return members.reduce(into: Set(members.keys)) { $0.formUnion(keys($1.value)) }
        case .array(let elements):
            return elements.reduce(into: Set<String>()) { $0.formUnion(keys($1)) }
        default:
            return []
        }
    }
}
