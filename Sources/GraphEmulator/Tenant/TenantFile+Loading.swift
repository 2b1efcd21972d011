import Foundation

extension TenantFile {
    /// Reads, decodes and validates a tenant file.
    ///
    /// - Throws: `TenantFileError` naming the file and, where one is to blame, the field.
    public static func load(from url: URL) throws -> TenantFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TenantFileError(source: url.path, field: nil, problem: "cannot be read (\(error.localizedDescription)); check the path and its permissions")
        }
        return try decode(data, source: url.path)
    }

    /// Decodes and validates tenant JSON; `source` names it in errors.
    ///
    /// - Throws: `TenantFileError` naming the field that is missing, mistyped or invalid.
    public static func decode(_ data: Data, source: String) throws -> TenantFile {
        let tenant: TenantFile
        do {
            tenant = try JSONDecoder().decode(TenantFile.self, from: data)
        } catch let error as DecodingError {
            throw tenantFileError(for: error, source: source)
        }
        try tenant.validate(source: source)
        return tenant
    }

    /// Converts a decoding error into a sentence that names the field in dotted form.
    private static func tenantFileError(for error: DecodingError, source: String) -> TenantFileError {
        switch error {
        case .keyNotFound(let key, let context):
            return TenantFileError(source: source, field: fieldName(context.codingPath + [key]), problem: "is missing")
        case .typeMismatch(let type, let context):
            return TenantFileError(source: source, field: fieldName(context.codingPath), problem: "has the wrong type: expected \(jsonTypeName(type))")
        case .valueNotFound(let type, let context):
            return TenantFileError(source: source, field: fieldName(context.codingPath), problem: "is null: expected \(jsonTypeName(type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return TenantFileError(source: source, field: nil, problem: "is not valid JSON (\(context.underlyingError.map { "\($0)" } ?? context.debugDescription))")
            }
            return TenantFileError(source: source, field: fieldName(context.codingPath), problem: "is invalid: \(context.debugDescription)")
        @unknown default:
            return TenantFileError(source: source, field: nil, problem: "cannot be decoded: \(error)")
        }
    }

    static func fieldName(_ path: [any CodingKey]) -> String {
        var name = ""
        for key in path {
            if let index = key.intValue {
                name += "[\(index)]"
            } else {
                name += name.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return name.isEmpty ? "(top level)" : name
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Array") {
            return "an array"
        }
        switch name {
        case "String": return "a string"
        case "Bool": return "true or false"
        case "Int", "Double": return "a number"
        default: return "an object"
        }
    }
}
