/// A source of input bytes, read in chunks, so a large input is never held whole.
public protocol ChunkSource {
    /// Returns the next chunk, or nil at the end of the input.
    ///
    /// - Throws: `PasteInputError` when reading fails.
    mutating func nextChunk() throws -> [UInt8]?
}

/// Chunks from bytes already in memory, used by tests and for small pastes.
public struct MemoryChunkSource: ChunkSource {
    private var remaining: ArraySlice<UInt8>
    private let chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = 1 << 20) {
        remaining = bytes[...]
        self.chunkSize = max(1, chunkSize)
    }

    public mutating func nextChunk() throws -> [UInt8]? {
        guard !remaining.isEmpty else {
            return nil
        }
        let chunk = remaining.prefix(chunkSize)
        remaining = remaining.dropFirst(chunk.count)
        return Array(chunk)
    }
}

/// Turns UTF-16 input into UTF-8 chunk by chunk, carrying an odd byte between chunks.
struct UTF16TranscodingSource<Base: ChunkSource>: ChunkSource {
    var base: Base
    let littleEndian: Bool
    private var carry: [UInt8] = []

    init(base: Base, littleEndian: Bool, pending: [UInt8]) {
        self.base = base
        self.littleEndian = littleEndian
        self.carry = pending
    }

    mutating func nextChunk() throws -> [UInt8]? {
        let bytes: [UInt8]
        if let chunk = try base.nextChunk() {
            bytes = carry + chunk
        } else {
            // An odd byte left at the end of the input is not a whole code unit, so it is dropped.
            guard carry.count >= 2 else {
                carry = []
                return nil
            }
            bytes = carry
        }
        let even = bytes.count - bytes.count % 2
        carry = Array(bytes[even...])
        return Array(TextDecoding.utf16Decoded(bytes[..<even], littleEndian: littleEndian).utf8)
    }
}
