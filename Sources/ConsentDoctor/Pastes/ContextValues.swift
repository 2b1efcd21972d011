/// Values around the message: trace ids and timestamps, the OAuth error and suberror, the error
/// URI, a claims challenge, and the user and tenant in RedisInsight's log lines.
enum ContextValues {
    private static let guid = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
    private static let timestampShape = #"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?"#

    private static let traceId = TextPattern(#"Trace[ _-]?ID"?\s*[:=]\s*"?(\#(guid))"#, requiring: ["trace"])
    private static let correlationId = TextPattern(#"Correlation[ _-]?ID(?:Key)?"?\s*[:=]\s*"?(\#(guid))"#, requiring: ["correlation"])
    private static let requestId = TextPattern(#"Request[ _-]?ID"?\s*[:=]\s*"?(\#(guid))"#, requiring: ["request"])
    private static let timestamp = TextPattern(#"Timestamp"?\s*[:=]\s*"?(\#(timestampShape))"#, requiring: ["timestamp"])
    private static let bracketedTimestamp = TextPattern(#"\[(\#(timestampShape))\]\s*:\s*$"#, requiring: ["]"])
    private static let errorURI = TextPattern(#""error_uri"\s*:\s*"([^"\s]+)""#, requiring: ["\"error_uri\""])
    private static let errorCodes = TextPattern(#""error_codes"\s*:\s*\[\s*(\d{1,9})"#, requiring: ["\"error_codes\""])
    private static let claims = TextPattern(#""claims"\s*:\s*"((?:[^"\\]|\\.)*)""#, requiring: ["\"claims\""])
    private static let suberror = TextPattern(#"(?:"suberror"\s*:\s*"|[?&#]suberror=|MSALOAuthSubErrorKey\s*=\s*|\bSuberror:\s*)([a-z_]{3,60})"#, requiring: ["suberror"])
    private static let oauthErrorAfter = TextPattern(#"(?:"error"\s*:\s*"|\bErrorCode:\s*|MSALOAuthErrorKey\s*=\s*|[?&#]error=)([a-z_]{3,60})"#, requiring: ["\"error\"", "errorcode:", "msaloautherrorkey", "error="])
    private static let userAndTenant = TextPattern(#"Failed to get token for ([^\s:]+?)\.(\#(guid))"#, requiring: ["failed to get token for "])

    /// Error values an OAuth 2.0 or OpenID Connect server returns, from RFC 6749, RFC 8628 and
    /// OpenID Connect Core. They mark the `error` word in front of a message.
    static let oauthErrors: Set<String> = [
        "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
        "invalid_scope", "access_denied", "unsupported_response_type", "server_error", "temporarily_unavailable",
        "interaction_required", "login_required", "account_selection_required", "consent_required",
        "invalid_resource", "authorization_pending", "slow_down", "expired_token", "authorization_declined",
        "bad_verification_code", "invalid_request_uri", "invalid_request_object", "request_not_supported",
    ]

    /// Fills trace values and the OAuth error. `decoded` is the message from the hit on,
    /// `context` the raw text from the start of the hit's line, `prefix` the line before the hit.
    static func apply(to values: inout ExtractedValues, decoded: String, context: String, prefix: String) {
        for text in [decoded, context] {
            fill(&values.traceId, traceId.firstCapture(in: text))
            fill(&values.correlationId, correlationId.firstCapture(in: text))
            fill(&values.requestId, requestId.firstCapture(in: text))
            fill(&values.timestamp, timestamp.firstCapture(in: text))
        }
        fill(&values.timestamp, bracketedTimestamp.firstCapture(in: prefix))
        fill(&values.errorURI, errorURI.firstCapture(in: context))
        fill(&values.suberror, suberror.firstCapture(in: context))
        if values.code == nil, let digits = errorCodes.firstCapture(in: context), let number = Int(digits) {
            values.code = SignInErrorCode(rawValue: number)
        }
        if values.conditionalAccessPolicyIds.isEmpty, let raw = claims.firstCapture(in: context) {
            values.conditionalAccessPolicyIds = ClaimsChallenge.policyIds(in: TextDecoding.jsonUnescaped(Substring(raw)))
        }

        fill(&values.oauthError, lastOAuthError(in: prefix))
        if values.oauthError == nil, let after = oauthErrorAfter.firstCapture(in: context), oauthErrors.contains(after) {
            values.oauthError = after
        }

        if let groups = userAndTenant.firstGroups(in: prefix + decoded) {
            fill(&values.userObjectId, groups[0])
            fill(&values.tenant, groups[1])
        }
    }

    /// Fills the user and tenant from RedisInsight's `Failed to get token for {oid}.{tid}` when it
    /// sits on a line just before the error, as it does before an errorCode 12400 line.
    static func applyPrecedingLines(to values: inout ExtractedValues, lines: String) {
        guard values.userObjectId == nil, let groups = userAndTenant.matches(in: lines).last?.groups else {
            return
        }
        fill(&values.userObjectId, groups[0])
        fill(&values.tenant, groups[1])
    }

    /// Returns the last OAuth error word in `text`, as in `Azure OAuth error: invalid_client AADSTS...`
    /// or msal-node's `ServerError: invalid_client: 650057 - [...]: AADSTS...`.
    static func lastOAuthError(in text: String) -> String? {
        var word = ""
        var last: String?
        for character in text.unicodeScalars {
            if character.properties.isLowercase || character == "_" {
                word.unicodeScalars.append(character)
                continue
            }
            if oauthErrors.contains(word) {
                last = word
            }
            word = ""
        }
        if oauthErrors.contains(word) {
            last = word
        }
        return last
    }

    private static func fill(_ field: inout String?, _ value: String?) {
        if field == nil, let value, !value.isEmpty {
            field = value
        }
    }
}
