import Foundation

/// Encodes `application/x-www-form-urlencoded` bodies for token requests.
enum FormEncoding {
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Returns the body for the fields in order, each name and value percent-encoded.
    static func body(_ fields: [(String, String)]) -> Data {
        let text = fields.map { name, value in "\(encode(name))=\(encode(value))" }.joined(separator: "&")
        return Data(text.utf8)
    }

    /// Percent-encodes everything except RFC 3986 unreserved characters.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    static let contentType = HTTPHeader("Content-Type", "application/x-www-form-urlencoded")
}
