/// Passes on at most `limit` bytes of another source, so an endless input such as `/dev/zero`
/// ends, and records whether the input went on past the limit.
struct LimitedChunkSource<Base: ChunkSource>: ChunkSource {
    var base: Base
    let limit: Int
    /// The bytes passed on so far.
    private(set) var delivered = 0
    /// Whether the input contains more than `limit` bytes, so reading stopped early.
    private(set) var limitReached = false

    init(base: Base, limit: Int) {
        self.base = base
        self.limit = max(0, limit)
    }

    mutating func nextChunk() throws -> [UInt8]? {
        guard delivered < limit else {
            // Reading one more chunk distinguishes an input of exactly `limit` bytes from a longer one.
            if !limitReached, let extra = try base.nextChunk(), !extra.isEmpty {
                limitReached = true
            }
            return nil
        }
        guard var chunk = try base.nextChunk() else {
            return nil
        }
        let room = limit - delivered
        if chunk.count > room {
            chunk.removeSubrange(room...)
            limitReached = true
        }
        delivered += chunk.count
        return chunk
    }
}
