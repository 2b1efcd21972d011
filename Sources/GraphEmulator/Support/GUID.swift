import Foundation

/// GUID helpers for object ids.
enum GUID {
    /// Returns whether `text` has the 8-4-4-4-12 hexadecimal form.
    static func isValid(_ text: String) -> Bool {
        UUID(uuidString: text) != nil
    }

    /// Returns the 16 bytes of a GUID in Microsoft's mixed-endian layout: the first three fields
    /// little-endian, the last eight bytes as written.
    static func mixedEndianBytes(_ text: String) -> [UInt8]? {
        guard let uuid = UUID(uuidString: text) else {
            return nil
        }
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        return [bytes[3], bytes[2], bytes[1], bytes[0], bytes[5], bytes[4], bytes[7], bytes[6]] + Array(bytes[8..<16])
    }

    /// Returns true when two GUID strings name the same GUID, ignoring case.
    static func same(_ first: String, _ second: String) -> Bool {
        first.caseInsensitiveCompare(second) == .orderedSame
    }
}
