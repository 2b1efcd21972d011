import Foundation

/// Serialises decoded JSON values (`[String: Any]`, `[Any]`, strings, numbers, booleans and
/// `NSNull`) with object keys in code-point order and slashes unescaped.
///
/// `JSONSerialization` with `.sortedKeys` compares keys through ICU collation on Linux, which
/// made it the largest cost of a Graph response. Plain `String` ordering is much cheaper and
/// still stable.
enum JSONWriter {
    static func data(_ value: Any) -> Data {
        var output = ""
        write(value, to: &output)
        return Data(output.utf8)
    }

    private static func write(_ value: Any, to output: inout String) {
        // Containers and strings are tested first: testing a Swift dictionary against `NSNull`
        // first would bridge it to `NSDictionary` on every call.
        switch value {
        case let text as String:
            writeString(text, to: &output)
        case let object as [String: Any]:
            output += "{"
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 {
                    output += ","
                }
                writeString(key, to: &output)
                output += ":"
                write(object[key] ?? NSNull(), to: &output)
            }
            output += "}"
        case let array as [Any]:
            output += "["
            for (index, element) in array.enumerated() {
                if index > 0 {
                    output += ","
                }
                write(element, to: &output)
            }
            output += "]"
        default:
            writeScalar(value, to: &output)
        }
    }

    private static func writeScalar(_ value: Any, to output: inout String) {
        if value is NSNull {
            output += "null"
        } else if JSONSupport.isBoolean(value), let flag = value as? Bool {
            output += flag ? "true" : "false"
        } else if let integer = value as? Int {
            output += String(integer)
        } else if let number = value as? Double, number.isFinite {
            output += number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        } else {
            writeString(String(describing: value), to: &output)
        }
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
