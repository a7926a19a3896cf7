/// The held templates of `UMIGroupWindow` by read-name key (`AlignmentFile.mateKey`, already a mixed
/// 64-bit hash): open addressing with linear probing and backward-shift deletion, so a look-up is a
/// multiply, a shift and usually one probe, with no `Hasher` and no per-entry key of four words (the
/// `[UInt64: (Key, Int)]` dictionary's look-ups, insertions and removals were ~3% of a UMI run at
/// ~20,800x, branch mc1). `UMINameTableTests` checks it against `Dictionary` on random operation sequences.
struct UMINameTable {
    /// Where a template is held: its group's slot in the window and its index in the group.
    struct Place: Equatable {
        var slot: Int32
        var index: Int32
    }

    private struct Entry {
        var name: UInt64 = 0
        /// `slot` −1: the entry is free.
        var place = Place(slot: -1, index: 0)
    }

    private var entries: [Entry]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init() {
        entries = Array(repeating: Entry(), count: 64)
        mask = 63
        shift = 64 - 6
    }

    /// The home bucket: Fibonacci hashing (the high bits of name × 2^64/φ), so names differing in few bits spread.
    @inline(__always)
    private func home(_ name: UInt64) -> Int { Int(truncatingIfNeeded: (name &* 0x9E37_79B9_7F4A_7C15) &>> shift) }

    @inline(__always)
    func find(_ name: UInt64) -> Place? {
        var i = home(name)
        while true {
            let e = entries[i]
            if e.place.slot < 0 { return nil }
            if e.name == name { return e.place }
            i = (i &+ 1) & mask
        }
    }

    /// Sets `name`'s place (replacing any).
    mutating func set(_ name: UInt64, _ place: Place) {
        if 2 * (count + 1) > entries.count { grow() }
        var i = home(name)
        while true {
            if entries[i].place.slot < 0 {
                entries[i] = Entry(name: name, place: place)
                count += 1
                return
            }
            if entries[i].name == name {
                entries[i].place = place
                return
            }
            i = (i &+ 1) & mask
        }
    }

    /// Removes `name` if held; later entries of its probe run shift back so that no look-up stops early.
    mutating func remove(_ name: UInt64) {
        var i = home(name)
        while true {
            if entries[i].place.slot < 0 { return }
            if entries[i].name == name { break }
            i = (i &+ 1) & mask
        }
        count -= 1
        var hole = i
        var j = i
        while true {
            j = (j &+ 1) & mask
            if entries[j].place.slot < 0 { break }
            let h = home(entries[j].name)
            // Entry j may fill the hole unless its home lies cyclically in (hole, j].
            let stays = hole <= j ? (h > hole && h <= j) : (h > hole || h <= j)
            if stays { continue }
            entries[hole] = entries[j]
            hole = j
        }
        entries[hole] = Entry()
    }

    private mutating func grow() {
        let old = entries
        let size = old.count * 2
        entries = Array(repeating: Entry(), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for e in old where e.place.slot >= 0 { set(e.name, e.place) }
    }
}
