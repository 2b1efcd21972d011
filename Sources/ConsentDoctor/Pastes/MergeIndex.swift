/// Finds the earliest held error that a new occurrence agrees with, in a bounded number of hash
/// lookups instead of a comparison with every held error.
///
/// Each held error is filed under every subset of its present values (at most 2^7 entries). A
/// new key with presence mask `m` agrees with a held key with mask `h` exactly when their values
/// are equal on `h & m`, so one lookup per distinct held mask of the group finds every candidate.
struct MergeIndex {
    private struct Probe: Hashable {
        var group: MergeKey.Group
        var heldMask: UInt8
        var sharedMask: UInt8
        var values: [String]
    }

    /// The presence masks of the held errors of each group, with how many errors have each.
    private var heldMasks: [MergeKey.Group: [UInt8: Int]] = [:]
    /// Positions of held errors, in ascending order, under each probe.
    private var positions: [Probe: [Int]] = [:]

    /// Files the error at `position` under `key`.
    mutating func insert(_ position: Int, key: MergeKey) {
        heldMasks[key.group, default: [:]][key.mask, default: 0] += 1
        for shared in Self.subsets(of: key.mask) {
            let probe = Probe(group: key.group, heldMask: key.mask, sharedMask: shared, values: key.projection(shared))
            positions[probe, default: []].insertSorted(position)
        }
    }

    /// Removes the error at `position`, filed under `key`, before it is filed again under a key
    /// with more values.
    mutating func remove(_ position: Int, key: MergeKey) {
        heldMasks[key.group]?[key.mask, default: 0] -= 1
        if heldMasks[key.group]?[key.mask] == 0 {
            heldMasks[key.group]?[key.mask] = nil
        }
        for shared in Self.subsets(of: key.mask) {
            let probe = Probe(group: key.group, heldMask: key.mask, sharedMask: shared, values: key.projection(shared))
            positions[probe]?.removeAll { $0 == position }
            if positions[probe]?.isEmpty == true {
                positions[probe] = nil
            }
        }
    }

    /// Returns the lowest position of a held error that agrees with `key`, or nil.
    ///
    /// - Parameter lookups: Incremented by the number of hash lookups made.
    func firstAgreeing(with key: MergeKey, lookups: inout Int) -> Int? {
        guard let masks = heldMasks[key.group] else {
            return nil
        }
        var best: Int?
        for heldMask in masks.keys {
            lookups += 1
            let shared = heldMask & key.mask
            let probe = Probe(group: key.group, heldMask: heldMask, sharedMask: shared, values: key.projection(shared))
            if let first = positions[probe]?.first, first < (best ?? Int.max) {
                best = first
            }
        }
        return best
    }

    /// Returns every subset of the bits of `mask`, the empty one included.
    private static func subsets(of mask: UInt8) -> [UInt8] {
        var result: [UInt8] = [0]
        var subset = mask
        while subset != 0 {
            result.append(subset)
            subset = (subset - 1) & mask
        }
        return result
    }
}

private extension Array where Element == Int {
    /// Inserts `value` keeping the array in ascending order; appending is the common case.
    mutating func insertSorted(_ value: Int) {
        guard let last, last > value else {
            append(value)
            return
        }
        let index = firstIndex { $0 > value } ?? count
        insert(value, at: index)
    }
}
