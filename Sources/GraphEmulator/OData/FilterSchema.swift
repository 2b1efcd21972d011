import Foundation

/// The properties of one entity type that a filter may test, and how.
struct FilterSchema: Sendable {
    enum Kind: Sendable {
        case string
        case boolean
        case stringCollection
    }

    /// The OData type name used in error messages, such as `microsoft.graph.servicePrincipal`.
    var typeName: String
    var properties: [String: Kind]
    /// The string properties that `startswith` may test.
    var startsWithProperties: Set<String>

    static let servicePrincipal = FilterSchema(
        typeName: "microsoft.graph.servicePrincipal",
        properties: [
            "id": .string, "appId": .string, "displayName": .string, "appOwnerOrganizationId": .string,
            "servicePrincipalType": .string, "accountEnabled": .boolean,
            "servicePrincipalNames": .stringCollection, "tags": .stringCollection,
        ],
        startsWithProperties: ["displayName"]
    )

    static let permissionGrant = FilterSchema(
        typeName: "microsoft.graph.oAuth2PermissionGrant",
        properties: ["id": .string, "clientId": .string, "consentType": .string, "principalId": .string, "resourceId": .string],
        startsWithProperties: []
    )

    static let application = FilterSchema(
        typeName: "microsoft.graph.application",
        properties: ["id": .string, "appId": .string, "displayName": .string, "identifierUris": .stringCollection],
        startsWithProperties: ["displayName"]
    )

    /// Returns `expression` with property names in their canonical case.
    ///
    /// - Throws: `FilterError.unsupported` when a property cannot be filtered this way.
    func resolve(_ expression: FilterExpression) throws -> FilterExpression {
        switch expression {
        case .equals(let property, let literal):
            let name = try canonicalName(property, allowed: [.string, .boolean])
            return .equals(property: name, literal: literal)
        case .isIn(let property, let literals):
            let name = try canonicalName(property, allowed: [.string])
            return .isIn(property: name, literals: literals)
        case .anyEquals(let collection, let literal):
            let name = try canonicalName(collection, allowed: [.stringCollection])
            return .anyEquals(collection: name, literal: literal)
        case .startsWith(let property, let prefix):
            let name = try canonicalName(property, allowed: [.string])
            guard startsWithProperties.contains(name) else {
                throw FilterError.unsupported("startswith is not supported on property '\(name)' of \(typeName).")
            }
            return .startsWith(property: name, prefix: prefix)
        case .and(let left, let right):
            return .and(try resolve(left), try resolve(right))
        case .or(let left, let right):
            return .or(try resolve(left), try resolve(right))
        }
    }

    private func canonicalName(_ property: String, allowed: [Kind]) throws -> String {
        guard let (name, kind) = properties.first(where: { $0.key.lowercased() == property.lowercased() }) else {
            throw FilterError.unsupported("Filtering on property '\(property)' of \(typeName) is not supported.")
        }
        guard allowed.contains(kind) else {
            throw FilterError.unsupported("Property '\(name)' of \(typeName) cannot be filtered with this operator.")
        }
        return name
    }
}

/// A property value that a filter tests.
enum FilterValue {
    case string(String?)
    case boolean(Bool)
    case strings([String])
}

extension FilterExpression {
    /// Evaluates the expression; string comparisons ignore case, as directory queries do.
    func matches(_ value: (String) -> FilterValue) -> Bool {
        switch self {
        case .equals(let property, let literal):
            return Self.equal(value(property), literal)
        case .isIn(let property, let literals):
            let actual = value(property)
            return literals.contains { Self.equal(actual, $0) }
        case .anyEquals(let collection, let literal):
            guard case .strings(let items) = value(collection), case .string(let expected) = literal else {
                return false
            }
            return items.contains { $0.caseInsensitiveCompare(expected) == .orderedSame }
        case .startsWith(let property, let prefix):
            guard case .string(let actual?) = value(property) else {
                return false
            }
            return actual.lowercased().hasPrefix(prefix.lowercased())
        case .and(let left, let right):
            return left.matches(value) && right.matches(value)
        case .or(let left, let right):
            return left.matches(value) || right.matches(value)
        }
    }

    /// Returns the values compared with `property eq '…'` at the top level of an `and` chain,
    /// such as the clientId a grant query names.
    func requiredValues(of property: String) -> [String] {
        switch self {
        case .equals(let name, .string(let value)) where name == property:
            return [value]
        case .and(let left, let right):
            return left.requiredValues(of: property) + right.requiredValues(of: property)
        default:
            return []
        }
    }

    private static func equal(_ actual: FilterValue, _ literal: FilterLiteral) -> Bool {
        switch (actual, literal) {
        case (.string(let value?), .string(let expected)):
            return value.caseInsensitiveCompare(expected) == .orderedSame
        case (.string(nil), .null):
            return true
        case (.boolean(let value), .boolean(let expected)):
            return value == expected
        default:
            return false
        }
    }
}
