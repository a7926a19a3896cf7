@testable import HTS
import Testing
import TestSupport

/// `UMINameTable` (branch mc1), the held templates' places by name in `UMIGroupWindow`, must answer as a
/// `Dictionary` does after any sequence of insertions, replacements and removals (the backward shift of
/// a removal must never cut a probe run).
@Suite struct UMINameTableTests {
    /// Random operations on a pool of names small enough that names come back after removal, and long
    /// enough for the table to grow several times and run at up to half full.
    @Test(arguments: [UInt64(1), 2, 3])
    func equalsDictionary(seed: UInt64) {
        var rng = SplitMix64(seed: 0x6e61_6d65 &+ seed)
        var table = UMINameTable()
        var reference: [UInt64: UMINameTable.Place] = [:]
        // Half the pool random 64-bit names, half small consecutive integers (names differing in few bits).
        let pool = (0..<3_000).map { i in i % 2 == 0 ? rng.next() : UInt64(i) }
        var removals = 0
        for step in 0..<200_000 {
            let name = pool[Int.random(in: 0..<(step < 100_000 ? pool.count : pool.count / 3), using: &rng)]
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5:
                let place = UMINameTable.Place(slot: Int32.random(in: 0..<1_000, using: &rng), index: Int32(step % 50))
                table.set(name, place)
                reference[name] = place
            case 5..<8:
                table.remove(name)
                if reference.removeValue(forKey: name) != nil { removals += 1 }
            default:
                #expect(table.find(name) == reference[name])
            }
            #expect(table.count == reference.count)
        }
        for name in pool { #expect(table.find(name) == reference[name]) }
        #expect(removals > 10_000 && reference.count > 100)
    }
}
