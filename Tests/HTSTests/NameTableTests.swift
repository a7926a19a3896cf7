@testable import HTS
import Testing
import TestSupport

/// `NameTable` (branch mc1, generic since rt1): `UMINameTable`, the held templates' places by name in
/// `UMIGroupWindow`, and `MateEndTable`, `SpanTally`'s waiting first mates' ends, must answer as a `Dictionary`
/// does after any sequence of insertions, replacements and removals (the backward shift of a removal must never
/// cut a probe run), including what `set` replaced and what `remove` removed.
@Suite struct NameTableTests {
    /// Random operations on a pool of names small enough that names come back after removal, and long
    /// enough for the table to grow several times and run at up to half full.
    static func check<V: OpenTableValue & Equatable>(seed: UInt64, value: (inout SplitMix64, Int) -> V) {
        var rng = SplitMix64(seed: 0x6e61_6d65 &+ seed)
        var table = NameTable<V>()
        var reference: [UInt64: V] = [:]
        // Half the pool random 64-bit names, half small consecutive integers (names differing in few bits).
        let pool = (0..<3_000).map { i in i % 2 == 0 ? rng.next() : UInt64(i) }
        var removals = 0
        for step in 0..<200_000 {
            let name = pool[Int.random(in: 0..<(step < 100_000 ? pool.count : pool.count / 3), using: &rng)]
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5:
                let v = value(&rng, step)
                #expect(table.set(name, v) == reference.updateValue(v, forKey: name))
            case 5..<8:
                let removed = reference.removeValue(forKey: name)
                #expect(table.remove(name) == removed)
                if removed != nil { removals += 1 }
            default:
                #expect(table.find(name) == reference[name])
            }
            #expect(table.count == reference.count && table.isEmpty == reference.isEmpty)
        }
        for name in pool { #expect(table.find(name) == reference[name]) }
        #expect(removals > 10_000 && reference.count > 100)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func placesEqualDictionary(seed: UInt64) {
        Self.check(seed: seed) { rng, step in UMINameTable.Place(slot: Int32.random(in: 0..<1_000, using: &rng), index: Int32(step % 50)) }
    }

    /// Mate ends as `SpanTally` stores them: any position but `Int.min` (the free mark), 0 and negatives included.
    @Test(arguments: [UInt64(4), 5])
    func mateEndsEqualDictionary(seed: UInt64) {
        Self.check(seed: seed) { rng, step in MateEnd(end: step % 7 == 0 ? Int.random(in: -5...0, using: &rng) : Int.random(in: 0..<300_000_000, using: &rng)) }
    }
}
