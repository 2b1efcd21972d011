import Foundation

/// Folds repeats of the same error into one occurrence, keeping the order of first appearance.
///
/// Two occurrences are the same error when their codes match and none of the values that name
/// the problem (client, resource, tenant, redirect URI) disagree. A value missing on one side
/// never disagrees. When their trace values also agree, they are two views of one failure
/// (msal-node and MSAL.NET print the message twice, the sign-in page repeats it), and the
/// values are combined. When trace values differ, the failure happened again: it is counted in
/// `repeatCount`, and only values that describe the problem are combined. Occurrences without
/// any trace value on different lines also count as repeats.
enum OccurrenceMerger {
    private static var identifying: [KeyPath<ExtractedValues, String?>] {
        [
            \.clientAppId, \.resourceAppId, \.resourceURI, \.tenant, \.redirectURI, \.graphErrorCode,
        ]
    }

    private static var tracing: [KeyPath<ExtractedValues, String?>] {
        [
            \.traceId, \.correlationId, \.requestId, \.timestamp,
        ]
    }

    private static var descriptive: [WritableKeyPath<ExtractedValues, String?>] {
        [
            \.clientAppId, \.resourceAppId, \.resourceURI, \.tenant, \.redirectURI, \.graphErrorCode,
            \.oauthError, \.suberror, \.clientName, \.resourceName, \.errorURI, \.message, \.userPrincipalName,
            \.userObjectId,
        ]
    }

    static func merge(_ occurrences: [SignInErrorOccurrence]) -> [SignInErrorOccurrence] {
        var result: [SignInErrorOccurrence] = []
        for occurrence in occurrences {
            guard let index = result.firstIndex(where: { sameError($0.values, occurrence.values) }) else {
                result.append(occurrence)
                continue
            }
            if agree(result[index].values, occurrence.values, on: tracing), !separateUntracedLines(result[index], occurrence) {
                combine(&result[index].values, with: occurrence.values, traces: true)
            } else {
                result[index].repeatCount += occurrence.repeatCount
                combine(&result[index].values, with: occurrence.values, traces: false)
            }
        }
        return result
    }

    /// Returns whether two occurrences without any trace value sit on different lines, as
    /// RedisInsight's code-less errorCode 12400 lines do each time the failure happens again.
    private static func separateUntracedLines(_ first: SignInErrorOccurrence, _ second: SignInErrorOccurrence) -> Bool {
        let untraced = { (values: ExtractedValues) in tracing.allSatisfy { values[keyPath: $0] == nil } }
        guard untraced(first.values), untraced(second.values), let firstLine = first.line, let secondLine = second.line else {
            return false
        }
        return firstLine != secondLine
    }

    static func sameError(_ first: ExtractedValues, _ second: ExtractedValues) -> Bool {
        guard first.code == second.code else {
            return false
        }
        if let firstCode = first.applicationErrorCode, let secondCode = second.applicationErrorCode, firstCode != secondCode {
            return false
        }
        if first.code == nil, first.applicationErrorCode != second.applicationErrorCode {
            return false
        }
        return agree(first, second, on: identifying)
    }

    private static func agree(_ first: ExtractedValues, _ second: ExtractedValues, on keyPaths: [KeyPath<ExtractedValues, String?>]) -> Bool {
        keyPaths.allSatisfy { keyPath in
            guard let left = first[keyPath: keyPath], let right = second[keyPath: keyPath] else {
                return true
            }
            return left.caseInsensitiveCompare(right) == .orderedSame
        }
    }

    private static func combine(_ values: inout ExtractedValues, with other: ExtractedValues, traces: Bool) {
        for keyPath in descriptive where values[keyPath: keyPath] == nil {
            values[keyPath: keyPath] = other[keyPath: keyPath]
        }
        if traces {
            values.traceId = values.traceId ?? other.traceId
            values.correlationId = values.correlationId ?? other.correlationId
            values.requestId = values.requestId ?? other.requestId
            values.timestamp = values.timestamp ?? other.timestamp
        }
        values.applicationErrorCode = values.applicationErrorCode ?? other.applicationErrorCode
        if values.validResources.isEmpty {
            values.validResources = other.validResources
        }
        if values.requestedPermissionIds.isEmpty {
            values.requestedPermissionIds = other.requestedPermissionIds
        }
        if values.conditionalAccessPolicyIds.isEmpty {
            values.conditionalAccessPolicyIds = other.conditionalAccessPolicyIds
        }
    }
}
