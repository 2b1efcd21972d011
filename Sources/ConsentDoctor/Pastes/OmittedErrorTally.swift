/// Counts the errors that arrive after the merger keeps its maximum of distinct errors, per
/// code, in memory that does not grow with the input.
///
/// Distinct values are remembered by their hash (Swift's 64-bit `Hasher`), so two different
/// values count once only when their hashes collide. For 100,000 values the odds of any
/// collision are about n²/2⁶⁵, or 3 in 10 billion. At most `maximumRememberedValues` hashes and
/// `maximumCodes` codes are kept; beyond that, counts of occurrences stay exact but distinct
/// counts stop growing, and errors of further codes are counted in `otherCodeOccurrences`.
struct OmittedErrorTally {
    static let defaultMaximumRememberedValues = 100_000
    static let maximumCodes = 1_000

    /// The maximum number of value hashes kept over all codes; each takes about 16 bytes in a set.
    let maximumRememberedValues: Int

    private struct Tally {
        var count: OmittedErrorCount
        var errors: Set<Int> = []
        var tenants: Set<Int> = []
        var resources: Set<Int> = []
    }

    private var tallies: [MergeKey.Group: Tally] = [:]
    /// The order in which codes were first counted.
    private var order: [MergeKey.Group] = []
    private var rememberedValues = 0
    /// Occurrences of errors whose code arrived after `maximumCodes` codes were already counted.
    private(set) var otherCodeOccurrences = 0

    var isEmpty: Bool { order.isEmpty && otherCodeOccurrences == 0 }

    init(maximumRememberedValues: Int = defaultMaximumRememberedValues) {
        self.maximumRememberedValues = maximumRememberedValues
    }

    /// Counts an occurrence that was not kept.
    mutating func count(_ occurrence: SignInErrorOccurrence, key: MergeKey) {
        if tallies[key.group] == nil {
            guard order.count < Self.maximumCodes else {
                otherCodeOccurrences += occurrence.repeatCount
                return
            }
            let count = OmittedErrorCount(
                code: occurrence.values.code,
                applicationErrorCode: key.group.codelessApplicationErrorCode,
                occurrences: 0,
                distinctErrors: 0
            )
            tallies[key.group] = Tally(count: count)
            order.append(key.group)
        }
        guard var tally = tallies.removeValue(forKey: key.group) else {
            return
        }
        tally.count.occurrences += occurrence.repeatCount
        remember(key.hashValue, in: &tally.errors, capped: &tally.count.distinctCountsCapped)
        if let tenant = occurrence.values.tenant?.lowercased() {
            remember(tenant.hashValue, in: &tally.tenants, capped: &tally.count.distinctCountsCapped)
        }
        if let resource = (occurrence.values.resourceAppId ?? occurrence.values.resourceURI)?.lowercased() {
            remember(resource.hashValue, in: &tally.resources, capped: &tally.count.distinctCountsCapped)
        }
        tally.count.distinctErrors = tally.errors.count
        tally.count.tenants = tally.tenants.count
        tally.count.resources = tally.resources.count
        tallies[key.group] = tally
    }

    /// Returns the counts per code, in the order the codes were first counted.
    var counts: [OmittedErrorCount] {
        order.compactMap { tallies[$0]?.count }
    }

    private mutating func remember(_ hash: Int, in set: inout Set<Int>, capped: inout Bool) {
        guard !set.contains(hash) else {
            return
        }
        guard rememberedValues < maximumRememberedValues else {
            capped = true
            return
        }
        set.insert(hash)
        rememberedValues += 1
    }
}
