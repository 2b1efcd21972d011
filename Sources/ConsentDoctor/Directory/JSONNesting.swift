import Foundation

/// Measures how deeply JSON text nests arrays and objects, without parsing it.
enum JSONNesting {
    /// Returns the deepest nesting of `[` and `{` outside strings. The scan is one pass over the
    /// bytes and tolerates invalid JSON, so it can explain why a parser rejected a document.
    static func depth(of data: Data) -> Int {
        var depth = 0
        var deepest = 0
        var reader = JSONBracketReader()
        for byte in data {
            switch reader.read(byte) {
            case .opened:
                depth += 1
                deepest = max(deepest, depth)
            case .closed:
                depth = max(0, depth - 1)
            case .other:
                break
            }
        }
        return deepest
    }
}
