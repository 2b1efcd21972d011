import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Classification of host names and literal IP addresses.
enum HostAddress {
    /// Returns true for `localhost`, an IPv4 address in 127.0.0.0/8 or the IPv6 address ::1.
    ///
    /// Only literal addresses count, apart from `localhost`, which libcurl 7.78 and later resolves
    /// to a loopback address without asking DNS. A name that merely resolves to 127.0.0.1 does not
    /// count, because DNS could change its answer.
    static func isLoopback(_ host: String) -> Bool {
        let name = normalized(host)
        if name == "localhost" {
            return true
        }
        if let ipv4 = ipv4Bytes(name) {
            return ipv4[0] == 127
        }
        if let ipv6 = ipv6Bytes(name) {
            return ipv6 == [UInt8](repeating: 0, count: 15) + [1]
        }
        return false
    }

    /// Returns true for an IPv4 link-local address, 169.254.0.0/16.
    static func isLinkLocal(_ host: String) -> Bool {
        guard let ipv4 = ipv4Bytes(normalized(host)) else {
            return false
        }
        return ipv4[0] == 169 && ipv4[1] == 254
    }

    private static func normalized(_ host: String) -> String {
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") {
            name = String(name.dropFirst().dropLast())
        }
        if name.hasSuffix(".") {
            name.removeLast()
        }
        return name
    }

    private static func ipv4Bytes(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else {
            return nil
        }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    private static func ipv6Bytes(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else {
            return nil
        }
        return withUnsafeBytes(of: &address) { Array($0) }
    }
}
