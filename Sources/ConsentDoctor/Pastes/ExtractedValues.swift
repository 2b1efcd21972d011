/// Every value pulled out of one sign-in error in a paste. Absent values stay nil or empty.
public struct ExtractedValues: Codable, Sendable, Equatable {
    public var code: SignInErrorCode?
    /// The OAuth `error` value, such as `invalid_client`.
    public var oauthError: String?
    /// The OAuth `suberror` value, such as `consent_required`.
    public var suberror: String?
    public var clientAppId: String?
    public var clientName: String?
    public var resourceAppId: String?
    public var resourceURI: String?
    public var resourceName: String?
    /// The tenant the message names: a GUID or a domain name.
    public var tenant: String?
    /// The resources listed in the client's registration (650057's "List of valid resources").
    public var validResources: [String]
    public var redirectURI: String?
    /// Permission ids the request asked for (65006's "Requested permission IDs").
    public var requestedPermissionIds: [String]
    public var traceId: String?
    public var correlationId: String?
    public var requestId: String?
    /// The timestamp as it appeared, such as `2026-11-18 09:14:02Z`.
    public var timestamp: String?
    public var errorURI: String?
    /// An application error code without an AADSTS code, such as RedisInsight's 12400.
    public var applicationErrorCode: Int?
    /// The error message, decoded and trimmed, without the trailing trace values.
    public var message: String?
    /// The signed-in user's object id, as RedisInsight logs it (`Failed to get token for {oid}.{tid}`).
    public var userObjectId: String?
    /// The signed-in user's name as a message gives it, such as 50020's `User account '...'`.
    public var userPrincipalName: String?
    /// A Microsoft Graph error code, such as `Authorization_RequestDenied` behind Azure CLI's
    /// "Insufficient privileges to complete the operation."
    public var graphErrorCode: String?
    /// Conditional Access policy ids from a claims challenge (`capolids`).
    public var conditionalAccessPolicyIds: [String]

    public init(
        code: SignInErrorCode? = nil,
        oauthError: String? = nil,
        suberror: String? = nil,
        clientAppId: String? = nil,
        clientName: String? = nil,
        resourceAppId: String? = nil,
        resourceURI: String? = nil,
        resourceName: String? = nil,
        tenant: String? = nil,
        validResources: [String] = [],
        redirectURI: String? = nil,
        requestedPermissionIds: [String] = [],
        traceId: String? = nil,
        correlationId: String? = nil,
        requestId: String? = nil,
        timestamp: String? = nil,
        errorURI: String? = nil,
        applicationErrorCode: Int? = nil,
        message: String? = nil,
        userObjectId: String? = nil,
        userPrincipalName: String? = nil,
        graphErrorCode: String? = nil,
        conditionalAccessPolicyIds: [String] = []
    ) {
        self.code = code
        self.oauthError = oauthError
        self.suberror = suberror
        self.clientAppId = clientAppId
        self.clientName = clientName
        self.resourceAppId = resourceAppId
        self.resourceURI = resourceURI
        self.resourceName = resourceName
        self.tenant = tenant
        self.validResources = validResources
        self.redirectURI = redirectURI
        self.requestedPermissionIds = requestedPermissionIds
        self.traceId = traceId
        self.correlationId = correlationId
        self.requestId = requestId
        self.timestamp = timestamp
        self.errorURI = errorURI
        self.applicationErrorCode = applicationErrorCode
        self.message = message
        self.userObjectId = userObjectId
        self.userPrincipalName = userPrincipalName
        self.graphErrorCode = graphErrorCode
        self.conditionalAccessPolicyIds = conditionalAccessPolicyIds
    }
}

/// The shape a pasted error arrived in.
public enum PasteForm: String, Codable, Sendable, CaseIterable {
    case plainText = "plain-text"
    case tokenEndpointJSON = "token-endpoint-json"
    case redirectURL = "redirect-url"
    case signInPageText = "sign-in-page-text"
    case signInPageHTML = "sign-in-page-html"
    case msal
    case redisInsightToast = "redisinsight-toast"
    case redisInsightLog = "redisinsight-log"
    case azureCLI = "azure-cli"
    case har
}

/// One sign-in error found in a paste, before classification.
public struct SignInErrorOccurrence: Codable, Sendable, Equatable {
    public var form: PasteForm
    /// The 1-based line of the input where the error starts, when the form has lines.
    public var line: Int?
    public var values: ExtractedValues
    /// How many times the same error appeared in the paste; repeats are folded into one occurrence.
    public var repeatCount: Int

    public init(form: PasteForm, line: Int? = nil, values: ExtractedValues, repeatCount: Int = 1) {
        self.form = form
        self.line = line
        self.values = values
        self.repeatCount = repeatCount
    }
}
