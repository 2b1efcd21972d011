/// The proxy configuration read from environment variables, by libcurl's own rules.
///
/// libcurl would read the same variables from the process environment. Reading them from a
/// dictionary instead lets tests and callers pass an environment without changing the process's.
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
