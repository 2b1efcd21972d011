import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The proxy configuration read from environment variables, by libcurl's own rules.
///
/// libcurl would read the same variables from the process environment. Reading them from a
/// dictionary instead lets tests and callers pass an environment without changing the process's,
/// and deciding here whether a host bypasses the proxy lets errors report whether a proxy was used.
public struct ProxySettings: Sendable, Equatable {
    /// The proxy for `http` URLs, from `http_proxy` (lower case only, as libcurl does, because
    /// CGI servers set `HTTP_PROXY` from a request header).
    public var httpProxy: String?
    /// The proxy for `https` URLs, from `https_proxy` or `HTTPS_PROXY`.
    public var httpsProxy: String?
    /// The fallback proxy, from `all_proxy` or `ALL_PROXY`.
    public var allProxy: String?
    /// Hosts to reach directly, from `no_proxy` or `NO_PROXY`, in libcurl's comma-separated syntax.
    public var noProxy: String?

    public init(httpProxy: String? = nil, httpsProxy: String? = nil, allProxy: String? = nil, noProxy: String? = nil) {
        self.httpProxy = httpProxy
        self.httpsProxy = httpsProxy
        self.allProxy = allProxy
        self.noProxy = noProxy
    }

    /// Reads the proxy variables, preferring the lower-case spelling like libcurl.
    public init(environment: [String: String]) {
        func value(_ names: String...) -> String? {
            for name in names {
                if let text = environment[name], !text.isEmpty {
                    return text
                }
            }
            return nil
        }
        self.init(
            httpProxy: value("http_proxy"),
            httpsProxy: value("https_proxy", "HTTPS_PROXY"),
            allProxy: value("all_proxy", "ALL_PROXY"),
            noProxy: value("no_proxy", "NO_PROXY")
        )
    }

    /// Returns the proxy to use for a host, or nil to connect directly because no proxy is set
    /// for the scheme or `noProxy` matches the host.
    public func proxy(forHost host: String, scheme: String) -> String? {
        guard let proxy = proxy(forScheme: scheme), !bypassesProxy(host: host) else {
            return nil
        }
        return proxy
    }

    /// Returns whether `noProxy` matches the host, as libcurl 7.86 and later match it. An entry
    /// `*` matches every host. A name matches itself and its subdomains, with or without a leading
    /// dot. An IPv4 entry matches that address or, written as `a.b.c.d/n`, that network.
    public func bypassesProxy(host: String) -> Bool {
        guard let noProxy else {
            return false
        }
        let target = Self.bare(host)
        let entries = noProxy.split(whereSeparator: { $0 == "," || $0 == " " }).map { Self.bare(String($0)) }
        for entry in entries where !entry.isEmpty {
            if entry == "*" {
                return true
            }
            if entry.contains("/") {
                if Self.ipv4(target, isIn: entry) {
                    return true
                }
                continue
            }
            let name = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if target == name || target.hasSuffix("." + name) {
                return true
            }
        }
        return false
    }

    private static func bare(_ host: String) -> String {
        var text = host.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasPrefix("[") && text.hasSuffix("]") {
            text = String(text.dropFirst().dropLast())
        }
        if text.hasSuffix(".") && text.count > 1 {
            text.removeLast()
        }
        return text
    }

    /// Returns whether an IPv4 address lies in a network written as `a.b.c.d/n`.
    private static func ipv4(_ address: String, isIn network: String) -> Bool {
        let parts = network.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits),
              let host = ipv4Value(address), let base = ipv4Value(String(parts[0]))
        else {
            return false
        }
        let mask: UInt32 = bits == 0 ? 0 : UInt32.max << (32 - UInt32(bits))
        return host & mask == base & mask
    }

    private static func ipv4Value(_ text: String) -> UInt32? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else {
            return nil
        }
        return UInt32(bigEndian: address.s_addr)
    }

    /// Returns the proxy URL for a URL scheme, before `noProxy` is applied.
    public func proxy(forScheme scheme: String) -> String? {
        switch scheme.lowercased() {
        case "https":
            return httpsProxy ?? allProxy
        case "http":
            return httpProxy ?? allProxy
        default:
            return allProxy
        }
    }
}
