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
        var utf8 = text
        return utf8.withUTF8 { lastOAuthError(inUTF8: $0) }
    }

    /// Returns the last OAuth error word in UTF-8 bytes. Words are runs of lower-case letters and
    /// `_`. The loop works on bytes and turns only an ASCII word of a plausible length into a
    /// string for the set lookup, because building and hashing every run made this step the
    /// costliest of reading an error.
    private static func lastOAuthError(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var last: String?
        var wordStart = 0
        var wordIsASCII = true
        var position = 0

        func endWord(at end: Int) {
            if wordIsASCII, (3...60).contains(end - wordStart) {
                let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<end]), as: UTF8.self)
                if oauthErrors.contains(word) {
                    last = word
                }
            }
        }

        while position < bytes.count {
            let byte = bytes[position]
            let length: Int
            let isWordCharacter: Bool
            if byte < 0x80 {
                length = 1
                isWordCharacter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_")
            } else {
                let scalar = decodeScalar(in: bytes, at: position)
                length = scalar.length
                isWordCharacter = scalar.value?.properties.isLowercase ?? false
            }
            if isWordCharacter {
                wordIsASCII = wordIsASCII && byte < 0x80
            } else {
                endWord(at: position)
                wordStart = position + length
                wordIsASCII = true
            }
            position += length
        }
        endWord(at: bytes.count)
        return last
    }

    /// Returns the scalar whose UTF-8 encoding starts at `position` and its length in bytes.
    /// The bytes come from a Swift string, so they are valid UTF-8.
    private static func decodeScalar(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (value: Unicode.Scalar?, length: Int) {
        let lead = bytes[position]
        var length = 2
        if lead >= 0xF0 {
            length = 4
        } else if lead >= 0xE0 {
            length = 3
        }
        guard position + length <= bytes.count else {
            return (nil, bytes.count - position)
        }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[position + offset] & 0x3F)
        }
        return (Unicode.Scalar(value), length)
    }

    private static func fill(_ field: inout String?, _ value: String?) {
        if field == nil, let value, !value.isEmpty {
            field = value
        }
    }
}
