import Foundation

/// A JSON Schema (draft 2020-12) validator for the keywords the report schema uses: `type`,
/// `properties`, `required`, `additionalProperties`, `items`, `enum`, `const`, `$ref` to a JSON
/// pointer inside the same document, `$defs`, `minimum`, `maximum`, `minLength`, `pattern`,
/// `oneOf` and `anyOf`.
///
/// A schema that uses any other validation keyword is rejected with `SchemaError`, so the schema
/// cannot rely on a rule this validator would silently skip.
struct JSONSchemaValidator {
    struct SchemaError: Error, CustomStringConvertible {
        var location: String
        var message: String

        var description: String { "invalid or unsupported schema at \(location): \(message)" }
    }

    /// One way the instance breaks the schema, with the JSON pointer of the offending value.
    struct Violation: CustomStringConvertible, Equatable {
        var path: String
        var message: String

        var description: String { "\(path.isEmpty ? "/" : path): \(message)" }
    }

    /// Keywords that only annotate or structure the schema.
    private static let annotationKeywords: Set<String> = ["$schema", "$id", "$comment", "$defs", "title", "description"]

    private static let validationKeywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "$ref",
        "minimum", "maximum", "minLength", "pattern", "oneOf", "anyOf",
    ]

    let root: JSONValue

    init(schema: JSONValue) {
        self.root = schema
    }

    /// Returns every violation of the schema by `instance`; an empty list means it is valid.
    ///
    /// - Throws: `SchemaError` when the schema uses an unsupported keyword, a `$ref` that does
    ///   not resolve, or a keyword value of the wrong type.
    func validate(_ instance: JSONValue) throws -> [Violation] {
        try validate(instance, against: root, path: "", schemaPath: "#")
    }

    private func validate(_ instance: JSONValue, against schema: JSONValue, path: String, schemaPath: String) throws -> [Violation] {
        if case .bool(let allowed) = schema {
            return allowed ? [] : [Violation(path: path, message: "no value is allowed here")]
        }
        guard case .object(let keywords) = schema else {
            throw SchemaError(location: schemaPath, message: "a schema must be an object or a boolean")
        }
        for keyword in keywords.keys where !Self.annotationKeywords.contains(keyword) && !Self.validationKeywords.contains(keyword) {
            throw SchemaError(location: schemaPath, message: "the keyword \(keyword) is not supported by this validator")
        }

        var violations: [Violation] = []
        if let reference = keywords["$ref"] {
            let target = try resolve(reference, at: schemaPath)
            violations += try validate(instance, against: target, path: path, schemaPath: referenceText(reference))
        }
        if let type = keywords["type"] {
            violations += try checkType(instance, type, path: path, schemaPath: schemaPath)
        }
        if let allowed = keywords["enum"] {
            guard case .array(let values) = allowed else {
                throw SchemaError(location: schemaPath + "/enum", message: "enum must be an array")
            }
            if !values.contains(where: instance.isEqual) {
                violations.append(Violation(path: path, message: "\(instance) is not one of \(JSONValue.array(values))"))
            }
        }
        if let constant = keywords["const"], !instance.isEqual(to: constant) {
            violations.append(Violation(path: path, message: "\(instance) is not \(constant)"))
        }
        violations += try checkNumber(instance, keywords, path: path, schemaPath: schemaPath)
        violations += try checkString(instance, keywords, path: path, schemaPath: schemaPath)
        violations += try checkObject(instance, keywords, path: path, schemaPath: schemaPath)
        violations += try checkArray(instance, keywords, path: path, schemaPath: schemaPath)
        violations += try checkCombinations(instance, keywords, path: path, schemaPath: schemaPath)
        return violations
    }

    private func checkType(_ instance: JSONValue, _ type: JSONValue, path: String, schemaPath: String) throws -> [Violation] {
        let names: [String]
        switch type {
        case .string(let name):
            names = [name]
        case .array(let values):
            names = try values.map { value in
                guard case .string(let name) = value else {
                    throw SchemaError(location: schemaPath + "/type", message: "type names must be strings")
                }
                return name
            }
        default:
            throw SchemaError(location: schemaPath + "/type", message: "type must be a string or an array of strings")
        }

        let actual = instance.typeName
        let matches = names.contains { name in
            name == actual
                || (name == "number" && actual == "integer")
                || (name == "integer" && actual == "number" && instance.numericValue.map { $0.rounded() == $0 } == true)
        }
        return matches ? [] : [Violation(path: path, message: "expected \(names.joined(separator: " or ")), found \(actual)")]
    }

    private func checkNumber(_ instance: JSONValue, _ keywords: [String: JSONValue], path: String, schemaPath: String) throws -> [Violation] {
        guard let value = instance.numericValue else {
            return []
        }
        var violations: [Violation] = []
        if let minimum = keywords["minimum"] {
            guard let bound = minimum.numericValue else {
                throw SchemaError(location: schemaPath + "/minimum", message: "minimum must be a number")
            }
            if value < bound {
                violations.append(Violation(path: path, message: "\(instance) is less than the minimum \(minimum)"))
            }
        }
        if let maximum = keywords["maximum"] {
            guard let bound = maximum.numericValue else {
                throw SchemaError(location: schemaPath + "/maximum", message: "maximum must be a number")
            }
            if value > bound {
                violations.append(Violation(path: path, message: "\(instance) is more than the maximum \(maximum)"))
            }
        }
        return violations
    }

    private func checkString(_ instance: JSONValue, _ keywords: [String: JSONValue], path: String, schemaPath: String) throws -> [Violation] {
        guard case .string(let text) = instance else {
            return []
        }
        var violations: [Violation] = []
        if let minLength = keywords["minLength"] {
            guard case .integer(let bound) = minLength else {
                throw SchemaError(location: schemaPath + "/minLength", message: "minLength must be an integer")
            }
            // JSON Schema counts code points, not grapheme clusters.
            if text.unicodeScalars.count < bound {
                violations.append(Violation(path: path, message: "\(instance) is shorter than \(bound) characters"))
            }
        }
        if let pattern = keywords["pattern"] {
            guard case .string(let source) = pattern, let expression = try? NSRegularExpression(pattern: source) else {
                throw SchemaError(location: schemaPath + "/pattern", message: "pattern must be a valid regular expression")
            }
            // JSON Schema patterns are unanchored: without ^ or $, a match anywhere in the string counts.
            let range = NSRange(text.startIndex..., in: text)
            if expression.firstMatch(in: text, range: range) == nil {
                violations.append(Violation(path: path, message: "\(instance) does not match the pattern \(source)"))
            }
        }
        return violations
    }

    private func checkObject(_ instance: JSONValue, _ keywords: [String: JSONValue], path: String, schemaPath: String) throws -> [Violation] {
        guard case .object(let members) = instance else {
            return []
        }
        var violations: [Violation] = []

        if let required = keywords["required"] {
            guard case .array(let names) = required else {
                throw SchemaError(location: schemaPath + "/required", message: "required must be an array")
            }
            for case .string(let name) in names where members[name] == nil {
                violations.append(Violation(path: path, message: "the required property \(name) is missing"))
            }
        }

        var properties: [String: JSONValue] = [:]
        if let declared = keywords["properties"] {
            guard case .object(let schemas) = declared else {
                throw SchemaError(location: schemaPath + "/properties", message: "properties must be an object")
            }
            properties = schemas
        }
        for (name, value) in members.sorted(by: { $0.key < $1.key }) {
            let memberPath = path + "/" + escapePointer(name)
            if let propertySchema = properties[name] {
                violations += try validate(value, against: propertySchema, path: memberPath, schemaPath: schemaPath + "/properties/" + escapePointer(name))
            } else if let additional = keywords["additionalProperties"] {
                if case .bool(false) = additional {
                    violations.append(Violation(path: memberPath, message: "the property \(name) is not allowed"))
                } else {
                    violations += try validate(value, against: additional, path: memberPath, schemaPath: schemaPath + "/additionalProperties")
                }
            }
        }
        return violations
    }

    private func checkArray(_ instance: JSONValue, _ keywords: [String: JSONValue], path: String, schemaPath: String) throws -> [Violation] {
        guard case .array(let elements) = instance, let items = keywords["items"] else {
            return []
        }
        var violations: [Violation] = []
        for (index, element) in elements.enumerated() {
            violations += try validate(element, against: items, path: "\(path)/\(index)", schemaPath: schemaPath + "/items")
        }
        return violations
    }

    private func checkCombinations(_ instance: JSONValue, _ keywords: [String: JSONValue], path: String, schemaPath: String) throws -> [Violation] {
        var violations: [Violation] = []
        for keyword in ["oneOf", "anyOf"] {
            guard let value = keywords[keyword] else {
                continue
            }
            guard case .array(let subschemas) = value, !subschemas.isEmpty else {
                throw SchemaError(location: "\(schemaPath)/\(keyword)", message: "\(keyword) must be a non-empty array")
            }
            var results: [[Violation]] = []
            for (index, subschema) in subschemas.enumerated() {
                results.append(try validate(instance, against: subschema, path: path, schemaPath: "\(schemaPath)/\(keyword)/\(index)"))
            }
            let passing = results.filter(\.isEmpty).count

            if keyword == "oneOf" && passing != 1 {
                let reasons = results.enumerated().map { "option \($0.offset + 1): \($0.element.isEmpty ? "matches" : $0.element.map(\.description).joined(separator: "; "))" }
                violations.append(Violation(path: path, message: "matches \(passing) of the \(subschemas.count) oneOf options instead of exactly one (\(reasons.joined(separator: " | ")))"))
            }
            if keyword == "anyOf" && passing == 0 {
                violations.append(Violation(path: path, message: "matches none of the anyOf options"))
            }
        }
        return violations
    }

    /// Returns the schema a `$ref` such as `#/$defs/Finding` points to.
    private func resolve(_ reference: JSONValue, at schemaPath: String) throws -> JSONValue {
        let text = referenceText(reference)
        guard text.hasPrefix("#") else {
            throw SchemaError(location: schemaPath, message: "only references inside the schema (#/...) are supported, not \(text)")
        }
        var current = root
        for token in text.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard case .object(let members) = current, let next = members[name] else {
                throw SchemaError(location: schemaPath, message: "the reference \(text) does not resolve")
            }
            current = next
        }
        return current
    }

    private func referenceText(_ reference: JSONValue) -> String {
        if case .string(let text) = reference {
            return text
        }
        return reference.description
    }

    private func escapePointer(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
