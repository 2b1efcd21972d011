#if canImport(Glibc)
import Glibc
#endif

/// Newline searches in `StreamingScanner`'s buffer, for the windows of whole lines around hits.
///
/// Each window ends at the last newline before a limit that moves forward with the hit. A long
/// line with many hits would have the same bytes searched again for every hit, so this type
/// remembers the last newline found and how far the buffer was searched, and searches only the
/// bytes after that. Each byte is then searched once, however many hits share its line.
struct NewlineSearch {
    private static let newline = UInt8(ascii: "\n")

    /// The buffer position up to which `lastFound` is known.
    private var searchedUpTo = 0
    /// The last newline before `searchedUpTo`, among the bytes searched.
    private var lastFound: Int?

    /// Returns the first newline in `range` of `buffer`.
    static func first(in buffer: [UInt8], range: Range<Int>) -> Int? {
        buffer.withUnsafeBufferPointer { pointer -> Int? in
            guard let base = pointer.baseAddress, !range.isEmpty,
                  let found = memchr(base + range.lowerBound, Int32(newline), range.count)
            else {
                return nil
            }
            return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
        }
    }

    /// Returns the last newline in `range` of `buffer`.
    ///
    /// The lower bound of a call must not be below the lower bound of an earlier call, as
    /// happens when hits come in order. The buffer may grow between calls.
    mutating func last(in buffer: [UInt8], range: Range<Int>) -> Int? {
        guard range.upperBound >= searchedUpTo else {
            return Self.lastWithoutMemory(in: buffer, range: range)
        }
        let unsearched = max(range.lowerBound, searchedUpTo)..<range.upperBound
        if let found = Self.lastWithoutMemory(in: buffer, range: unsearched) {
            lastFound = found
        }
        searchedUpTo = range.upperBound
        guard let lastFound, lastFound >= range.lowerBound else {
            return nil
        }
        return lastFound
    }

    /// Shifts the remembered positions after the first `count` bytes of the buffer were dropped.
    mutating func dropFirst(_ count: Int) {
        searchedUpTo = max(0, searchedUpTo - count)
        lastFound = lastFound.flatMap { $0 >= count ? $0 - count : nil }
    }

    private static func lastWithoutMemory(in buffer: [UInt8], range: Range<Int>) -> Int? {
        buffer.withUnsafeBufferPointer { pointer -> Int? in
            var position = range.upperBound
            while position > range.lowerBound {
                position -= 1
                if pointer[position] == newline {
                    return position
                }
            }
            return nil
        }
    }
}
