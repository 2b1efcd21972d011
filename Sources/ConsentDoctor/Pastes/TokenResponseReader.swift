/// Reads token-endpoint error responses: JSON objects with `error`, `error_description`,
/// `error_codes`, `timestamp`, `trace_id`, `correlation_id`, `error_uri`, `suberror` and `claims`.
enum TokenResponseReader {
    /// Returns whether `object` is a token-endpoint error response.
    static func isErrorResponse(_ object: [String: Any]) -> Bool {
        object["error_description"] is String || (object["error"] is String && object["error_codes"] != nil)
    }

    /// Returns every error response in a parsed JSON document, walking arrays in order and
    /// object keys in sorted order, at any depth.
    static func errorResponses(in json: Any) -> [[String: Any]] {
        var result: [[String: Any]] = []
        // A stack instead of recursion, so no nesting depth stops the walk; the last element is visited next.
        var pending: [Any] = [json]
        while let value = pending.popLast() {
            if let object = value as? [String: Any] {
                if isErrorResponse(object) {
                    result.append(object)
                } else {
                    pending += object.keys.sorted().reversed().map { object[$0] as Any }
                }
            } else if let array = value as? [Any] {
                pending += array.reversed()
            }
        }
        return result
    }

    /// Returns the errors of one response: those its description names, with the response's
    /// own fields filled in, or one error built from the fields alone.
    static func occurrences(in response: [String: Any], form: PasteForm) -> [SignInErrorOccurrence] {
        let description = response["error_description"] as? String ?? ""
        var found = TextExtractor(formOverride: form, firstLine: nil).occurrences(in: description)
        if found.isEmpty {
            var values = ExtractedValues()
            values.message = ValueCleaner.cleaned(description)
            found = [SignInErrorOccurrence(form: form, values: values)]
        }
        for index in found.indices {
            fill(&found[index].values, from: response)
            ValueCleaner.clean(&found[index].values)
        }
        return found.filter { $0.values.code != nil || $0.values.oauthError != nil }
    }

    private static func fill(_ values: inout ExtractedValues, from response: [String: Any]) {
        if let error = response["error"] as? String {
            values.oauthError = error
        }
        values.suberror = values.suberror ?? response["suberror"] as? String
        values.traceId = values.traceId ?? response["trace_id"] as? String
        values.correlationId = values.correlationId ?? response["correlation_id"] as? String
        values.timestamp = values.timestamp ?? response["timestamp"] as? String
        values.errorURI = values.errorURI ?? response["error_uri"] as? String
        if values.code == nil, let codes = response["error_codes"] as? [Any], let first = codes.first {
            if let number = first as? Int {
                values.code = SignInErrorCode(rawValue: number)
            } else if let text = first as? String {
                values.code = SignInErrorCode(text)
            }
        }
        if values.conditionalAccessPolicyIds.isEmpty, let claims = response["claims"] as? String {
            values.conditionalAccessPolicyIds = ClaimsChallenge.policyIds(in: claims)
        }
    }
}
