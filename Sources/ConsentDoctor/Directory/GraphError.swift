/// A Graph request that failed: an error status, no response, or a body the client could not read.
public struct GraphError: Error, Sendable, Equatable, CustomStringConvertible {
    public var kind: LookupFailure.Kind
    public var method: String
    /// The path relative to the Graph version root, readable, such as `/servicePrincipals?$filter=…`.
    public var path: String
    public var status: Int?
    /// Graph's error code, such as `Authorization_RequestDenied`.
    public var code: String?
    /// Graph's own message, with the token removed if a server ever echoed it.
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
        requests: [GraphRequestRecord] = []
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
    }

    /// Whether Graph returned 404.
    public var isNotFound: Bool {
        status == 404
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

    /// The failure as a snapshot stores it.
    public var lookupFailure: LookupFailure {
        LookupFailure(kind: kind, message: description, httpStatus: status, graphErrorCode: code, requestId: requestId)
    }

    public var description: String {
        let request = "\(method) \(path)"
        let quoted = graphMessage.map { " Graph's message: \"\($0)\"" } ?? ""
        switch kind {
        case .unauthorized:
            return "Graph rejected the token for \(request) with status 401\(facts).\(quoted) Sign in again, and check that the token is for Microsoft Graph in the cloud and tenant being read."
        case .permissionDenied:
            return "Graph denied \(request) with status 403\(facts).\(quoted) \(GraphPermissionHint.sentence(method: method, path: path))"
        case .throttled:
            return "Graph kept throttling \(request) (status \(status.map(String.init) ?? "429") after \(attempts) attempts\(requestId.map { ", request-id \($0)" } ?? "")). Wait a few minutes and run the command again."
        case .unreachable:
            return "\(request) got no response from Graph. \(transportError?.description ?? "")"
        case .malformedResponse:
            return "Graph's response to \(request) could not be read: \(detail ?? "unexpected content")\(facts). Check that --graph-url points at Microsoft Graph."
        case .httpError, .notInInput:
            return "Graph returned status \(status.map(String.init) ?? "unknown") for \(request)\(facts).\(quoted)"
        }
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
