import Foundation

/// A decoded JSON object, as `JSONSerialization` produces it.
typealias JSONObject = [String: Any]

enum JSONSupport {
    /// Serializes a JSON value with sorted keys and unescaped slashes, so output is stable.
    static func data(_ value: Any) -> Data {
        JSONWriter.data(value)
    }

    /// Parses a request body as a JSON object; returns nil when the body is not a JSON object.
    static func object(from body: Data) -> JSONObject? {
        guard !body.isEmpty else {
            return nil
        }
        return (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) as? JSONObject
    }

    /// Returns whether a decoded JSON value is `true` or `false`. `JSONSerialization` decodes numbers as
    /// `NSNumber`, which also casts to `Bool`, so the dynamic type name distinguishes the two.
    static func isBoolean(_ value: Any) -> Bool {
        value is Bool && String(describing: type(of: value)).lowercased().contains("bool")
    }

    /// Returns `value` or JSON null.
    static func nullable(_ value: Any?) -> Any {
        value ?? NSNull()
    }
}
