/// Makes every extracted value safe to print: no control characters, white space collapsed,
/// tokens and other secrets masked, and a length cap. Invisible formatting characters stay, so
/// validation for commands, which happens later in diagnosis, rejects a value that has one.
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
        let result = SecretMasker.masked(TextDecoding.cleaned(value))
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
