import Foundation

/// The problems of a redirect URI, measured against a profile's redirect rules.
struct RedirectURIAnalysis {
    /// Sentences, one per problem, such as "it uses the IP address 10.20.30.40 ...".
    var problems: [String]
    /// The host the app was reached at, for an SSH tunnel command. It is set only when it is not
    /// the allowed host and is a valid IP address or domain name.
    var remoteHost: String?
    /// The registered port to use: the URI's own port when registered, otherwise the default.
    var port: Int

    static func analyse(_ uri: String, rules: RedirectRules) -> RedirectURIAnalysis {
        var result = RedirectURIAnalysis(problems: [], remoteHost: nil, port: rules.defaultPort)
        if let lookAlike = LookAlikeCharacters.phrase(forIdentifier: uri) {
            // Every registered URI is ASCII, so such a URI never matches. URL parsing may also
            // drop invisible characters from the host, so nothing else is judged.
            result.problems.append("it contains \(lookAlike), so it is not the registered URI even where it looks the same; find where the app was given this address")
            return result
        }
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased() else {
            result.problems.append("it is not a valid URL")
            return result
        }
        if let desktop = rules.desktopRedirectURI, scheme == URLComponents(string: desktop)?.scheme {
            if uri.caseInsensitiveCompare(desktop) != .orderedSame {
                result.problems.append("it uses the desktop scheme but differs from the registered \(desktop)")
            }
            return result
        }

        let host = (components.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if scheme != "http" {
            result.problems.append("it uses \(scheme), but only http is registered for \(rules.allowedHost)")
        }
        guard !host.isEmpty else {
            // A URI without a host, such as javascript:… or http:///…, cannot reach the app
            // whatever its port and path, so only the missing host gets a sentence.
            result.problems.append("it names no host, so it cannot lead the browser back to the app at \(rules.allowedHost)")
            return result
        }
        if host == "127.0.0.1" || host == "::1" {
            result.problems.append("it uses the loopback address \(host) instead of the name \(rules.allowedHost); Entra ID compares the host as text, so the two do not match")
        } else if isIPAddress(host) {
            result.problems.append("it uses the IP address \(host) of the machine running the app instead of \(rules.allowedHost)")
            result.remoteHost = host
        } else if host != rules.allowedHost {
            result.problems.append("it uses the host name \(host), such as a custom domain or a reverse proxy, instead of \(rules.allowedHost)")
            if Identifiers.isDomainName(host) {
                result.remoteHost = host
            }
        }

        let port = components.port ?? (scheme == "https" ? 443 : 80)
        if rules.allowedPorts.contains(port) {
            result.port = port
        } else {
            result.problems.append("port \(port) is not registered (registered ports: \(portList(rules.allowedPorts)))")
        }
        if components.path != rules.callbackPath {
            result.problems.append("the path \(components.path.isEmpty ? "/" : components.path) differs from \(rules.callbackPath), as happens behind a proxy that adds a prefix")
        }
        if result.problems.isEmpty {
            result.problems.append("it looks like a registered URI, so compare it character by character (a trailing slash or upper-case letters also break the match)")
        }
        return result
    }

    /// Returns ports as a list with runs collapsed, such as `5540, 8000-8005`.
    static func portList(_ ports: [Int]) -> String {
        var parts: [String] = []
        var runStart: Int?
        var previous: Int?
        for port in ports.sorted() + [Int.max] {
            if let last = previous, port == last + 1 {
                previous = port
                continue
            }
            if let start = runStart, let last = previous {
                parts.append(start == last ? "\(start)" : "\(start)-\(last)")
            }
            runStart = port
            previous = port
        }
        return parts.joined(separator: ", ")
    }

    static func isIPAddress(_ host: String) -> Bool {
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        return inet_pton(AF_INET, host, &ipv4) == 1 || inet_pton(AF_INET6, host, &ipv6) == 1
    }
}
