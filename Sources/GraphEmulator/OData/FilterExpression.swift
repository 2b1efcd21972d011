/// A parsed OData `$filter` in the forms Graph accepts on service principals and grants.
indirect enum FilterExpression: Equatable, Sendable {
    /// `property eq literal`
    case equals(property: String, literal: FilterLiteral)
    /// `property in ('a', 'b')`
    case isIn(property: String, literals: [FilterLiteral])
    /// `collection/any(c:c eq literal)`
    case anyEquals(collection: String, literal: FilterLiteral)
    /// `startswith(property, 'prefix')`
    case startsWith(property: String, prefix: String)
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
}

/// A constant in a filter.
enum FilterLiteral: Equatable, Sendable {
    case string(String)
    case boolean(Bool)
    case null
}

/// Why a filter was rejected: its text does not parse, or it parses but Graph would not run it.
enum FilterError: Error, Equatable {
    case syntax(String)
    case unsupported(String)
}
