/// Checking a UMI tag value's bytes (`UMI.problem(in:)`): every read's tag, so eight bytes at a time where it is
/// clean, byte by byte where it is not (which also says why).
extension UMI {
    /// Why a tag value is not a usable UMI (such reads are left out and counted, never silently).
    package enum Problem: String, Error, Sendable, Hashable, CaseIterable {
        case empty = "empty UMI"
        case badCharacter = "characters other than A, C, G, T, N and one '-'"
        case nRich = "too many N bases"
        case wrongLength = "length differs from the run's UMI length"
    }

    /// `parse` of a tag value's bytes (a read's aux data, no String made): what is wrong with it, or nil.
    /// The bytes `String(cString:)` would repair (invalid UTF-8) are non-ASCII, refused here as there.
    /// A tag that `isClean` passes needs no byte-by-byte look (nearly every read's).
    package static func problem(in raw: UnsafeBufferPointer<UInt8>, maxN: Int) -> Problem? {
        isClean(raw, maxN: maxN) ? nil : check(raw, maxN: maxN).problem
    }

    /// `problem(in:)` by the byte-by-byte check alone: the reference `isClean` is tested against.
    static func problemByteByByte(in raw: UnsafeBufferPointer<UInt8>, maxN: Int) -> Problem? {
        check(raw, maxN: maxN).problem
    }

    /// True only when `check` finds nothing wrong: every byte A, C, G, T or N (either case) or '-', at most one
    /// '-' and not first or last, at most `maxN` N. Eight bytes at a time (SWAR, each byte's equality with a
    /// letter found exactly by `zeroBytes`): the table look-up per byte was ~210 instructions a 13-byte tag,
    /// ~300 M over every EGFR target at ~21,300x (branch ug1). False sends the tag to `check`, which says why.
    @inline(__always)
    static func isClean(_ raw: UnsafeBufferPointer<UInt8>, maxN: Int) -> Bool {
        let count = raw.count
        guard count > 0, let p = raw.baseAddress, p[0] != UInt8(ascii: "-"), p[count &- 1] != UInt8(ascii: "-") else { return false }
        var n = 0, dashes = 0
        var i = 0
        while i &+ 8 <= count {
            let w = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            guard wordIsClean(w, valid: highBits, n: &n, dashes: &dashes) else { return false }
            i &+= 8
        }
        let rest = count &- i
        if rest > 0 {
            // The last `rest` bytes in the low end of a word, zero above (outside `valid`).
            var w: UInt64 = 0
            if count >= 8 {
                w = UInt64(littleEndian: UnsafeRawPointer(p + (count &- 8)).loadUnaligned(as: UInt64.self)) &>> UInt64(8 &* (8 &- rest))
            } else {
                for k in 0..<rest { w |= UInt64(p[k]) &<< UInt64(8 &* k) }
            }
            let valid = highBits & ((1 &<< UInt64(8 &* rest)) &- 1)
            guard wordIsClean(w, valid: valid, n: &n, dashes: &dashes) else { return false }
        }
        return dashes <= 1 && n <= maxN
    }

    /// 0x80 in each byte.
    @inline(__always)
    private static var highBits: UInt64 { 0x8080_8080_8080_8080 }

    /// Whether every byte of `w` that `valid` marks (0x80) is a base letter or '-'; adds its N and '-' bytes.
    @inline(__always)
    private static func wordIsClean(_ w: UInt64, valid: UInt64, n: inout Int, dashes: inout Int) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let upper = w & (0xDF &* ones)  // only a and A give A, and so on: bit 5 cleared, no other
        let base = zeroBytes(upper ^ (0x41 &* ones)) | zeroBytes(upper ^ (0x43 &* ones))
            | zeroBytes(upper ^ (0x47 &* ones)) | zeroBytes(upper ^ (0x54 &* ones))
        let nBytes = zeroBytes(upper ^ (0x4E &* ones)) & valid
        let dashBytes = zeroBytes(w ^ (0x2D &* ones)) & valid
        guard (base | nBytes | dashBytes) & valid == valid else { return false }
        n &+= markedBytes(nBytes)
        dashes &+= markedBytes(dashBytes)
        return true
    }

    /// The bytes of `m` holding 0x80 (and no other bits): their high bits moved down and summed into the top byte
    /// by one multiplication; baseline x86-64 has no popcount instruction (`nonzeroBitCount` is ~15 instructions).
    @inline(__always)
    private static func markedBytes(_ m: UInt64) -> Int {
        Int(truncatingIfNeeded: ((m &>> 7) &* 0x0101_0101_0101_0101) &>> 56)
    }

    /// 0x80 in each byte of `x` that is zero, and nowhere else (no borrow from one byte into the next).
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// One pass over the bytes, once per read, with no allocation: the String split and uppercasing
    /// were 6% of a UMI sample's calling. Lower-case ASCII is read as upper case (`lower`: some was);
    /// any other byte outside ACGTN (non-ASCII included) is bad. Each byte's kind from one table
    /// look-up (`byteKind`), where five comparisons and a case test per byte were ~3% of a UMI run; and
    /// no branch per byte (branch pr1: the per-part bookkeeping at each '-' was ~250 instructions a
    /// 13-byte duplex UMI, ~25 M at ~20,800x). A part is empty exactly when a '-' comes first, last or
    /// after another '-' (or there are no bytes): the kind's dash bit of a byte and of the one before it.
    @inline(__always)
    static func check<Bytes: Sequence<UInt8>>(_ raw: Bytes, maxN: Int) -> (problem: Problem?, lower: Bool) {
        byteKind.withUnsafeBufferPointer { kinds in
            var seen: UInt8 = 0  // the kinds' bits met, ORed (a '-' adds only `Kind.dash`)
            var n = 0, dashes = 0
            var previous = Kind.dash  // as if a '-' came before the first byte: a leading '-' ends an empty part
            var adjacent: UInt8 = 0  // `Kind.dash` once a '-' follows a '-' (or the start)
            for b in raw {
                let k = kinds[Int(b)]
                seen |= k
                n &+= Int(k & Kind.n)
                dashes &+= Int(k &>> 3)  // `Kind.dash` is the highest bit a kind holds
                adjacent |= k & previous
                previous = k
            }
            adjacent |= previous & Kind.dash  // a trailing '-', or no bytes at all
            let lower = seen & Kind.lower != 0
            guard adjacent & Kind.dash == 0 else { return (.empty, lower) }
            guard dashes <= 1, seen & Kind.bad == 0 else { return (.badCharacter, lower) }
            guard n <= maxN else { return (.nRich, lower) }
            return (nil, lower)
        }
    }

    /// Bits of a UMI byte's kind (`byteKind`).
    private enum Kind {
        static let n: UInt8 = 1
        static let lower: UInt8 = 2
        static let bad: UInt8 = 4
        static let dash: UInt8 = 8
    }

    /// Per byte: 0 for A, C, G, T; `Kind.n` for N; `Kind.lower` added for lower case; `Kind.dash` for '-'; else `Kind.bad`.
    private static let byteKind: [UInt8] = (0..<256).map { b -> UInt8 in
        let byte = UInt8(b)
        if byte == UInt8(ascii: "-") { return Kind.dash }
        let upper = (97...122).contains(byte) ? byte - 32 : byte
        let lower = upper != byte ? Kind.lower : 0
        guard isBase(upper) else { return Kind.bad | lower }
        return (upper == UInt8(ascii: "N") ? Kind.n : 0) | lower
    }

    private static func isBase(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "A") || b == UInt8(ascii: "C") || b == UInt8(ascii: "G") || b == UInt8(ascii: "T") || b == UInt8(ascii: "N")
    }
}
