import Foundation

/// One shape of credential that `SecretMasker` masks: a regular expression whose capture groups
/// are the secret, and a test for captured text that only looks like one.
///
/// Every capture group that takes part in a match becomes the placeholder, and the rest of the
/// match, such as `access_token=` or `Bearer `, stays. Each expression is built so that the
/// engine reads every character of the input a bounded number of times. No repeated part can
/// match the same characters in two ways, and each unbounded run stops at a delimiter that also
/// starts the next candidate, such as `/` for the next `://`.
struct SecretPattern: Sendable {
    let pattern: TextPattern
    /// Returns true for captured text that is not a secret, such as an error code after `code=`.
    let keeps: @Sendable (Substring) -> Bool

    init(_ expression: String, caseInsensitive: Bool = true, keeps: @escaping @Sendable (Substring) -> Bool = { _ in false }) {
        pattern = TextPattern(expression, caseInsensitive: caseInsensitive)
        self.keeps = keeps
    }

    /// The separator between a name and its value.
    enum Separator {
        case equals
        case colon
        case either

        /// The separator as it is written in plain text, with the spaces around it. Around `=`,
        /// these may also be `+`, as form encoding writes a space, and `=` may be PHP's `=>`.
        var plain: String {
            let equals = #"[ \t+]*=>?[ \t+]*"#
            let colon = #"[ \t]*:[ \t]*"#
            switch self {
            case .equals: return equals
            case .colon: return colon
            case .either: return "(?:\(equals)|\(colon))"
            }
        }

        /// The separator percent-encoded: `%3D` for `=`, `%3A` for `:`.
        var encoded: String {
            switch self {
            case .equals: Fragment.percent("3D")
            case .colon: Fragment.percent("3A")
            case .either: Fragment.percent("3[AD]")
            }
        }
    }

    /// The forms of value an assignment pattern masks.
    enum ValueForms {
        /// Quoted, unquoted and percent-encoded values.
        case all
        /// Values in single, double or backslash-escaped double quotes.
        case quoted
        /// Unquoted and percent-encoded values.
        case unquoted
    }

    /// Returns the pattern for `name=value`, `name: value`, `"name": "value"`, `'name': 'value'`,
    /// `'name' => 'value'`, `name+=+value` and their percent-encoded forms, for any of `names`.
    ///
    /// - Parameters:
    ///   - names: An alternation of names, as `Fragment.names(_:)` builds it.
    ///   - separator: The separators allowed between a name and its value.
    ///   - values: The value forms to mask.
    ///   - keeps: Returns true for a value that stays.
    static func assignment(names: String, separator: Separator, values: ValueForms, keeps: @escaping @Sendable (Substring) -> Bool = { _ in false }) -> SecretPattern {
        let label = Fragment.boundary + Fragment.optionalQuote + "(?:\(names))" + Fragment.optionalQuote
        let plainValue: String
        switch values {
        case .all: plainValue = "(?:\(Fragment.quotedValue)|\(Fragment.plainValue))"
        case .quoted: plainValue = Fragment.quotedValue
        case .unquoted: plainValue = Fragment.plainValue
        }
        var alternatives = [separator.plain + plainValue]
        if values != .quoted {
            alternatives.append(separator.encoded + Fragment.encodedSpaces + "(?:\(Fragment.percent("2[27]")))?" + Fragment.encodedValue)
        }
        return SecretPattern(label + "(?:" + alternatives.joined(separator: "|") + ")", keeps: keeps)
    }
}

extension SecretPattern {
    /// Pieces of the regular expressions in `SecretMasker`.
    enum Fragment {
        /// Returns a percent-encoded byte whose hex digits match `hex`, also double-encoded as
        /// `%25XX`, as a URL inside a URL parameter has it.
        static func percent(_ hex: String) -> String {
            "%(?:25)*(?:\(hex))"
        }

        /// The start of a name: no letter, digit or underscore right before it, unless that is the
        /// end of a percent-encoded byte such as `%26` (`&`).
        static let boundary = #"(?:(?<![A-Za-z0-9_])|(?<=%[0-9A-Fa-f]{2}))"#

        /// A quote, possibly escaped as JSON inside a JSON string has it, around a name.
        static let optionalQuote = #"(?:\\?["'])?"#

        /// Spaces after a percent-encoded separator: `%20` or `+`.
        static let encodedSpaces = "(?:\(percent("20"))|\\+)*"

        /// A value up to white space, a quote, `&`, `#`, `;`, `,`, `<` or `>`.
        static let plainValue = #"([^\s&#;,"'<>]+)"#

        /// A percent-encoded value, which also ends at a percent-encoded delimiter such as `%26`.
        static let encodedValue = "((?:(?!" + percent("0[9AD]|2[02367C]|3[BCE]") + #")[^\s&#;,"'<>])+)"#

        /// A value in double quotes, single quotes or escaped double quotes (`\"`), up to the real
        /// closing quote: escaped quotes inside it belong to the value. The value stops at a line
        /// break, which no JSON or Python string contains unescaped.
        static let quotedValue = "(?:" + [
            #""((?:[^"\\\r\n]|\\.)*)"#,
            #"\\"((?:[^"\\\r\n]|\\[^"\\\r\n]|\\\\(?:\\.|[^"\\\r\n]))*)"#,
            #"'((?:[^'\\\r\n]|\\.)*)"#,
        ].joined(separator: "|") + ")"

        /// Returns an alternation of names given as lists of words, where the words may be joined
        /// by `_`, `-`, nothing, or their percent-encoded forms: `["access", "token"]` matches
        /// `access_token`, `accessToken`, `access-token` and `access%5Ftoken`.
        static func names(_ words: [[String]]) -> String {
            let joiner = "(?:[_-]|\(percent("5F|2D")))?"
            return words.map { $0.joined(separator: joiner) }.joined(separator: "|")
        }
    }
}

