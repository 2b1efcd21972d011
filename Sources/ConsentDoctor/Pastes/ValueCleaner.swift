/// Makes every extracted value safe to print: no control characters, no direction overrides,
/// white space collapsed, and a length cap. Validation for commands happens later, in diagnosis.
enum ValueCleaner {
    static let maximumValueLength = 2000

    static func clean(_ values: inout ExtractedValues) {
        for keyPath in [
            \ExtractedValues.oauthError, \.suberror, \.clientAppId, \.clientName, \.resourceAppId,
            \.resourceURI, \.resourceName, \.tenant, \.redirectURI, \.traceId, \.correlationId,
            \.requestId, \.timestamp, \.errorURI, \.message, \.userObjectId, \.userPrincipalName, \.graphErrorCode,
        ] as [WritableKeyPath<ExtractedValues, String?>] {
            values[keyPath: keyPath] = cleaned(values[keyPath: keyPath])
        }
        values.resourceURI = values.resourceURI.map(trimmingTrailingPeriod)
        values.tenant = values.tenant.map(trimmingTrailingPeriod)
        values.validResources = values.validResources.compactMap { cleaned($0).map(trimmingTrailingPeriod) }
        values.requestedPermissionIds = values.requestedPermissionIds.compactMap(cleaned)
    }

    static func cleaned(_ value: String?) -> String? {
        guard let value else {
            return nil
        }
        let result = TextDecoding.cleaned(value)
        return result.isEmpty ? nil : String(result.prefix(maximumValueLength))
    }

    private static func trimmingTrailingPeriod(_ text: String) -> String {
        var result = Substring(text)
        while result.hasSuffix(".") {
            result = result.dropLast()
        }
        return String(result)
    }
}
