import Foundation

/// The `$Config={...}` object that the sign-in page's inline script assigns.
///
/// Its keys are not documented and change between page versions, so values are found by
/// the shape of key names (`...correlationId`, `...Timestamp`) and of values (GUIDs, `AADSTS`
/// text, numbers), not by a fixed schema.
struct ConfigScript {
    var errorCode: Int?
    /// Text that contains an AADSTS code, such as `strServiceExceptionMessage`.
    var messages: [String] = []
    var correlationId: String?
    var requestId: String?
    var traceId: String?
    var timestamp: String?

    private static let keyValue = TextPattern(#"["']?([A-Za-z_$][A-Za-z0-9_$]*)["']?\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(-?\d{1,12}))"#, caseInsensitive: false)

    /// Returns the config object in a script, or nil when the script assigns none.
    static func parse(script: String) -> ConfigScript? {
        guard let marker = script.range(of: "$Config") else {
            return nil
        }
        guard let open = script[marker.upperBound...].firstIndex(of: "{") else {
            return nil
        }
        let objectText = balancedObject(in: script[open...])
        var config = ConfigScript()
        if let data = objectText.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) {
            config.collect(object, key: "", depth: 0)
        } else {
            // A JavaScript literal that is not valid JSON: read `key: value` pairs one by one.
            for match in keyValue.matches(in: String(objectText)) {
                let key = match.groups[0] ?? ""
                if let text = match.groups[1] ?? match.groups[2] {
                    config.collect(TextDecoding.jsonUnescaped(Substring(text)), key: key, depth: 0)
                } else if let digits = match.groups[3], let number = Int(digits) {
                    config.collect(number, key: key, depth: 0)
                }
            }
        }
        return config
    }

    /// Returns the text from the opening brace to its matching closing brace, skipping braces
    /// inside strings, or everything to the end when the object is cut off.
    static func balancedObject(in text: Substring) -> Substring {
        var depth = 0
        var quote: Character?
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
            case "{":
                depth += 1
            case "}":
                depth -= 1
                if depth == 0 {
                    return text[...index]
                }
            default:
                break
            }
        }
        return text
    }

    private mutating func collect(_ value: Any, key: String, depth: Int) {
        // Far deeper than any sign-in page nests its config; the page is at most 16 MiB anyway.
        guard depth < 256 else {
            return
        }
        let name = key.lowercased()
        switch value {
        case let object as [String: Any]:
            for childKey in object.keys.sorted() {
                collect(object[childKey] as Any, key: childKey, depth: depth + 1)
            }
        case let array as [Any]:
            for element in array {
                collect(element, key: key, depth: depth + 1)
            }
        case let text as String:
            collectString(text, name: name)
        case let number as NSNumber:
            if Self.isErrorCodeKey(name), errorCode == nil, number.intValue > 0 {
                errorCode = number.intValue
            }
        default:
            break
        }
    }

    private mutating func collectString(_ text: String, name: String) {
        if text.contains("AADSTS") {
            if name == "strserviceexceptionmessage" {
                messages.insert(text, at: 0)
            } else {
                messages.append(text)
            }
        }
        if Self.isErrorCodeKey(name), errorCode == nil, let number = Int(text), number > 0 {
            errorCode = number
        }
        guard Identifiers.isGUID(text) else {
            if name.contains("timestamp") || name == "strtime" {
                timestamp = timestamp ?? text
            }
            return
        }
        if name.contains("correlation") {
            correlationId = correlationId ?? text
        } else if name.contains("requestid") || name == "sessionid" || name == "strsessionid" {
            requestId = requestId ?? text
        } else if name.contains("traceid") {
            traceId = traceId ?? text
        }
    }

    private static func isErrorCodeKey(_ name: String) -> Bool {
        name == "ierrorcode" || name == "errorcode" || name == "ierrcode" || name == "strerrorcode"
    }

    /// Fills the values that extraction from the visible text left empty.
    func fill(_ values: inout ExtractedValues) {
        if values.code == nil, let errorCode {
            values.code = SignInErrorCode(rawValue: errorCode)
        }
        values.correlationId = values.correlationId ?? correlationId
        values.requestId = values.requestId ?? requestId
        values.traceId = values.traceId ?? traceId
        values.timestamp = values.timestamp ?? timestamp
    }
}
