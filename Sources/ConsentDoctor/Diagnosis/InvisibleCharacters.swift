/// Unicode format characters (general category Cf): zero-width spaces and joiners, direction
/// marks, embeddings, overrides and isolates, the word joiner and the byte-order mark. None of
/// them shows on screen, so a value that has one can look exactly like a value that does not.
enum InvisibleCharacters {
    /// Returns the format characters in `text` as `U+XXXX`, in order of appearance, each once.
    static func codePoints(in text: String) -> [String] {
        var result: [String] = []
        for scalar in text.unicodeScalars where scalar.properties.generalCategory == .format {
            let name = codePointName(scalar)
            if !result.contains(name) {
                result.append(name)
            }
        }
        return result
    }

    /// Returns the code point as `U+XXXX`, with at least four hex digits.
    static func codePointName(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Returns a phrase such as `the invisible character U+200B`, or nil when `text` has none.
    static func phrase(for text: String) -> String? {
        let points = codePoints(in: text)
        switch points.count {
        case 0: return nil
        case 1: return "the invisible character \(points[0])"
        default: return "the invisible characters \(points.joined(separator: ", "))"
        }
    }
}
