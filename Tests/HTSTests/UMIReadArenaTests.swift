@testable import HTS
import Testing

/// The held reads' arena (branch ar2): every read gets bytes as a new read holds them (slots 6, qualities 0)
/// whatever an earlier read wrote there, no two live reads share a byte, chunks are reused only once all
/// their reads are released, and reads larger than a chunk get their own.
@Suite struct UMIReadArenaTests {
    /// Reads of random sizes (some larger than a chunk) come and go in a rough first-in-first-out order, as a
    /// stream's groups do; each read fills its bytes with a mark of its own, and every live read's bytes are
    /// checked untouched before it is released.
    @Test func liveReadsKeepTheirBytesAndNewOnesStartClean() {
        var rng = UMIFastPathTests.Mix(state: 2024)
        let arena = UMIReadArena()
        var held: [(bytes: UMIReadArena.Bytes, count: Int, mark: UInt8)] = []
        var large = 0, checked = 0
        for step in 0..<20_000 {
            let big = rng.below(500) == 0
            let count = big ? UMIReadArena.chunkBytes + 2 * rng.below(300) : 2 * rng.below(260)
            if big { large += 1 }
            let b = arena.allocate(count: count)
            // A new read's bytes: the first half not covered (slot 6), the second half quality 0.
            let fresh = UnsafeBufferPointer(start: b.pointer, count: count)
            #expect(fresh.prefix(count / 2).allSatisfy { $0 == 6 } && fresh.dropFirst(count / 2).allSatisfy { $0 == 0 }, "read \(step)")
            let mark = UInt8(truncatingIfNeeded: step % 200 + 1)
            b.pointer.update(repeating: mark, count: count)
            held.append((b, count, mark))
            // Release a few, mostly the oldest (groups finish in about position order), sometimes one from the middle.
            while held.count > 300 || (held.count > 1 && rng.below(3) == 0) {
                let k = rng.below(10) == 0 ? rng.below(held.count) : 0
                let r = held.remove(at: k)
                #expect(UnsafeBufferPointer(start: r.bytes.pointer, count: r.count).allSatisfy { $0 == r.mark }, "read \(step)")
                checked += 1
                arena.release(r.bytes)
            }
        }
        #expect(large > 10 && checked > 15_000)
        #expect(arena.liveReads == held.count)
        #expect(!arena.trim())  // reads still live: nothing freed
        for r in held {
            #expect(UnsafeBufferPointer(start: r.bytes.pointer, count: r.count).allSatisfy { $0 == r.mark })
            arena.release(r.bytes)
        }
        #expect(arena.liveReads == 0)
        #expect(arena.trim())
        // After a trim the arena starts again.
        let again = arena.allocate(count: 8)
        #expect(Array(UnsafeBufferPointer(start: again.pointer, count: 8)) == [6, 6, 6, 6, 0, 0, 0, 0])
        arena.release(again)
    }

    /// Chunks are reused: reads held a few at a time never need more than a few chunks, however many come.
    @Test func chunksAreReusedOnceTheirReadsAreReleased() {
        let arena = UMIReadArena()
        var held: [UMIReadArena.Bytes] = []
        var chunksSeen = Set<Int32>()
        for _ in 0..<100_000 {
            let b = arena.allocate(count: 200)
            chunksSeen.insert(b.chunk)
            held.append(b)
            if held.count > 400 { arena.release(held.removeFirst()) }
        }
        // 400 reads of 200 bytes span at most three 64 KiB chunks; one more while the oldest drains.
        #expect(chunksSeen.count <= 4)
        for b in held { arena.release(b) }
        #expect(arena.liveReads == 0)
    }
}
