/// Parses `$filter` text into a `FilterExpression`.
///
/// Grammar: `or` of `and` of primaries; a primary is a parenthesised expression,
/// `property eq|in ...`, `collection/any(v:v eq literal)` or `startswith(property,'text')`.
/// Keywords and property names match without regard to case, as Graph allows.
struct FilterParser {
    private enum Token: Equatable {
        case word(String)
        case string(String)
        case openParenthesis
        case closeParenthesis
        case comma
        case colon
    }

    private var tokens: [Token] = []
    private var position = 0

    /// Parses `text`.
    ///
    /// - Throws: `FilterError.syntax` for malformed text, `FilterError.unsupported` for
    ///   operators and functions Graph does not run on these collections without advanced queries.
    static func parse(_ text: String) throws -> FilterExpression {
        var parser = FilterParser()
        parser.tokens = try tokenize(text)
        guard !parser.tokens.isEmpty else {
            throw FilterError.syntax("The filter is empty.")
        }
        let expression = try parser.parseOr()
        guard parser.position == parser.tokens.count else {
            throw FilterError.syntax("Unexpected text after the end of the filter expression at token \(parser.position + 1).")
        }
        return expression
    }

    private static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case " ", "\t", "\n", "\r":
                index += 1
            case "(":
                tokens.append(.openParenthesis)
                index += 1
            case ")":
                tokens.append(.closeParenthesis)
                index += 1
            case ",":
                tokens.append(.comma)
                index += 1
            case ":":
                tokens.append(.colon)
                index += 1
            case "'":
                // A quote inside a literal is written twice.
                var value = ""
                index += 1
                var closed = false
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count && characters[index + 1] == "'" {
                            value.append("'")
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    value.append(characters[index])
                    index += 1
                }
                guard closed else {
                    throw FilterError.syntax("A string literal has no closing quote.")
                }
                tokens.append(.string(value))
            default:
                var word = ""
                while index < characters.count, !" \t\n\r(),:'".contains(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(.word(word))
            }
        }
        return tokens
    }

    private var current: Token? {
        position < tokens.count ? tokens[position] : nil
    }

    private mutating func advance() -> Token? {
        defer { position += 1 }
        return current
    }

    private mutating func expect(_ token: Token, _ description: String) throws {
        guard advance() == token else {
            throw FilterError.syntax("Expected \(description) at token \(position).")
        }
    }

    private func isKeyword(_ keyword: String) -> Bool {
        if case .word(let word) = current {
            return word.lowercased() == keyword
        }
        return false
    }

    private mutating func parseOr() throws -> FilterExpression {
        var expression = try parseAnd()
        while isKeyword("or") {
            position += 1
            expression = .or(expression, try parseAnd())
        }
        return expression
    }

    private mutating func parseAnd() throws -> FilterExpression {
        var expression = try parsePrimary()
        while isKeyword("and") {
            position += 1
            expression = .and(expression, try parsePrimary())
        }
        return expression
    }

    private mutating func parsePrimary() throws -> FilterExpression {
        guard let token = advance() else {
            throw FilterError.syntax("The filter ends where an expression was expected.")
        }
        switch token {
        case .openParenthesis:
            let inner = try parseOr()
            try expect(.closeParenthesis, "')'")
            return inner
        case .word(let word):
            if word.lowercased() == "not" {
                throw FilterError.unsupported("The 'not' operator needs an advanced query, which this emulator does not run.")
            }
            if current == .openParenthesis {
                return try parseCall(word)
            }
            return try parseComparison(property: word)
        default:
            throw FilterError.syntax("Expected a property name or '(' at token \(position).")
        }
    }

    private mutating func parseCall(_ word: String) throws -> FilterExpression {
        let parts = word.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2, parts[1].lowercased() == "any" {
            return try parseAnyLambda(collection: parts[0])
        }
        if parts.count == 2, parts[1].lowercased() == "all" {
            throw FilterError.unsupported("The lambda operator 'all' is not supported on '\(parts[0])'.")
        }
        guard word.lowercased() == "startswith" else {
            throw FilterError.unsupported("The function '\(word)' is not supported in this filter.")
        }
        try expect(.openParenthesis, "'('")
        guard case .word(let property) = advance() else {
            throw FilterError.syntax("startswith needs a property name as its first argument.")
        }
        try expect(.comma, "','")
        guard case .string(let prefix) = advance() else {
            throw FilterError.syntax("startswith needs a quoted string as its second argument.")
        }
        try expect(.closeParenthesis, "')'")
        return .startsWith(property: property, prefix: prefix)
    }

    private mutating func parseAnyLambda(collection: String) throws -> FilterExpression {
        try expect(.openParenthesis, "'('")
        guard case .word(let variable) = advance() else {
            throw FilterError.syntax("The lambda in '\(collection)/any' needs a range variable.")
        }
        try expect(.colon, "':'")
        guard case .word(let reference) = advance(), reference == variable else {
            throw FilterError.syntax("The lambda body in '\(collection)/any' must compare the range variable '\(variable)'.")
        }
        guard case .word(let operatorWord) = advance(), operatorWord.lowercased() == "eq" else {
            throw FilterError.unsupported("Only 'eq' is supported inside '\(collection)/any'.")
        }
        let literal = try parseLiteral()
        try expect(.closeParenthesis, "')'")
        return .anyEquals(collection: collection, literal: literal)
    }

    private mutating func parseComparison(property: String) throws -> FilterExpression {
        guard case .word(let operatorWord) = advance() else {
            throw FilterError.syntax("Expected an operator after '\(property)'.")
        }
        switch operatorWord.lowercased() {
        case "eq":
            return .equals(property: property, literal: try parseLiteral())
        case "in":
            try expect(.openParenthesis, "'(' after 'in'")
            var literals = [try parseLiteral()]
            while current == .comma {
                position += 1
                literals.append(try parseLiteral())
            }
            try expect(.closeParenthesis, "')' to close the 'in' list")
            return .isIn(property: property, literals: literals)
        case "ne", "gt", "ge", "lt", "le":
            throw FilterError.unsupported("The operator '\(operatorWord)' on '\(property)' needs an advanced query, which this emulator does not run.")
        default:
            throw FilterError.syntax("'\(operatorWord)' is not a comparison operator.")
        }
    }

    private mutating func parseLiteral() throws -> FilterLiteral {
        switch advance() {
        case .string(let value):
            return .string(value)
        case .word(let word) where word.lowercased() == "true":
            return .boolean(true)
        case .word(let word) where word.lowercased() == "false":
            return .boolean(false)
        case .word(let word) where word.lowercased() == "null":
            return .null
        default:
            throw FilterError.syntax("Expected a quoted string, true, false or null at token \(position).")
        }
    }
}
