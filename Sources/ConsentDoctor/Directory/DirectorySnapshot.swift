/// Why a directory read produced no answer.
public struct LookupFailure: Codable, Sendable, Equatable, Error {
    public enum Kind: String, Codable, Sendable {
        /// 401: the token was rejected.
        case unauthorized
        /// 403: the signed-in identity lacks a Graph permission or directory role.
        case permissionDenied = "permission-denied"
        /// 429 or 503 retries ran out.
        case throttled
        /// The connection failed or timed out.
        case unreachable
        /// Graph answered with a body the tool could not read.
        case malformedResponse = "malformed-response"
        /// Any other HTTP error status.
        case httpError = "http-error"
        /// The input (a pasted az output or a snapshot) does not contain this information.
        case notInInput = "not-in-input"
    }

    public var kind: Kind
    /// A sentence that says what failed, for reports.
    public var message: String
    public var httpStatus: Int?
    /// The Graph error code, such as `Authorization_RequestDenied`.
    public var graphErrorCode: String?
    /// The Graph `request-id` of the failed request.
    public var requestId: String?
    /// The wait Graph requested with `Retry-After`, in seconds, when it was longer than the tool
    /// waits, so the read was not retried.
    public var requestedWaitSeconds: Double?

    public init(kind: Kind, message: String, httpStatus: Int? = nil, graphErrorCode: String? = nil, requestId: String? = nil, requestedWaitSeconds: Double? = nil) {
        self.kind = kind
        self.message = message
        self.httpStatus = httpStatus
        self.graphErrorCode = graphErrorCode
        self.requestId = requestId
        self.requestedWaitSeconds = requestedWaitSeconds
    }
}

/// The result of reading one thing from the directory: found, known to be absent, or unknown.
public enum Lookup<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    case found(Value)
    case missing
    case unknown(LookupFailure)

    /// The value when found.
    public var value: Value? {
        if case .found(let value) = self { return value }
        return nil
    }

    /// The failure when the read could not answer.
    public var failure: LookupFailure? {
        if case .unknown(let failure) = self { return failure }
        return nil
    }

    private enum CodingKeys: String, CodingKey {
        case state, value, failure
    }

    private enum State: String, Codable {
        case found, missing, unknown
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(State.self, forKey: .state) {
        case .found:
            self = .found(try container.decode(Value.self, forKey: .value))
        case .missing:
            self = .missing
        case .unknown:
            self = .unknown(try container.decode(LookupFailure.self, forKey: .failure))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .found(let value):
            try container.encode(State.found, forKey: .state)
            try container.encode(value, forKey: .value)
        case .missing:
            try container.encode(State.missing, forKey: .state)
        case .unknown(let failure):
            try container.encode(State.unknown, forKey: .state)
            try container.encode(failure, forKey: .failure)
        }
    }
}

/// One Graph request made while reading the directory, kept as evidence for reports.
public struct GraphRequestRecord: Codable, Sendable, Equatable {
    public var method: String
    /// The path and query relative to the Graph version root, such as `/servicePrincipals?$filter=…`.
    public var path: String
    public var status: Int?
    /// The `request-id` header or the `innerError.request-id` Graph returned.
    public var requestId: String?
    /// Times the request went over HTTP, retries included. Nil for a request inside a `$batch`,
    /// which travels in the batch's own request, and in snapshots that predate the field.
    public var attempts: Int?

    public init(method: String, path: String, status: Int?, requestId: String?, attempts: Int? = nil) {
        self.method = method
        self.path = path
        self.status = status
        self.requestId = requestId
        self.attempts = attempts
    }
}

/// Everything the checks read about one tenant, from Graph, from pasted az output or from a saved
/// snapshot. It holds no token and no secret, so it can be saved and shared.
public struct DirectorySnapshot: Codable, Sendable, Equatable {
    /// Where the snapshot came from.
    public enum Source: String, Codable, Sendable {
        case graph
        case azOutput = "az-output"
        case snapshotFile = "snapshot-file"
    }

    public static let formatVersion = 1

    public var formatVersion: Int
    public var source: Source
    /// The tenant that was read: a GUID when known, otherwise what the user passed.
    public var tenant: String?
    public var cloud: String
    /// The client app the snapshot was read for.
    public var clientAppId: String
    /// Service principals keyed by lower-case appId, for the client and every required resource.
    public var servicePrincipals: [String: Lookup<ServicePrincipal>]
    /// Every oauth2PermissionGrant whose client is the client app's service principal.
    /// `.found([])` when the client service principal does not exist.
    public var grants: Lookup<[OAuth2PermissionGrant]>
    public var authorizationPolicy: Lookup<AuthorizationPolicy>
    public var adminConsentRequestPolicy: Lookup<AdminConsentRequestPolicy>
    /// The Graph requests that produced this snapshot, in the order they were sent.
    public var requests: [GraphRequestRecord]
    /// The number of sequential round trips to Graph, counting a `$batch` as one.
    public var roundTrips: Int
    /// Domain names of the tenant that was read, when known, so a domain named in a sign-in error
    /// can be compared with a tenant GUID.
    public var tenantDomains: [String]
    /// Service principals whose object id is known only because another object refers to them,
    /// keyed by lower-case appId. Pasted `list-grants` output names the client and resource service
    /// principals of each grant without showing them.
    public var servicePrincipalReferences: [String: ServicePrincipalReference]
    /// The organization Graph returned for the token: the tenant that was really read. Nil when
    /// the source has none, such as pasted az output or a snapshot saved before the field existed.
    public var organization: Lookup<OrganizationIdentity>?

    public init(
        source: Source,
        tenant: String?,
        cloud: String,
        clientAppId: String,
        servicePrincipals: [String: Lookup<ServicePrincipal>],
        grants: Lookup<[OAuth2PermissionGrant]>,
        authorizationPolicy: Lookup<AuthorizationPolicy>,
        adminConsentRequestPolicy: Lookup<AdminConsentRequestPolicy>,
        requests: [GraphRequestRecord] = [],
        roundTrips: Int = 0,
        tenantDomains: [String] = [],
        servicePrincipalReferences: [String: ServicePrincipalReference] = [:],
        organization: Lookup<OrganizationIdentity>? = nil
    ) {
        self.formatVersion = Self.formatVersion
        self.source = source
        self.tenant = tenant
        self.cloud = cloud
        self.clientAppId = clientAppId
        self.servicePrincipals = servicePrincipals
        self.grants = grants
        self.authorizationPolicy = authorizationPolicy
        self.adminConsentRequestPolicy = adminConsentRequestPolicy
        self.requests = requests
        self.roundTrips = roundTrips
        self.tenantDomains = tenantDomains
        self.servicePrincipalReferences = servicePrincipalReferences
        self.organization = organization
    }

    /// Returns the lookup for an appId, or `.unknown` when the snapshot never asked for it.
    public func servicePrincipal(appId: String) -> Lookup<ServicePrincipal> {
        servicePrincipals[appId.lowercased()]
            ?? .unknown(LookupFailure(kind: .notInInput, message: "The service principal for \(appId) was not read."))
    }

    /// Returns the reference to the service principal of an appId, when another object names it.
    public func servicePrincipalReference(appId: String) -> ServicePrincipalReference? {
        servicePrincipalReferences[appId.lowercased()]
    }
}
