/// Validation for values that may end up in a command line or a URL.
///
/// Values extracted from a paste or read from Graph pass through these checks before any command
/// is built from them, so text in a paste cannot inject anything into a command.
public enum Identifiers {
    /// Returns true for a GUID in the 8-4-4-4-12 hexadecimal form, without braces.
    public static func isGUID(_ text: some StringProtocol) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else {
            return false
        }
        for (index, byte) in utf8.enumerated() {
            switch index {
            case 8, 13, 18, 23:
                if byte != UInt8(ascii: "-") { return false }
            default:
                if !isHexDigit(byte) { return false }
            }
        }
        return true
    }

    /// Returns true for a syntactically valid DNS domain name with at least two labels,
    /// such as `contoso.onmicrosoft.com`. Whether the tenant has verified it cannot be known offline.
    public static func isDomainName(_ text: some StringProtocol) -> Bool {
        guard text.utf8.count <= 253, text.contains(".") else {
            return false
        }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard (1...63).contains(label.utf8.count),
                  label.utf8.allSatisfy({ isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "-") }),
                  !label.hasPrefix("-"),
                  !label.hasSuffix("-")
            else {
                return false
            }
        }
        guard let topLevel = labels.last, topLevel.utf8.allSatisfy({ isASCIILetter($0) }) else {
            return false
        }
        return true
    }

    /// Returns true when `text` names one tenant: a GUID or a domain name.
    public static func isTenant(_ text: some StringProtocol) -> Bool {
        isGUID(text) || isDomainName(text)
    }

    /// Returns true for an OAuth scope value that is safe to place in a command without quoting
    /// tricks: letters, digits and `_ . : / -`, as in `user_impersonation` or `https://redis.azure.com/.default`.
    public static func isScopeToken(_ text: some StringProtocol) -> Bool {
        guard (1...200).contains(text.utf8.count) else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            isASCIIAlphanumeric(byte) || "_.:/-".utf8.contains(byte)
        }
    }

    /// Returns the GUID in lower case, the form Graph and the Azure CLI print.
    public static func normalizedGUID(_ text: String) -> String? {
        isGUID(text) ? text.lowercased() : nil
    }

    /// Returns whether two domain names are the same, ignoring case and trailing dots.
    public static func sameDomainName(_ first: String, _ second: String) -> Bool {
        func normalized(_ domain: String) -> String {
            var result = domain.lowercased()
            while result.hasSuffix(".") {
                result.removeLast()
            }
            return result
        }
        return normalized(first) == normalized(second)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
