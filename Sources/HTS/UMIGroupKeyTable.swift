/// `UMIGroupWindow`'s slots by group key: open addressing with linear probing and backward-shift deletion
/// (as `UMINameTable`), the key mixed by three multiplications. The `[Key: Int]` dictionary hashed each key
/// with SipHash (`Hasher`) on every template's first read and every group's opening and closing: ~230 M
/// instructions in the molecule counter and ~240 M in the phasing pass over every EGFR target at ~21,300x
/// (branch ug1). `UMIGroupKeyTableTests` checks it against `Dictionary` on random operation sequences.
struct UMIGroupKeyTable {
    private struct Entry {
        var key = UMIGroupKey(start: 0, end: 0, strand: nil, umiLength: 0)
        /// −1: the entry is free.
        var slot: Int32 = -1
    }

    private var entries: [Entry]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init() {
        entries = Array(repeating: Entry(), count: 16)
        mask = 15
        shift = 64 - 4
    }

    /// The home bucket: the key's fields mixed, then Fibonacci hashing (the high bits of the product).
    @inline(__always)
    private func home(_ k: UMIGroupKey) -> Int {
        let strand: UInt64 = k.strand.map { $0 ? 1 : 2 } ?? 0
        let h = UInt64(bitPattern: Int64(k.start)) &* 0xBF58_476D_1CE4_E5B9
            ^ UInt64(bitPattern: Int64(k.end)) &* 0x94D0_49BB_1331_11EB
            ^ (UInt64(bitPattern: Int64(k.umiLength)) &<< 2 | strand)
        return Int(truncatingIfNeeded: ((h ^ h &>> 31) &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    @inline(__always)
    func find(_ key: UMIGroupKey) -> Int? {
        var i = home(key)
        while true {
            let e = entries[i]
            if e.slot < 0 { return nil }
            if e.key == key { return Int(e.slot) }
            i = (i &+ 1) & mask
        }
    }

    /// Sets `key`'s slot (replacing any).
    mutating func set(_ key: UMIGroupKey, _ slot: Int) {
        if 2 * (count + 1) > entries.count { grow() }
        var i = home(key)
        while true {
            if entries[i].slot < 0 {
                entries[i] = Entry(key: key, slot: Int32(truncatingIfNeeded: slot))
                count += 1
                return
            }
            if entries[i].key == key {
                entries[i].slot = Int32(truncatingIfNeeded: slot)
                return
            }
            i = (i &+ 1) & mask
        }
    }

    /// Removes `key` if held; later entries of its probe run shift back so that no look-up stops early.
    mutating func remove(_ key: UMIGroupKey) {
        var i = home(key)
        while true {
            if entries[i].slot < 0 { return }
            if entries[i].key == key { break }
            i = (i &+ 1) & mask
        }
        count -= 1
        var hole = i
        var j = i
        while true {
            j = (j &+ 1) & mask
            if entries[j].slot < 0 { break }
            let h = home(entries[j].key)
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
        for e in old where e.slot >= 0 { set(e.key, Int(e.slot)) }
    }
}

/// Read pairs that can form one family: same fragment ends (for simplex UMIs, same strand).
/// The UMI length is part of it: only UMIs of the region's usual length are counted, and which
/// length that is is known only at the end, so each length is counted apart.
struct UMIGroupKey: Hashable {
    var start: Int
    var end: Int
    var strand: Bool?
    var umiLength: Int
}
