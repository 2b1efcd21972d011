#if canImport(Glibc)
import Glibc
#endif

/// Finds the next marker byte string in a growing buffer, remembering each marker's next
/// position so that a buffer is searched once per marker, not once per hit.
///
/// Each marker is found with `memchr` on one anchor byte (an upper-case letter where the marker
/// has one, because those are rarer in logs), then compared whole.
struct MarkerFinder {
    private struct Marker {
        var bytes: [UInt8]
        var anchorOffset: Int
        /// The next occurrence at or after `searchedFrom`, valid while the buffer is unchanged
        /// before `searchedUpTo`.
        var next: Int?
        var searchedFrom = 0
        var searchedUpTo = 0
    }

    private var markers: [Marker]

    init(markers: [[UInt8]]) {
        self.markers = markers.map { bytes in
            let anchor = bytes.firstIndex { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) && $0 != UInt8(ascii: "A") }
                ?? bytes.firstIndex { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
                ?? 0
            return Marker(bytes: bytes, anchorOffset: anchor)
        }
    }

    /// The length of the longest marker; a marker can straddle the end of a buffer by one byte less.
    var maximumMarkerLength: Int {
        markers.map(\.bytes.count).max() ?? 0
    }

    /// Returns the first position at or after `start` where any marker begins.
    mutating func next(in buffer: [UInt8], from start: Int) -> Int? {
        var best: Int?
        for index in markers.indices {
            if let position = next(marker: index, in: buffer, from: start) {
                best = min(best ?? position, position)
            }
        }
        return best
    }

    /// Shifts remembered positions after the first `count` bytes of the buffer were dropped.
    mutating func dropFirst(_ count: Int) {
        for index in markers.indices {
            markers[index].next = markers[index].next.map { $0 - count }
            markers[index].searchedFrom = max(0, markers[index].searchedFrom - count)
            markers[index].searchedUpTo = max(0, markers[index].searchedUpTo - count)
        }
    }

    private mutating func next(marker index: Int, in buffer: [UInt8], from start: Int) -> Int? {
        let marker = markers[index]
        if start >= marker.searchedFrom {
            if let next = marker.next, next >= start {
                return next
            }
            if marker.next == nil, marker.searchedUpTo == buffer.count {
                return nil
            }
        }
        var from = start
        if marker.next == nil, start >= marker.searchedFrom, marker.searchedUpTo > start {
            // Nothing was found before `searchedUpTo`; only a marker that straddled the old end can be new.
            from = max(start, marker.searchedUpTo - marker.bytes.count + 1)
        }
        let found = Self.search(marker.bytes, anchorOffset: marker.anchorOffset, in: buffer, from: from)
        markers[index].next = found
        markers[index].searchedFrom = start
        markers[index].searchedUpTo = buffer.count
        return found
    }

    private static func search(_ needle: [UInt8], anchorOffset: Int, in buffer: [UInt8], from start: Int) -> Int? {
        let anchor = needle[anchorOffset]
        return buffer.withUnsafeBufferPointer { haystack -> Int? in
            guard let base = haystack.baseAddress else {
                return nil
            }
            var candidate = start
            while candidate + needle.count <= haystack.count {
                let anchorStart = candidate + anchorOffset
                let remaining = haystack.count - anchorStart
                guard remaining > 0, let raw = memchr(base + anchorStart, Int32(anchor), remaining) else {
                    return nil
                }
                let position = UnsafePointer(raw.assumingMemoryBound(to: UInt8.self)) - base - anchorOffset
                if position + needle.count > haystack.count {
                    return nil
                }
                if position >= start, needle.withUnsafeBufferPointer({ memcmp(base + position, $0.baseAddress!, needle.count) == 0 }) {
                    return position
                }
                candidate = position + 1
            }
            return nil
        }
    }
}
