import CCurl
import Foundation

/// The parts of a URL as libcurl itself reads them.
///
/// Checks that decide where a credential may go use this parser, so they see the same scheme and
/// host that libcurl will connect to, with no disagreement between two URL parsers.
struct CurlURL: Sendable, Equatable {
    /// The scheme in lower case, such as `https`.
    var scheme: String
    /// The host without IPv6 brackets, in lower case.
    var host: String
    /// The explicit port, or nil for the scheme's default.
    var port: Int?
    /// Whether the URL has user information before `@`: a user name, a password or login options.
    var hasUserInfo: Bool

    /// Parses an absolute URL; returns nil when libcurl rejects it.
    init?(_ text: String) {
        guard let handle = curl_url() else {
            return nil
        }
        defer { curl_url_cleanup(handle) }

        guard curl_url_set(handle, CURLUPART_URL, text, 0) == CURLUE_OK,
              let scheme = Self.part(handle, CURLUPART_SCHEME),
              var host = Self.part(handle, CURLUPART_HOST)
        else {
            return nil
        }
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = Self.part(handle, CURLUPART_PORT).flatMap { Int($0) }
        self.hasUserInfo = [CURLUPART_USER, CURLUPART_PASSWORD, CURLUPART_OPTIONS].contains { Self.part(handle, $0) != nil }
    }

    /// The host and, when given, the port, such as `127.0.0.1:8445`.
    var authority: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return port.map { "\(shownHost):\($0)" } ?? shownHost
    }

    private static func part(_ handle: OpaquePointer, _ part: CURLUPart) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, part, &value, 0) == CURLUE_OK, let value else {
            return nil
        }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
