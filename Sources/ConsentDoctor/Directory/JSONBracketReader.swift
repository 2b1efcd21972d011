/// A byte-by-byte reader of JSON text that reports the brackets outside strings, so callers can
/// follow nesting without parsing. It tolerates invalid JSON.
struct JSONBracketReader {
    /// The effect of one byte on the nesting.
    enum Event {
        /// A `[` or `{` outside a string.
        case opened
        /// A `]` or `}` outside a string.
        case closed
        /// Any other byte, including brackets inside strings.
        case other
    }

    private var inString = false
    private var escaped = false

    /// Reads the next byte and returns its effect on the nesting.
    mutating func read(_ byte: UInt8) -> Event {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
            return .other
        }
        switch byte {
        case UInt8(ascii: "\""):
            inString = true
            return .other
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return .opened
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            return .closed
        default:
            return .other
        }
    }
}
