/// Non-ASCII characters in values that are plain ASCII by definition: GUIDs, appIds, object ids
/// and tenant domain names. A hyphen such as U+2010 or a Cyrillic letter can look exactly like its
/// ASCII counterpart, so such a value can pass for a valid id on screen while every check
/// rejects it.
enum LookAlikeCharacters {
    /// Returns `text` with every non-ASCII character shown as `[U+XXXX]`, the marker reports use
    /// for invisible characters, such as `61f3d82d[U+2010]2bf3-…`.
    static func marked(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text
        }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                result.unicodeScalars.append(scalar)
            } else {
                result += "[\(InvisibleCharacters.codePointName(scalar))]"
            }
        }
        return result
    }

    /// Returns `message` with each non-ASCII character that also appears in one of the ASCII
    /// values of `values` (ids, tenant, redirect URI) shown as `[U+XXXX]`, as `marked(_:)` shows
    /// it in those values. Other non-ASCII characters, such as those of a translated message,
    /// stay as they are.
    static func markedMessage(_ message: String, values: ExtractedValues) -> String {
        let identifiers = [values.tenant, values.clientAppId, values.resourceAppId, values.redirectURI, values.traceId, values.correlationId, values.requestId, values.userObjectId].compactMap { $0 }
            + values.requestedPermissionIds + values.conditionalAccessPolicyIds
        var lookAlikes = Set<Unicode.Scalar>()
        for identifier in identifiers {
            for scalar in identifier.unicodeScalars where !scalar.isASCII {
                lookAlikes.insert(scalar)
            }
        }
        guard !lookAlikes.isEmpty else {
            return message
        }

        var result = ""
        for scalar in message.unicodeScalars {
            if lookAlikes.contains(scalar) {
                result += "[\(InvisibleCharacters.codePointName(scalar))]"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Returns the visible non-ASCII characters in `text` as `U+XXXX`, in order of appearance,
    /// each once. Invisible format characters are left to `InvisibleCharacters`.
    static func codePoints(in text: String) -> [String] {
        var result: [String] = []
        for scalar in text.unicodeScalars where !scalar.isASCII && scalar.properties.generalCategory != .format {
            let name = InvisibleCharacters.codePointName(scalar)
            if !result.contains(name) {
                result.append(name)
            }
        }
        return result
    }

    /// Returns a phrase that names the invisible and the other non-ASCII characters of a value
    /// that should be an ASCII id, such as `the non-ASCII character U+2010, which can look like
    /// an ASCII one`, or nil when it has neither.
    static func phrase(forIdentifier text: String) -> String? {
        var parts: [String] = []
        if let invisible = InvisibleCharacters.phrase(for: text) {
            parts.append(invisible)
        }
        let points = codePoints(in: text)
        switch points.count {
        case 0:
            break
        case 1:
            parts.append("the non-ASCII character \(points[0]), which can look like an ASCII one")
        default:
            parts.append("the non-ASCII characters \(points.joined(separator: ", ")), which can look like ASCII ones")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " and ")
    }
}
