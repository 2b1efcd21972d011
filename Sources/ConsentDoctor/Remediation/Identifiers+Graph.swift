extension Identifiers {
    /// Returns true for an oauth2PermissionGrant id: 1 to 200 characters of the base64url
    /// alphabet (letters, digits, `-` and `_`), as in `kS56WkvQNk-44smh0_B7ZLp0aPE7QoRAkJ4YjwzQ1xk`.
    /// Such an id is safe in a URL path and in a command line.
    public static func isGrantId(_ text: some StringProtocol) -> Bool {
        guard (1...200).contains(text.utf8.count) else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
        }
    }

    /// Returns true for an Azure CLI cloud name: 1 to 64 letters, digits, `-` and `_`, as in
    /// `AzureUSGovernment`.
    public static func isCloudName(_ text: some StringProtocol) -> Bool {
        guard (1...64).contains(text.utf8.count) else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
        }
    }
}
