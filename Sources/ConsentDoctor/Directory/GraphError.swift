import Foundation

/// A Graph request that failed: an error status, no response, or a body the client could not read.
public struct GraphError: Error, Sendable, Equatable, CustomStringConvertible {
    public var kind: LookupFailure.Kind
    public var method: String
    /// The path relative to the Graph version root, readable, such as `/servicePrincipals?$filter=…`.
    public var path: String
    public var status: Int?
    /// Graph's error code, such as `Authorization_RequestDenied`.
    public var code: String?
    /// Graph's own message on one line, with the token and anything shaped like a credential masked.
    public var graphMessage: String?
    public var requestId: String?
    /// Times the request was sent, retries included.
    public var attempts: Int
    /// The transport failure, for `unreachable`.
    public var transportError: TransportError?
    /// The part of the response that could not be read, for `malformedResponse`.
    public var detail: String?
    /// Every request made up to and including the failed one, for snapshots.
    public var requests: [GraphRequestRecord]
    /// The `Retry-After` wait Graph requested that was longer than the tool waits, for
    /// `throttled`; nil when the retries ran out for another reason.
    public var declinedWait: RetryingSender.DeclinedWait?
    /// The target of a redirect (3xx), as `shownLocation(_:)` returns it, or nil.
    public var location: String?

    public init(
        kind: LookupFailure.Kind,
        method: String,
        path: String,
        status: Int? = nil,
        code: String? = nil,
        graphMessage: String? = nil,
        requestId: String? = nil,
        attempts: Int = 1,
        transportError: TransportError? = nil,
        detail: String? = nil,
        requests: [GraphRequestRecord] = [],
        declinedWait: RetryingSender.DeclinedWait? = nil,
        location: String? = nil
    ) {
        self.kind = kind
        self.method = method
        self.path = path
        self.status = status
        self.code = code
        self.graphMessage = graphMessage
        self.requestId = requestId
        self.attempts = attempts
        self.transportError = transportError
        self.detail = detail
        self.requests = requests
        self.declinedWait = declinedWait
        self.location = location
    }

    /// Whether Graph returned 404.
    public var isNotFound: Bool {
        status == 404
    }

    /// Whether a failed write may have changed the directory anyway.
    ///
    /// A 4xx status rejected the write before it took effect. A request that never left, because
    /// the connection, name lookup, proxy or TLS failed or the credential rule stopped it, changed
    /// nothing either. Any other failure of a write may have come after Graph applied it: no
    /// response, a cancelled or timed-out request, a 5xx status, or a success whose body could not
    /// be read. Reads never change anything.
    public var writeMayHaveTakenEffect: Bool {
        guard !["GET", "HEAD"].contains(method.uppercased()) else {
            return false
        }
        if let status {
            return !(400..<500).contains(status)
        }
        switch transportError?.kind {
        case .connectionRefused, .hostNotFound, .tls, .proxy, .insecureCredentialTransport, .invalidURL:
            return false
        default:
            return true
        }
    }

    /// Returns the failure kind for an error status.
    public static func kind(forStatus status: Int) -> LookupFailure.Kind {
        switch status {
        case 401: .unauthorized
        case 403: .permissionDenied
        case 429, 503: .throttled
        default: .httpError
        }
    }

    /// The failure as a snapshot stores it. Its message is `summary`, without `advice`, because
    /// the checks add advice that fits what the read was for.
    public var lookupFailure: LookupFailure {
        LookupFailure(kind: kind, message: summary, httpStatus: status, graphErrorCode: code, requestId: requestId, requestedWaitSeconds: declinedWait?.requested)
    }

    public var description: String {
        [summary, advice].compactMap { $0 }.joined(separator: " ")
    }

    /// What failed: the request, the status, Graph's code, request-id and message, or the
    /// transport failure. The transport failure's sentence already names a next step.
    public var summary: String {
        let request = "\(method) \(shownPath)"
        let quoted = graphMessage.map { " Graph's message: \"\($0)\"" } ?? ""
        let tries = attempts > 1 ? " after \(attempts) attempts" : ""
        switch kind {
        case .unauthorized:
            return "Graph rejected the token for \(request) with status 401\(facts).\(quoted)"
        case .permissionDenied:
            return "Graph denied \(request) with status 403\(facts).\(quoted)"
        case .throttled where declinedWait != nil:
            let wait = declinedWait ?? RetryingSender.DeclinedWait(requested: 0, limit: 0)
            let shownStatus = status.map(String.init) ?? "429"
            return "Graph returned status \(shownStatus) for \(request)\(tries)\(requestId.map { " (request-id \($0))" } ?? "") and requested a wait of \(Self.seconds(wait.requested)) before a retry, longer than the \(Self.seconds(wait.limit)) consent-doctor would still wait for this request, so it did not retry."
        case .throttled where status == 503:
            return "Graph was unavailable for \(request): it returned status 503\(tries)\(requestId.map { " (request-id \($0))" } ?? "")."
        case .throttled:
            return "Graph kept throttling \(request) (status \(status.map(String.init) ?? "429")\(tries)\(requestId.map { ", request-id \($0)" } ?? ""))."
        case .unreachable:
            let cause = transportError.map { " \($0.description)" } ?? ""
            return "\(request) got no response from Graph\(tries).\(cause)"
        case .malformedResponse:
            return "Graph's response to \(request) could not be read: \(detail ?? "unexpected content")\(facts)."
        case .httpError where isRedirect:
            let target = location.map { " to \($0)" } ?? " without a Location"
            return "Graph answered \(request) with a redirect (status \(status.map(String.init) ?? "3xx"))\(target)\(facts).\(quoted)"
        case .httpError, .notInInput:
            return "Graph returned status \(status.map(String.init) ?? "unknown") for \(request)\(facts).\(quoted)"
        }
    }

    /// What to do next, or nil when `summary` already says it.
    public var advice: String? {
        switch kind {
        case .unauthorized:
            return "Sign in again, and check that the token is for Microsoft Graph in the cloud and tenant being read."
        case .permissionDenied:
            return GraphPermissionHint.sentence(method: method, path: path)
        case .throttled where declinedWait != nil:
            return "Run the command again after that wait."
        case .throttled:
            return "Wait a few minutes and run the command again."
        case .unreachable:
            return transportError == nil ? "Check the network connection and any proxy settings (HTTPS_PROXY)." : nil
        case .malformedResponse:
            return "Check that --graph-url points at Microsoft Graph."
        case .httpError where isRedirect:
            return Self.redirectAdvice
        case .httpError, .notInInput:
            return nil
        }
    }

    /// Returns whole seconds as text, such as `999999999 s`.
    private static func seconds(_ value: TimeInterval) -> String {
        value < 1_000_000_000_000 ? "\(Int(value.rounded())) s" : String(format: "%.0f s", value)
    }

    /// The path without its `$select` option, which only lists properties and makes messages long.
    private var shownPath: String {
        guard let queryStart = path.firstIndex(of: "?") else {
            return path
        }
        let options = path[path.index(after: queryStart)...].split(separator: "&").filter { !$0.hasPrefix("$select=") }
        let base = String(path[..<queryStart])
        return options.isEmpty ? base : base + "?" + options.joined(separator: "&")
    }

    /// The code and request id in brackets, or nothing when neither is known.
    private var facts: String {
        let parts = [code.map { "code \($0)" }, requestId.map { "request-id \($0)" }].compactMap { $0 }
        return parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
    }
}

/// The least-privileged Graph permissions and directory roles for the requests the tool makes.
enum GraphPermissionHint {
    /// Returns a sentence naming the permissions or roles the request needs.
    static func sentence(method: String, path: String) -> String {
        let isRead = method == "GET"
        let isGrant = path.hasPrefix("/oauth2PermissionGrants")
        let isPolicy = path.hasPrefix("/policies/")

        if isRead && isPolicy {
            return "Reading tenant policies needs the Graph permission Policy.Read.All, or the Global Reader role."
        }
        if isRead {
            return "Reading service principals and grants needs the Graph permissions Application.Read.All and Directory.Read.All, or one of the roles Global Reader, Directory Readers or Cloud Application Administrator."
        }
        if isGrant {
            return "Creating or changing oauth2PermissionGrants needs the Graph permission DelegatedPermissionGrant.ReadWrite.All, or the Cloud Application Administrator or Application Administrator role."
        }
        return "Creating service principals needs the Graph permission Application.ReadWrite.All, or the Cloud Application Administrator or Application Administrator role."
    }
}
