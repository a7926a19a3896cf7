/// A unique molecular identifier as a read carries it in its SAM tag: one sequence (simplex) or
/// two joined by '-' (duplex, fgbio/UMI-tools "paired" style `AAAA-CCCC`).
///
/// Held as 3-bit base codes in one integer, not as Strings: parsing two Strings per template, hashing
/// and comparing them in the family grouping were ~1,000 instructions a template at ~21,300x (branch ug1).
/// The Strings are made only where a UMI is written out (`description`, `first`, `second`).
package struct UMI: Sendable, Hashable, CustomStringConvertible {
    /// The bases of both halves one after the other, base i of n at bits 3·(n − 1 − i): codes in the
    /// letters' byte order (A 0, C 1, G 2, N 3, T 4), so that UMIs of one shape compare as their names do.
    private var codes: UInt128
    private var firstCount: UInt8
    private var secondCount: UInt8
    private var duplex: Bool
    /// A UMI `codes` cannot hold (more than `packedLimit` bases, or a letter other than A, C, G, T, N made by
    /// `init(first:second:)`): its halves as given, `codes` and the counts then zero. Never set for one that fits,
    /// so that each UMI has one form and equality can compare the fields.
    private var text: Text?

    private final class Text: Sendable {
        let first: String
        let second: String?
        init(first: String, second: String?) { self.first = first; self.second = second }
    }

    /// Bases `codes` holds: 42 three-bit codes in 128 bits (duplex 2 × 21; longer UMIs keep their Strings).
    static let packedLimit = 42

    package init(first: String, second: String? = nil) {
        let a = Array(first.utf8), b = Array((second ?? "").utf8)
        if a.count + b.count <= Self.packedLimit, (a + b).allSatisfy(Self.isUpperBase) {
            self.init(packing: a + b, firstCount: a.count, duplex: second != nil)
        } else {
            self.init(text: Text(first: first, second: second))
        }
    }

    private init(text: Text) {
        codes = 0
        firstCount = 0
        secondCount = 0
        duplex = text.second != nil
        self.text = text
    }

    /// `bases` (upper-case A, C, G, T, N; at most `packedLimit`), the first `firstCount` the first half.
    private init<Bases: Collection<UInt8>>(packing bases: Bases, firstCount: Int, duplex: Bool) {
        var c: UInt128 = 0
        for b in bases { c = c &<< 3 | UInt128(Self.code(b)) }
        codes = c
        self.firstCount = UInt8(truncatingIfNeeded: firstCount)
        secondCount = UInt8(truncatingIfNeeded: bases.count - firstCount)
        self.duplex = duplex
        text = nil
    }

    /// Upper-case A, C, G, T or N.
    private static func isUpperBase(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "A") || b == UInt8(ascii: "C") || b == UInt8(ascii: "G") || b == UInt8(ascii: "T") || b == UInt8(ascii: "N")
    }

    /// The code of a byte that is A, C, G, T or N in either case: bits 1–3 of the upper-case letter tell them apart
    /// (A 0, C 1, T 2, G 3, N 7), a nibble of `codeOfIndex` each, with no table in memory.
    @inline(__always)
    private static func code(_ b: UInt8) -> UInt8 {
        let index = (b & 0xDF) &>> 1 & 7
        return UInt8(truncatingIfNeeded: codeOfIndex &>> (UInt32(index) &* 4)) & 0xF
    }

    /// Nibble i: the code of the letter whose bits 1–3 are i (0 A → 0, 1 C → 1, 2 T → 4, 3 G → 2, 7 N → 3).
    @inline(__always)
    private static var codeOfIndex: UInt32 { 0x3000_2410 }

    /// The letters of codes 0–4.
    private static func letter(_ code: UInt128) -> UInt8 {
        switch code {
        case 0: UInt8(ascii: "A")
        case 1: UInt8(ascii: "C")
        case 2: UInt8(ascii: "G")
        case 3: UInt8(ascii: "N")
        default: UInt8(ascii: "T")
        }
    }

    /// Upper-case halves; `second` is nil for a simplex UMI.
    package var first: String {
        if let text { return text.first }
        return Self.letters(codes &>> (3 &* UInt128(secondCount)), count: Int(firstCount))
    }

    package var second: String? {
        if let text { return text.second }
        guard duplex else { return nil }
        return Self.letters(codes & Self.lowMask(Int(secondCount)), count: Int(secondCount))
    }

    /// The low `bases` codes' bits set.
    @inline(__always)
    private static func lowMask(_ bases: Int) -> UInt128 { bases >= packedLimit ? ~0 : (1 &<< UInt128(3 &* bases)) &- 1 }

    private static func letters(_ codes: UInt128, count: Int) -> String {
        String(unsafeUninitializedCapacity: count) { buf in
            for i in 0..<count { buf[i] = letter(codes &>> UInt128(3 &* (count &- 1 &- i)) & 7) }
            return count
        }
    }

    package var isDuplex: Bool { duplex }
    /// Bases without the separator.
    package var length: Int { text.map { $0.first.utf8.count + ($0.second?.utf8.count ?? 0) } ?? Int(firstCount) + Int(secondCount) }

    package var description: String {
        guard text == nil else { return second.map { "\(first)-\($0)" } ?? first }
        let f = Int(firstCount), s = Int(secondCount)
        let count = duplex ? f + 1 + s : f
        return String(unsafeUninitializedCapacity: count) { buf in
            var k = 0
            for i in 0..<(f + s) {
                if duplex && i == f {
                    buf[k] = UInt8(ascii: "-")
                    k += 1
                }
                buf[k] = Self.letter(codes &>> UInt128(3 &* (f &+ s &- 1 &- i)) & 7)
                k += 1
            }
            if duplex && s == 0 { buf[k] = UInt8(ascii: "-"); k += 1 }
            return k
        }
    }

    package static func == (a: UMI, b: UMI) -> Bool {
        if a.text == nil && b.text == nil {
            return a.codes == b.codes && a.firstCount == b.firstCount && a.secondCount == b.secondCount && a.duplex == b.duplex
        }
        return a.first == b.first && a.second == b.second
    }

    package func hash(into hasher: inout Hasher) {
        if let text {
            hasher.combine(text.first)
            hasher.combine(text.second)
        } else {
            hasher.combine(codes)
            hasher.combine(Int(firstCount) &<< 16 | Int(secondCount) &<< 1 | (duplex ? 1 : 0))
        }
    }

    /// `a.description < b.description`, comparing the codes when the UMIs have one shape (the '-' then
    /// stands at one place in both names, and the codes follow the letters' order).
    @inline(__always)
    package static func namePrecedes(_ a: UMI, _ b: UMI) -> Bool {
        if a.text == nil && b.text == nil && a.firstCount == b.firstCount && a.secondCount == b.secondCount && a.duplex == b.duplex {
            return a.codes < b.codes
        }
        return a.description < b.description
    }

    /// Why a tag value is not a usable UMI (such reads are left out and counted, never silently).
    package enum Problem: String, Error, Sendable, Hashable, CaseIterable {
        case empty = "empty UMI"
        case badCharacter = "characters other than A, C, G, T, N and one '-'"
        case nRich = "too many N bases"
        case wrongLength = "length differs from the run's UMI length"
    }

    /// Parses a tag value; `maxN` N bases are tolerated (one N is a single miscalled base, which the
    /// one-mismatch clustering absorbs; more make the identity a guess).
    package static func parse(_ raw: String, maxN: Int) -> Result<UMI, Problem> {
        var raw = raw
        return raw.withUTF8 { parse(bytes: $0, maxN: maxN) }
    }

    /// `parse` of a tag value's bytes (a read's aux data), without making the tag's String.
    package static func parse(bytes raw: UnsafeBufferPointer<UInt8>, maxN: Int) -> Result<UMI, Problem> {
        if let problem = check(raw, maxN: maxN).problem { return .failure(problem) }
        return .success(parse(checked: raw))
    }

    /// `parse(bytes:)` of bytes `problem(in:)` found nothing wrong with: the same UMI without checking them
    /// again (the molecule counter checks every read's tag, then parses a template's first: branch mc1).
    /// Such bytes are A, C, G, T, N (either case) and at most one '-'; lower case is read as upper case.
    package static func parse(checked raw: UnsafeBufferPointer<UInt8>) -> UMI {
        var dash = -1
        // The codes in a word of type W, the dash's index noted (specialised for each width).
        @inline(__always) func pack<W: FixedWidthInteger & UnsignedInteger>(_: W.Type) -> W {
            var w: W = 0
            for i in raw.indices {
                let b = raw[i]
                if b == UInt8(ascii: "-") {
                    dash = i
                } else {
                    w = w &<< 3 | W(code(b))
                }
            }
            return w
        }
        // At most 21 bytes, so 21 bases: their codes fit one 64-bit word, shifted for less than the 128-bit one.
        let c: UInt128 = raw.count <= 21 ? UInt128(pack(UInt64.self)) : pack(UInt128.self)
        let bases = dash < 0 ? raw.count : raw.count - 1
        guard bases <= packedLimit else { return textUMI(raw) }
        var u = UMI(codes: c, firstCount: dash < 0 ? bases : dash, duplex: dash >= 0)
        u.secondCount = UInt8(truncatingIfNeeded: dash < 0 ? 0 : bases - dash)
        return u
    }

    private init(codes: UInt128, firstCount: Int, duplex: Bool) {
        self.codes = codes
        self.firstCount = UInt8(truncatingIfNeeded: firstCount)
        secondCount = 0
        self.duplex = duplex
        text = nil
    }

    /// A checked tag value too long for `codes`: its upper-cased halves as Strings.
    private static func textUMI(_ raw: UnsafeBufferPointer<UInt8>) -> UMI {
        func text(_ part: UnsafeBufferPointer<UInt8>.SubSequence) -> String {
            String(decoding: part.lazy.map { (97...122).contains($0) ? $0 - 32 : $0 }, as: UTF8.self)
        }
        guard let dash = raw.firstIndex(of: UInt8(ascii: "-")) else { return UMI(first: text(raw[...])) }
        return UMI(first: text(raw[..<dash]), second: text(raw[(dash + 1)...]))
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
    private static func check<Bytes: Sequence<UInt8>>(_ raw: Bytes, maxN: Int) -> (problem: Problem?, lower: Bool) {
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

    /// The UMI as the top strand of its molecule reads it: a duplex read pair from the opposite
    /// strand carries the halves swapped (`CCCC-AAAA`), so they are swapped back (fgbio
    /// GroupReadsByUmi, strategy "paired").
    package func oriented(topStrand: Bool) -> UMI {
        guard duplex, !topStrand else { return self }
        if let text { return UMI(first: text.second ?? "", second: text.first) }
        let s = UInt128(3 &* Int(secondCount))
        var u = self
        u.codes = (codes & Self.lowMask(Int(secondCount))) &<< (3 &* UInt128(firstCount)) | codes &>> s
        u.firstCount = secondCount
        u.secondCount = firstCount
        return u
    }

    /// Mismatches between two UMIs of equal shape; nil when lengths or duplex-ness differ.
    package func hamming(_ o: UMI) -> Int? {
        if text == nil && o.text == nil {
            guard firstCount == o.firstCount, secondCount == o.secondCount, duplex == o.duplex else { return nil }
            return Self.differingCodes(codes ^ o.codes)
        }
        guard first.utf8.count == o.first.utf8.count, (second?.utf8.count ?? -1) == (o.second?.utf8.count ?? -1) else { return nil }
        func d(_ a: String, _ b: String) -> Int { zip(a.utf8, b.utf8).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) } }
        return d(first, o.first) + (second.map { d($0, o.second ?? "") } ?? 0)
    }

    /// The three-bit groups of `x` not zero: each group's bits ORed into its lowest, then counted.
    @inline(__always)
    private static func differingCodes(_ x: UInt128) -> Int {
        ((x | x &>> 1 | x &>> 2) & groupLowBits).nonzeroBitCount
    }

    /// Bits 0, 3, 6, …, 126: the lowest bit of each code.
    @inline(__always)
    private static var groupLowBits: UInt128 { UInt128(0x4924_9249_2492_4924) &<< 64 | UInt128(0x9249_2492_4924_9249) }
}

/// A two-character SAM tag name (`RX` by default), validated as the SAM specification requires.
package struct UMITag: Sendable, Hashable, CustomStringConvertible {
    package let name: String
    /// `name`'s two bytes, for `bam_aux_get` (`withCName`): passing the String made a C string per read
    /// (~2% of a UMI run's instructions).
    private let byte0: CChar, byte1: CChar
    package static let standard = UMITag(validated: "RX")

    private init(validated: String) {
        name = validated
        let u = Array(validated.utf8)
        byte0 = CChar(bitPattern: u[0])
        byte1 = CChar(bitPattern: u[1])
    }

    /// The name's two bytes (`AlignmentFile.scanAux` compares them with each aux field's tag).
    var bytes: (UInt8, UInt8) { (UInt8(bitPattern: byte0), UInt8(bitPattern: byte1)) }

    /// Runs `body` with the name as a NUL-terminated C string on the stack.
    @inline(__always)
    package func withCName<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
        var bytes: (CChar, CChar, CChar) = (byte0, byte1, 0)
        return withUnsafePointer(to: &bytes) { $0.withMemoryRebound(to: CChar.self, capacity: 3) { body($0) } }
    }

    /// nil unless `s` is a letter followed by a letter or digit (SAM v1 §1.5).
    package init?(_ s: String) {
        let u = Array(s.utf8)
        guard u.count == 2, (UInt8(ascii: "A")...UInt8(ascii: "z")).contains(u[0]), u[0].isLetterASCII,
              u[1].isLetterASCII || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(u[1]) else { return nil }
        self.init(validated: s)
    }

    package var description: String { name }
}

private extension UInt8 {
    var isLetterASCII: Bool { (65...90).contains(self) || (97...122).contains(self) }
}

extension ReadFilter {
    /// The duplicate flag (0x400): in UMI mode duplicates are members of their molecule's family.
    package static let duplicateFlag = UInt16(0x400)
}
