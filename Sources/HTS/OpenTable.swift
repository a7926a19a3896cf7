import CHTSlib

/// A value of an `OpenTable`, with one value set aside to mark a free entry (never stored).
protocol OpenTableValue {
    static var free: Self { get }
    var isFree: Bool { get }
}

/// A key of an `OpenTable`: mixed to 64 bits (the high bits of that times 2^64/φ pick its home bucket), with a
/// placeholder for the key field of free entries (never compared: the value marks an entry free).
protocol OpenTableKey: Equatable {
    static var placeholder: Self { get }
    var mixed: UInt64 { get }
}

/// A read-name key (`AlignmentFile.mateKey`) is already a mixed 64-bit hash.
extension UInt64: OpenTableKey {
    static var placeholder: UInt64 { 0 }
    var mixed: UInt64 { self }
}

/// Values by key: open addressing with linear probing and backward-shift deletion, so a look-up is a mix, a
/// multiply, a shift and usually one probe of one array whose entries hold key and value together, with no
/// `Hasher`. `UMIGroupWindow`'s held templates by read name (`UMINameTable`: its `[UInt64: (Key, Int)]`
/// dictionary's look-ups, insertions and removals were ~3% of a UMI run at ~20,800x, branch mc1) and its groups'
/// slots by key (`UMIGroupKeyTable`: SipHash of the key ~230 M instructions over every EGFR target at ~21,300x,
/// branch ug1), and `SpanTally`'s first mates waiting for their second (`MateEndTable`: the `[MateKey: Int]`
/// dictionary's look-ups and removals ~4% of the wall there, branch rt1). `NameTableTests` and
/// `UMIGroupKeyTableTests` check them against `Dictionary` on random operation sequences.
struct OpenTable<Key: OpenTableKey, Value: OpenTableValue> {
    private struct Entry {
        var name = Key.placeholder
        var value = Value.free
    }

    private var entries: [Entry]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    /// Room for `capacity` entries at first (a power of two; it doubles at half full).
    init(capacity: Int = 64) {
        var size = 2
        while size < capacity { size <<= 1 }
        entries = Array(repeating: Entry(), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    var isEmpty: Bool { count == 0 }

    /// The home bucket: Fibonacci hashing (the high bits of the mixed key × 2^64/φ), so keys differing in few bits spread.
    @inline(__always)
    private func home(_ name: Key) -> Int { Int(truncatingIfNeeded: (name.mixed &* 0x9E37_79B9_7F4A_7C15) &>> shift) }

    /// Asks the processor to fetch `name`'s home entry: a look-up of a table this large mostly misses the cache
    /// (it waits for memory), and the caller has other work to do before it looks `name` up.
    @inline(__always)
    func prefetch(_ name: Key) {
        let i = home(name)
        entries.withUnsafeBufferPointer { e in g2t_prefetch(e.baseAddress.map { UnsafeRawPointer($0 + i) }) }
    }

    @inline(__always)
    func find(_ name: Key) -> Value? {
        var i = home(name)
        while true {
            let e = entries[i]
            if e.value.isFree { return nil }
            if e.name == name { return e.value }
            i = (i &+ 1) & mask
        }
    }

    /// Sets `name`'s value (replacing any); the value it replaced, or nil.
    @discardableResult
    mutating func set(_ name: Key, _ value: Value) -> Value? {
        if 2 * (count + 1) > entries.count { grow() }
        var i = home(name)
        while true {
            if entries[i].value.isFree {
                entries[i] = Entry(name: name, value: value)
                count += 1
                return nil
            }
            if entries[i].name == name {
                let old = entries[i].value
                entries[i].value = value
                return old
            }
            i = (i &+ 1) & mask
        }
    }

    /// Removes `name` if held, returning its value; later entries of its probe run shift back so that no
    /// look-up stops early.
    @discardableResult
    mutating func remove(_ name: Key) -> Value? {
        var i = home(name)
        while true {
            if entries[i].value.isFree { return nil }
            if entries[i].name == name { break }
            i = (i &+ 1) & mask
        }
        let removed = entries[i].value
        count -= 1
        var hole = i
        var j = i
        while true {
            j = (j &+ 1) & mask
            if entries[j].value.isFree { break }
            let h = home(entries[j].name)
            // Entry j may fill the hole unless its home lies cyclically in (hole, j].
            let stays = hole <= j ? (h > hole && h <= j) : (h > hole || h <= j)
            if stays { continue }
            entries[hole] = entries[j]
            hole = j
        }
        entries[hole] = Entry()
        return removed
    }

    private mutating func grow() {
        let old = entries
        let size = old.count * 2
        entries = Array(repeating: Entry(), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        count = 0
        for e in old where !e.value.isFree { set(e.name, e.value) }
    }
}

/// Where `UMIGroupWindow` holds a template: its group's slot in the window and its index in the group.
struct UMITemplatePlace: OpenTableValue, Equatable {
    var slot: Int32
    var index: Int32

    /// Slot −1: a free entry.
    static var free: Self { .init(slot: -1, index: 0) }
    var isFree: Bool { slot < 0 }
}

/// Values by read-name key (`AlignmentFile.mateKey`).
typealias NameTable<Value: OpenTableValue> = OpenTable<UInt64, Value>

/// The held templates of `UMIGroupWindow` by read-name key.
typealias UMINameTable = NameTable<UMITemplatePlace>

extension UMINameTable {
    typealias Place = UMITemplatePlace
}

/// A first mate's end (`bam_endpos`) while `SpanTally` waits for its second mate: `Int.min` marks a free entry.
struct MateEnd: OpenTableValue, Equatable {
    var end: Int

    static var free: Self { .init(end: .min) }
    var isFree: Bool { end == .min }
}

/// `SpanTally`'s first mates waiting for their second, by read-name key.
typealias MateEndTable = NameTable<MateEnd>
