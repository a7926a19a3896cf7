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
