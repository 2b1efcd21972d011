import Foundation

/// Masks personal and tenant-identifying values in a report before it is rendered: e-mail
/// addresses, user names and user object ids, IP addresses, and tenant domains.
///
/// Every string in the report is masked, including messages, commands and notes, because the
/// report is walked through its JSON form, so fields added later are covered too. The same value
/// gets the same placeholder everywhere in one report (`<email-1>`, `<user-1>`, `<ip-1>`,
/// `<domain-1>`). Microsoft's own hosts and all GUIDs other than user object ids are kept:
/// appIds, tenant ids, trace ids and correlation ids are what support needs.
public enum ReportRedactor {
    /// Returns a copy of `report` with sensitive values replaced by placeholders.
    public static func redact(_ report: Report) -> Report {
        var masker = ValueMasker()
        register(report, in: &masker)

        let encoder = JSONEncoder()
        guard let data = try? encoder.encode(report),
              let tree = try? JSONDecoder().decode(JSONValue.self, from: data)
        else {
            return withheld(report)
        }
        _ = tree.mappingStrings { text in
            masker.registerURLHosts(in: text)
            return text
        }
        let masked = tree.mappingStrings { masker.mask($0) }
        guard let maskedData = try? encoder.encode(masked),
              let result = try? JSONDecoder().decode(Report.self, from: maskedData)
        else {
            return withheld(report)
        }
        return result
    }

    /// Registers values whose role the report states, so they are masked wherever they appear,
    /// even where their shape alone would not give them away.
    private static func register(_ report: Report, in masker: inout ValueMasker) {
        let tenants = [report.tenant] + report.diagnoses.flatMap { [$0.values.tenant, $0.plan?.tenant] }
        for tenant in tenants.compactMap({ $0 }) where Identifiers.isDomainName(tenant) {
            masker.register(tenant, kind: .domain)
        }
        for evidence in report.findings.flatMap(\.evidence) {
            if evidence.label.hasPrefix("user object id"), Identifiers.isGUID(evidence.value) {
                masker.register(evidence.value, kind: .user)
            } else if evidence.label.contains("tenant"), Identifiers.isDomainName(evidence.value) {
                masker.register(evidence.value, kind: .domain)
            }
        }
        for diagnosis in report.diagnoses {
            if let user = diagnosis.values.userObjectId {
                masker.register(user, kind: .user)
            }
            if let user = diagnosis.values.userPrincipalName {
                masker.register(user, kind: user.contains("@") ? .email : .user)
            }
        }
    }

    /// Returns a report that keeps nothing sensitive, for the case where masking itself failed.
    private static func withheld(_ report: Report) -> Report {
        Report(
            command: report.command,
            generatedAt: report.generatedAt,
            verdict: report.verdict,
            notes: ["The report could not be redacted, so its contents were withheld."]
        )
    }
}

/// Any JSON value, used to walk every string of an encoded report.
enum JSONValue: Codable, Equatable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// Returns the value with every string passed through `transform`, visiting object keys in
    /// sorted order so placeholders are numbered the same way on every run.
    func mappingStrings(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case .string(let value):
            return .string(transform(value))
        case .array(let values):
            return .array(values.map { $0.mappingStrings(transform) })
        case .object(let object):
            var result: [String: JSONValue] = [:]
            for key in object.keys.sorted() {
                result[key] = object[key]?.mappingStrings(transform)
            }
            return .object(result)
        default:
            return self
        }
    }
}
