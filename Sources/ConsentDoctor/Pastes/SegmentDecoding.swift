/// Undoes the encoding an error message arrived in: a form-encoded URL parameter, MSAL for
/// iOS's `+` for spaces, or a JSON string inside a log line.
struct SegmentDecoding {
    /// The decoded text, starting with `AADSTSnnnn`.
    var text: String
    /// The form the encoding shows, when it shows one.
    var form: PasteForm?
    /// The OAuth parameters of the URL the message came in, when it came in one.
    var urlValues: URLErrorParameters

    private static let formParameterBefore = TextPattern(#"(?:^|[?&#\s"'])error_description=$"#, requiring: ["error_description="])
    private static let plusEncodedStart = TextPattern(#"^AADSTS\d+(?::\+|%3a)"#)
    private static let insideJSONString = TextPattern(#""\s*:\s*"(?:[^"\\]|\\.)*$"#, requiring: ["\""])
    private static let urlTerminators: Set<Character> = [" ", "\t", "\r", "\n", "\"", "'", "<", ">"]

    /// Decodes the text of one hit. `segment` starts at the hit; `prefix` is the part of its line before it.
    static func decode(segment: Substring, prefix: String) -> SegmentDecoding {
        if formParameterBefore.matches(prefix) {
            return decodeURL(segment: segment, prefix: prefix)
        }
        if plusEncodedStart.matches(String(segment.prefix(40))) {
            let end = segment.firstIndex { $0.isWhitespace || $0 == "\"" || $0 == "}" } ?? segment.endIndex
            var raw = segment[..<end]
            while raw.hasSuffix(",") {
                raw = raw.dropLast()
            }
            let form: PasteForm? = prefix.contains("MSAL") ? .msal : nil
            return SegmentDecoding(text: TextDecoding.formDecoded(raw), form: form, urlValues: URLErrorParameters())
        }
        if insideJSONString.matches(prefix) {
            let end = TextDecoding.endOfJSONString(in: segment) ?? segment.endIndex
            return SegmentDecoding(text: TextDecoding.jsonUnescaped(segment[..<end]), form: nil, urlValues: URLErrorParameters())
        }
        return SegmentDecoding(text: String(segment), form: nil, urlValues: URLErrorParameters())
    }

    /// Decodes a hit inside `error_description=`: reads every OAuth parameter of the URL and
    /// takes the URL's address as the redirect URI when it has a scheme.
    private static func decodeURL(segment: Substring, prefix: String) -> SegmentDecoding {
        let queryStart = prefix.lastIndex { $0 == "?" || $0 == "#" }
        let urlStart = queryStart.flatMap { start in
            prefix[..<start].lastIndex { urlTerminators.contains($0) || $0 == "(" }.map { prefix.index(after: $0) }
        } ?? prefix.startIndex
        let urlEnd = segment.firstIndex { urlTerminators.contains($0) } ?? segment.endIndex
        let url = String(prefix[urlStart...]) + segment[..<urlEnd]
        let parameters = URLErrorParameters.parse(url)
        let description = parameters.description ?? TextDecoding.formDecoded(segment[..<urlEnd])
        return SegmentDecoding(text: description, form: .redirectURL, urlValues: parameters)
    }
}

/// The OAuth error parameters of a redirect URL, from its query or its fragment.
struct URLErrorParameters {
    /// The address before `?` or `#`, when it has a scheme and is not a sign-in host.
    var address: String?
    var error: String?
    var description: String?
    var suberror: String?
    var errorURI: String?
    var errorCodes: [Int] = []
    var traceId: String?
    var correlationId: String?
    var timestamp: String?
    var claims: String?

    /// Reads the OAuth error parameters of `url`. Other parameters, such as `code` or `state`,
    /// are never kept, so an authorization code in the URL cannot reach a report.
    static func parse(_ url: String) -> URLErrorParameters {
        var result = URLErrorParameters()
        guard let separator = url.firstIndex(where: { $0 == "?" || $0 == "#" }) else {
            return result
        }
        let address = String(url[..<separator])
        if address.contains("://"), !address.lowercased().contains("login.") {
            result.address = address
        }
        let query = url[url.index(after: separator)...]
        for pair in query.split(whereSeparator: { $0 == "&" || $0 == "#" || $0 == "?" }) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                continue
            }
            let value = TextDecoding.formDecoded(parts[1])
            switch parts[0].lowercased() {
            case "error": result.error = value
            case "error_description": result.description = value
            case "error_subcode", "suberror": result.suberror = value
            case "error_uri": result.errorURI = value
            case "error_codes": result.errorCodes = value.split { !$0.isNumber }.compactMap { Int($0) }
            case "trace_id": result.traceId = value
            case "correlation_id": result.correlationId = value
            case "timestamp": result.timestamp = value
            case "claims": result.claims = value
            default: continue
            }
        }
        return result
    }

    /// Copies the parameters into extracted values, except the address: a redirect URI named in
    /// the message itself comes first.
    func apply(to values: inout ExtractedValues) {
        values.oauthError = values.oauthError ?? error
        values.suberror = values.suberror ?? suberror
        values.errorURI = values.errorURI ?? errorURI
        values.traceId = values.traceId ?? traceId
        values.correlationId = values.correlationId ?? correlationId
        values.timestamp = values.timestamp ?? timestamp
        if let claims {
            values.conditionalAccessPolicyIds = ClaimsChallenge.policyIds(in: claims)
        }
        if values.code == nil, let first = errorCodes.first {
            values.code = SignInErrorCode(rawValue: first)
        }
    }
}
