/// `UMIGroupWindow`'s slots by group key: an `OpenTable` (open addressing, as the name tables), the key mixed by
/// three multiplications. The `[Key: Int]` dictionary hashed each key with SipHash (`Hasher`) on every template's
/// first read and every group's opening and closing: ~230 M instructions in the molecule counter and ~240 M in the
/// phasing pass over every EGFR target at ~21,300x (branch ug1). `UMIGroupKeyTableTests` checks it against
/// `Dictionary` on random operation sequences.
struct UMIGroupKeyTable {
    /// A group's slot in the window; −1 marks a free entry.
    struct Slot: OpenTableValue {
        var slot: Int32
        static var free: Self { .init(slot: -1) }
        var isFree: Bool { slot < 0 }
    }

    private var table = OpenTable<UMIGroupKey, Slot>(capacity: 16)

    var count: Int { table.count }

    @inline(__always)
    func find(_ key: UMIGroupKey) -> Int? { table.find(key).map { Int($0.slot) } }

    /// Sets `key`'s slot (replacing any).
    mutating func set(_ key: UMIGroupKey, _ slot: Int) { table.set(key, Slot(slot: Int32(truncatingIfNeeded: slot))) }

    /// Removes `key` if held.
    mutating func remove(_ key: UMIGroupKey) { table.remove(key) }
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

extension UMIGroupKey: OpenTableKey {
    static var placeholder: Self { .init(start: 0, end: 0, strand: nil, umiLength: 0) }

    /// The fields mixed: ends by two odd multipliers, UMI length and strand in the low bits, then folded.
    var mixed: UInt64 {
        let s: UInt64 = strand.map { $0 ? 1 : 2 } ?? 0
        let h = UInt64(bitPattern: Int64(start)) &* 0xBF58_476D_1CE4_E5B9
            ^ UInt64(bitPattern: Int64(end)) &* 0x94D0_49BB_1331_11EB
            ^ (UInt64(bitPattern: Int64(umiLength)) &<< 2 | s)
        return h ^ h &>> 31
    }
}
