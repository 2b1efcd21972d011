import Foundation

/// One `--fault` specification, parsed.
///
/// Syntax: `KIND[=VALUE][,OPTION=VALUE]...`, for example `throttle=3,retry-after=2`,
/// `unavailable=1,method=write,after=2` or `latency=50ms,path=/v1.0/servicePrincipals*`.
/// docs/emulator.md lists every kind and option.
public struct FaultRule: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Delay the response by this many milliseconds.
        case latency(milliseconds: Int)
        /// Respond 429 with `Retry-After`.
        case throttle
        /// Respond 503 with `Retry-After`.
        case unavailable
        /// Never respond.
        case hang
        /// Close the connection without a response.
        case dropConnection
        /// Send a truncated JSON body.
        case malformedJSON
        /// Cap every collection page at this many items.
        case pageSize(Int)
        /// Hide each newly created object from this many later reads.
        case notFoundAfterCreate(reads: Int)
        /// Override the outcome of device code sign-ins: `approved`, `declined` or `expired`.
        case deviceCodeOutcome(String)
        /// Override how many polls get `authorization_pending`.
        case deviceCodePending(Int)
        /// Override how many polls get `slow_down`.
        case deviceCodeSlowDown(Int)
    }

    /// The requests a rule applies to: whole HTTP requests or the requests inside a `$batch`.
    public enum Target: String, Sendable, Equatable {
        case request
        case batchItem = "batch-item"
    }

    public var kind: Kind
    /// How many times the rule fires; nil fires on every matching request.
    public var count: Int?
    /// Matching requests to let through before the rule starts firing.
    public var after: Int = 0
    /// A case-insensitive glob over the request path, where `*` matches any characters.
    public var pathPattern: String = "/v1.0/*"
    /// `GET`, `POST`, `PATCH`, `PUT`, `DELETE`, `read` or `write`; nil matches all. `write` matches
    /// the requests that can change the directory: POST, PATCH, PUT and DELETE, except a `$batch`
    /// whose items are all GETs. `read` matches every other request.
    public var method: String?
    public var target: Target = .request
    /// The `Retry-After` seconds for `throttle` and `unavailable`.
    public var retryAfterSeconds: Int = 1
    /// The text the rule was parsed from.
    public var specification: String

    public var description: String {
        specification
    }

    /// Whether the rule changes emulator settings instead of responding to requests.
    var isSetting: Bool {
        switch kind {
        case .pageSize, .notFoundAfterCreate, .deviceCodeOutcome, .deviceCodePending, .deviceCodeSlowDown:
            return true
        default:
            return false
        }
    }

    /// Returns whether the rule matches a request with this method and path.
    ///
    /// - Parameter changesState: Whether the request can change the directory, which decides
    ///   `method=write` and `method=read`. Nil derives it from the method alone, which is right
    ///   for every request except a `$batch`.
    func matches(method requestMethod: String, path: String, target requestTarget: Target, changesState: Bool? = nil) -> Bool {
        guard target == requestTarget else {
            return false
        }
        if let method {
            let upper = requestMethod.uppercased()
            let isWrite = changesState ?? Self.isWriteMethod(upper)
            switch method.lowercased() {
            case "read":
                if isWrite { return false }
            case "write":
                if !isWrite { return false }
            default:
                if method.uppercased() != upper { return false }
            }
        }
        return Self.glob(pathPattern.lowercased(), matches: path.lowercased())
    }

    /// Returns whether a request with this method can change the directory.
    static func isWriteMethod(_ method: String) -> Bool {
        ["POST", "PATCH", "PUT", "DELETE"].contains(method.uppercased())
    }

    /// Matches `text` against a pattern where `*` stands for any run of characters.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else {
            return pattern == text
        }
        var remainder = Substring(text)
        guard remainder.hasPrefix(parts[0]) else {
            return false
        }
        remainder = remainder.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = remainder.range(of: part) else {
                return false
            }
            remainder = remainder[range.upperBound...]
        }
        let last = parts[parts.count - 1]
        return last.isEmpty || remainder.hasSuffix(last)
    }
}
