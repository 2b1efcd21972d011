/// Folds repeats of the same error into one occurrence, keeping the order of first appearance,
/// and keeps full detail for at most `detailLimit` distinct errors.
///
/// Two occurrences are the same error when their codes match and none of the values that name
/// the problem (client, resource, tenant, redirect URI) disagree. A value missing on one side
/// never disagrees. An occurrence joins the earliest held error it agrees with. When their
/// trace values also agree, they are two views of one failure (msal-node and MSAL.NET print the
/// message twice, the sign-in page repeats it), and the values are combined. When trace values
/// differ, the failure happened again: it is counted in `repeatCount`, and only values that
/// describe the problem are combined. Occurrences without any trace value on different lines
/// also count as repeats.
///
/// `MergeIndex` finds the held error in a few hash lookups, so adding n occurrences takes time
/// linear in n. Once `detailLimit` distinct errors are held, an occurrence that agrees with
/// none of them is only counted, per code, in `omitted`, so memory stays bounded however many
/// distinct errors the input holds.
struct OccurrenceMerger {
    let detailLimit: Int
    /// The distinct errors kept in full, in order of first appearance.
    private(set) var occurrences: [SignInErrorOccurrence] = []
    /// The errors beyond `detailLimit`, counted per code.
    private(set) var omitted: OmittedErrorTally
    /// The hash lookups made so far, which tests use to check that the work per occurrence is bounded.
    private(set) var lookupCount = 0

    private var keys: [MergeKey] = []
    private var index = MergeIndex()

    private static var tracing: [KeyPath<ExtractedValues, String?>] {
        [\.traceId, \.correlationId, \.requestId, \.timestamp]
    }

    private static var descriptive: [WritableKeyPath<ExtractedValues, String?>] {
        [
            \.clientAppId, \.resourceAppId, \.resourceURI, \.tenant, \.redirectURI, \.graphErrorCode,
            \.oauthError, \.suberror, \.clientName, \.resourceName, \.errorURI, \.message, \.userPrincipalName,
            \.userObjectId,
        ]
    }

    init(detailLimit: Int = PasteReader.defaultDetailLimit, omitted: OmittedErrorTally = OmittedErrorTally()) {
        self.detailLimit = max(1, detailLimit)
        self.omitted = omitted
    }

    /// Returns the distinct errors of `occurrences`, at most `PasteReader.defaultDetailLimit` of them.
    static func merge(_ occurrences: [SignInErrorOccurrence]) -> [SignInErrorOccurrence] {
        var merger = OccurrenceMerger()
        for occurrence in occurrences {
            merger.add(occurrence)
        }
        return merger.occurrences
    }

    /// Adds one occurrence: folds it into the error it repeats, keeps it as a new error, or
    /// counts it when `detailLimit` errors are already kept.
    mutating func add(_ occurrence: SignInErrorOccurrence) {
        let key = MergeKey(occurrence.values)
        if let position = index.firstAgreeing(with: key, lookups: &lookupCount) {
            fold(occurrence, into: position)
            return
        }
        guard occurrences.count < detailLimit else {
            omitted.count(occurrence, key: key)
            return
        }
        occurrences.append(occurrence)
        keys.append(key)
        index.insert(occurrences.count - 1, key: key)
    }

    private mutating func fold(_ occurrence: SignInErrorOccurrence, into position: Int) {
        let existing = occurrences[position]
        if Self.agree(existing.values, occurrence.values, on: Self.tracing), !Self.separateUntracedLines(existing, occurrence) {
            Self.combine(&occurrences[position].values, with: occurrence.values, traces: true)
        } else {
            occurrences[position].repeatCount += occurrence.repeatCount
            Self.combine(&occurrences[position].values, with: occurrence.values, traces: false)
        }

        // Combining fills missing values, so the error may now be filed under more values.
        let updated = MergeKey(occurrences[position].values)
        if updated.mask != keys[position].mask {
            index.remove(position, key: keys[position])
            index.insert(position, key: updated)
            keys[position] = updated
        }
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

    private static func agree(_ first: ExtractedValues, _ second: ExtractedValues, on keyPaths: [KeyPath<ExtractedValues, String?>]) -> Bool {
        keyPaths.allSatisfy { keyPath in
            guard let left = first[keyPath: keyPath], let right = second[keyPath: keyPath] else {
                return true
            }
            return left.lowercased() == right.lowercased()
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
