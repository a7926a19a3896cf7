/// The held reads' slots and qualities (`AlignmentFile.UMIRead`: `2 · length` bytes, the slots then the
/// qualities) cut from large chunks in the order the reads come, one arena per molecule stream.
///
/// Why not a buffer per read: an object per read cost an allocation, a free, a retain and a release, and
/// the release of a finished group walked every template to free its buffers (~1.2 G of ~12.6 G
/// instructions at ~21,300× every EGFR target, branch ar2). A pool of freed buffers (branch sp1) removed
/// the allocations but handed them out scattered, and the run became slower: a group reads its reads back
/// in about the order they came, which is the order an arena lays them out in.
///
/// A chunk is reused once every read cut from it has been released; reads come and go in about position
/// order, so few chunks are live at once (about the reads held, plus one chunk). A read larger than a
/// chunk gets a chunk of its own, freed once that read is released.
///
/// Pointers handed out stay valid until the arena is released: chunks never move, and their memory is
/// freed only by `trim` (no read live) or `deinit`. Used by one stream, on one thread.
final class UMIReadArena {
    /// Bytes in a chunk: ~330 reads of 100 bases, so that a chunk is freed about as soon as its reads' groups finish.
    static let chunkBytes = 1 << 16

    /// A read's bytes: where they are and the chunk they are counted against.
    struct Bytes {
        let pointer: UnsafeMutablePointer<UInt8>
        let chunk: Int32
    }

    /// Each chunk's memory; nil once a large chunk (below) is freed, its index never handed out again.
    @exclusivity(unchecked) private var chunks: [UnsafeMutablePointer<UInt8>?] = []
    /// Reads cut from each chunk and not yet released.
    @exclusivity(unchecked) private var live: [Int32] = []
    /// Chunks of `chunkBytes` with no read live, other than `current`.
    @exclusivity(unchecked) private var spare: [Int32] = []
    /// Chunks of another size (one read each), which are freed, not reused, when their read is released.
    @exclusivity(unchecked) private var large: Set<Int32> = []
    /// The chunk reads are cut from (−1: none yet), and its first byte not handed out.
    @exclusivity(unchecked) private var current: Int32 = -1
    @exclusivity(unchecked) private var used = 0

    init() {}

    deinit {
        for p in chunks { p?.deallocate() }
    }

    /// `count` bytes for one read: the first half slot 6 (not covered), the second half quality 0, as a new read holds.
    func allocate(count: Int) -> Bytes {
        let n = max(0, count)
        let bytes: Bytes
        if n > Self.chunkBytes {
            bytes = Bytes(pointer: .allocate(capacity: n), chunk: Int32(truncatingIfNeeded: chunks.count))
            chunks.append(bytes.pointer)
            live.append(1)
            large.insert(bytes.chunk)
        } else {
            if current < 0 || used + n > Self.chunkBytes { startChunk() }
            let c = Int(current)
            // `current` is a chunk of `chunkBytes` (`startChunk`), never freed while current.
            guard let base = chunks[c] else { preconditionFailure("UMIReadArena: current chunk \(c) was freed") }
            bytes = Bytes(pointer: base + used, chunk: current)
            live[c] &+= 1
            used &+= n
        }
        bytes.pointer.initialize(repeating: 6, count: n / 2)
        (bytes.pointer + n / 2).initialize(repeating: 0, count: n - n / 2)
        return bytes
    }

    /// A read's bytes are no longer used: its chunk is reused (or freed, if it was the read's own) once none of its reads is live.
    func release(_ bytes: Bytes) {
        let c = Int(bytes.chunk)
        live[c] &-= 1
        guard live[c] == 0, bytes.chunk != current else { return }
        if large.remove(bytes.chunk) != nil {
            chunks[c]?.deallocate()
            chunks[c] = nil
        } else {
            spare.append(bytes.chunk)
        }
    }

    /// Reads live, over all chunks (for tests and `trim`'s check).
    var liveReads: Int { live.reduce(0) { $0 + Int($1) } }

    /// Frees every chunk's memory when no read is live (a stream that gets no more reads), so that memory
    /// held follows the reads held at once, not the longest stream's peak. Returns false, freeing nothing, when reads are live.
    @discardableResult
    func trim() -> Bool {
        guard liveReads == 0 else { return false }
        for p in chunks { p?.deallocate() }
        chunks = []
        live = []
        spare = []
        large = []
        current = -1
        used = 0
        return true
    }

    /// A spare chunk, or a new one, becomes `current`; the chunk it replaces is spare at once if none of its reads is live.
    private func startChunk() {
        if current >= 0 && live[Int(current)] == 0 { spare.append(current) }
        if let s = spare.popLast() {
            current = s
        } else {
            current = Int32(truncatingIfNeeded: chunks.count)
            chunks.append(.allocate(capacity: Self.chunkBytes))
            live.append(0)
        }
        used = 0
    }
}
