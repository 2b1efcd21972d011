import Foundation

/// Builds Graph paths with OData query options, encoded the same way for direct requests and
/// for `$batch` items.
public enum GraphPath {
    /// Characters left as they are in a query value: RFC 3986 unreserved characters and the
    /// delimiters OData expressions use. Space, `&`, `=`, `+`, `#`, `?` and `%` are encoded.
    private static let queryValueCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~$'(),;:@!*/")

    /// Returns `path?name=value&…` with each value percent-encoded.
    public static func path(_ path: String, query: [(name: String, value: String)]) -> String {
        guard !query.isEmpty else {
            return path
        }
        let encoded = query.map { "\($0.name)=\(encodeQueryValue($0.value))" }.joined(separator: "&")
        return "\(path)?\(encoded)"
    }

    public static func encodeQueryValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: queryValueCharacters) ?? value
    }

    /// Returns an OData string literal: the value in single quotes, inner quotes doubled.
    public static func literal(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Returns the path as a person reads it, with percent-encoding undone, for records and logs.
    public static func readable(_ path: String) -> String {
        path.removingPercentEncoding ?? path
    }
}
