import Foundation

/// The OData query options of a collection request: `$filter`, `$select`, `$top` and `$skiptoken`.
struct CollectionQuery {
    /// The page size Graph uses for directory collections when `$top` is absent.
    static let defaultPageSize = 100
    /// The largest `$top` Graph accepts for directory collections.
    static let maximumPageSize = 999

    var filter: FilterExpression?
    var select: [String]?
    var top: Int?
    /// The index of the first item of this page, from `$skiptoken`.
    var offset = 0

    /// Parses the query options of `request`; `schema` decides which filters are allowed and
    /// `propertyNames` which properties `$select` may name.
    ///
    /// - Throws: `GraphError` with Graph's 400 codes for malformed or unsupported options.
    static func parse(_ request: HTTPRequest, schema: FilterSchema, propertyNames: Set<String>) throws -> CollectionQuery {
        var query = CollectionQuery()
        for (rawName, value) in request.queryItems {
            let name = rawName.hasPrefix("$") ? String(rawName.dropFirst()).lowercased() : rawName.lowercased()
            switch name {
            case "filter":
                query.filter = try parseFilter(value, schema: schema)
            case "select":
                query.select = try parseSelect(value, schema: schema, propertyNames: propertyNames)
            case "top":
                guard let top = Int(value), (1...maximumPageSize).contains(top) else {
                    throw GraphError.badRequest("Invalid page size '\(value)' in $top: it must be a whole number from 1 to \(maximumPageSize).")
                }
                query.top = top
            case "skiptoken":
                guard let offset = SkipToken.offset(from: value) else {
                    throw GraphError.directoryBadRequest("The $skiptoken value is invalid or comes from another query.")
                }
                query.offset = offset
            case "count", "orderby", "search", "expand", "skip", "format":
                throw GraphError.unsupportedQuery("The query option '$\(name)' is not supported by this emulator.")
            default:
                // Graph ignores query parameters it does not know, such as api-version.
                continue
            }
        }
        return query
    }

    private static func parseFilter(_ text: String, schema: FilterSchema) throws -> FilterExpression {
        do {
            return try schema.resolve(try FilterParser.parse(text))
        } catch FilterError.syntax(let message) {
            throw GraphError.badRequest("Invalid filter clause: \(message)")
        } catch FilterError.unsupported(let message) {
            throw GraphError.unsupportedQuery(message)
        }
    }

    private static func parseSelect(_ text: String, schema: FilterSchema, propertyNames: Set<String>) throws -> [String] {
        var names: [String] = []
        for part in text.split(separator: ",") {
            let requested = part.trimmingCharacters(in: .whitespaces)
            guard let name = propertyNames.first(where: { $0.lowercased() == requested.lowercased() }) else {
                throw GraphError.badRequest("Could not find property '\(requested)' on type '\(schema.typeName)' to select.")
            }
            names.append(name)
        }
        guard !names.isEmpty else {
            throw GraphError.badRequest("$select names no property.")
        }
        return names
    }

    /// Returns only the selected properties of `object`, or all of them without `$select`.
    func project(_ object: JSONObject) -> JSONObject {
        guard let select else {
            return object
        }
        var projected: JSONObject = [:]
        for name in select {
            projected[name] = object[name] ?? NSNull()
        }
        return projected
    }
}

/// The emulator's opaque `$skiptoken`: the offset of the next page, base64url-encoded.
enum SkipToken {
    private static let prefix = "emulator-page-offset:"

    static func make(offset: Int) -> String {
        Base64URL.encode(Data((prefix + String(offset)).utf8))
    }

    static func offset(from token: String) -> Int? {
        guard let data = Base64URL.decode(token), let text = String(data: data, encoding: .utf8), text.hasPrefix(prefix) else {
            return nil
        }
        return Int(text.dropFirst(prefix.count)).flatMap { $0 >= 0 ? $0 : nil }
    }
}
