import Foundation

/// Generates GUIDs and opaque codes from a seeded SplitMix64 sequence, so that a run with the same
/// seed and the same request order produces the same object ids and request ids.
final class IdentifierGenerator: @unchecked Sendable {
    private let lock = NSLock()
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 pseudo-random bits.
    func next() -> UInt64 {
        lock.withLock {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// Returns a lower-case version 4 GUID string.
    func guid() -> String {
        var bytes = [UInt8]()
        for word in [next(), next()] {
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef")
        let characters = bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    /// Returns `length` characters drawn from `alphabet`.
    func code(length: Int, alphabet: String) -> String {
        let symbols = Array(alphabet)
        return String((0..<length).map { _ in symbols[Int(next() % UInt64(symbols.count))] })
    }
}

/// Random values for secrets the emulator issues, such as access tokens. They come from the
/// system generator because nothing in a test depends on their value.
enum SecretGenerator {
    /// Returns a URL-safe random string of `byteCount` random bytes.
    static func token(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Base64URL.encode(Data(bytes))
    }
}
