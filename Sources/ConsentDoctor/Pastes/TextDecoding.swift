/// Decoders for the encodings a pasted error arrives in: form-encoded URL values, JSON string
/// escapes, byte-order marks and UTF-16, plus the clean-up every extracted value goes through.
enum TextDecoding {
    /// Decodes a form-encoded value: `+` becomes a space and `%XX` a byte. A `%` that is not
    /// followed by two hexadecimal digits stays as it is. Invalid UTF-8 becomes U+FFFD.
    static func formDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
                index += 1
            } else if byte == UInt8(ascii: "%"), index + 2 < source.count,
                      let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes JSON string escapes (`\"`, `\\`, `\/`, `\n`, `\uXXXX` and the rest). An escape
    /// that JSON does not define stays as it is, so a Windows path survives.
    static func jsonUnescaped(_ text: Substring) -> String {
        guard text.contains("\\") else {
            return String(text)
        }
        var result = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\", let next = scalars.first else {
                result.append(scalar)
                continue
            }
            switch next {
            case "\"", "\\", "/":
                result.append(next)
                scalars.removeFirst()
            case "n":
                result.append("\n")
                scalars.removeFirst()
            case "r":
                result.append("\r")
                scalars.removeFirst()
            case "t":
                result.append("\t")
                scalars.removeFirst()
            case "b", "f":
                result.append(" ")
                scalars.removeFirst()
            case "u":
                if let (decoded, used) = unicodeEscape(scalars.dropFirst()) {
                    result.append(decoded)
                    scalars.removeFirst(1 + used)
                } else {
                    result.append(scalar)
                }
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Returns the index just past the JSON string that starts right after an opening quote:
    /// the position of the first quote not escaped by a backslash, or nil when the string is cut off.
    static func endOfJSONString(in text: Substring) -> Substring.Index? {
        var escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text.unicodeScalars[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                return index
            }
            index = text.unicodeScalars.index(after: index)
        }
        return nil
    }

    /// Returns `text` without control characters, with runs of white space collapsed to one
    /// space, so a value stays on one line.
    ///
    /// Invisible formatting characters, such as zero-width spaces and direction overrides, are
    /// kept: a value that contains one must fail validation for commands, and the renderers show
    /// each as a visible `[U+XXXX]` marker, so a spoofed host cannot pass for the real one.
    static func cleaned(_ text: some StringProtocol) -> String {
        if isCleanASCII(text) {
            return String(text)
        }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || isControl(scalar) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(scalar)
        }
        return String(result)
    }

    /// Returns `text` without white space and line breaks (Unicode's White_Space property) at
    /// either end, like Foundation's `trimmingCharacters(in: .whitespacesAndNewlines)` but
    /// without the cost of bridging to NSString.
    static func trimmed(_ text: some StringProtocol) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else {
            return ""
        }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// Returns whether `text` is printable ASCII with single spaces between words, which
    /// `cleaned` would return unchanged.
    private static func isCleanASCII(_ text: some StringProtocol) -> Bool {
        var previous = UInt8(ascii: " ")
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") {
                if previous == UInt8(ascii: " ") {
                    return false
                }
            } else if byte < 0x21 || byte > 0x7E {
                return false
            }
            previous = byte
        }
        return previous != UInt8(ascii: " ") || text.isEmpty
    }

    /// Returns whether a scalar is a C0 or C1 control character or DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F:
            return true
        default:
            return false
        }
    }

    /// Returns `text` with each run of control characters other than tab, line feed and
    /// carriage return, together with the spaces around it, replaced by one space. A NUL or an
    /// escape between two words then separates them as a space would, and the message templates
    /// still match. Returns `text` itself when it has no such character.
    static func controlsAsSpaces(_ text: String) -> String {
        let hasControl = text.utf8.contains { byte in
            (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F || byte == 0xC2
        }
        guard hasControl else {
            return text
        }
        var result = String.UnicodeScalarView()
        var afterControl = false
        for scalar in text.unicodeScalars {
            if isControl(scalar), scalar != "\t", scalar != "\n", scalar != "\r" {
                if result.last != " " {
                    result.append(" ")
                }
                afterControl = true
            } else if scalar == " ", afterControl {
                continue
            } else {
                result.append(scalar)
                afterControl = false
            }
        }
        return String(result)
    }

    /// Converts input bytes to UTF-8: drops a UTF-8 byte-order mark and transcodes UTF-16 that
    /// starts with a byte-order mark, as Windows editors and PowerShell redirection write it.
    static func utf8Bytes(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Array(bytes.dropFirst(3))
        }
        if let endianness = utf16ByteOrder(bytes) {
            return Array(utf16Decoded(bytes.dropFirst(2), littleEndian: endianness).utf8)
        }
        return bytes
    }

    /// Returns true for little-endian UTF-16, false for big-endian, nil when there is no UTF-16 byte-order mark.
    static func utf16ByteOrder(_ bytes: [UInt8]) -> Bool? {
        if bytes.starts(with: [0xFF, 0xFE]) {
            return true
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return false
        }
        return nil
    }

    /// Decodes UTF-16 code units; an odd trailing byte is ignored and lone surrogates become U+FFFD.
    static func utf16Decoded(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    private static func unicodeEscape(_ scalars: ArraySlice<Unicode.Scalar>) -> (Unicode.Scalar, Int)? {
        guard let high = hexQuad(scalars) else {
            return nil
        }
        if (0xD800...0xDBFF).contains(high) {
            let rest = scalars.dropFirst(4)
            if rest.count >= 6, rest.first == "\\", rest.dropFirst().first == "u",
               let low = hexQuad(rest.dropFirst(2)), (0xDC00...0xDFFF).contains(low) {
                let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                return Unicode.Scalar(value).map { ($0, 10) }
            }
            return ("\u{FFFD}", 4)
        }
        return (Unicode.Scalar(high) ?? "\u{FFFD}", 4)
    }

    private static func hexQuad(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt32? {
        guard scalars.count >= 4 else {
            return nil
        }
        var value: UInt32 = 0
        for scalar in scalars.prefix(4) {
            guard scalar.isASCII, let digit = hexValue(UInt8(scalar.value)) else {
                return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
