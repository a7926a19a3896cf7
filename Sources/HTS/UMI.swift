/// A unique molecular identifier as a read carries it in its SAM tag: one sequence (simplex) or
/// two joined by '-' (duplex, fgbio/UMI-tools "paired" style `AAAA-CCCC`).
package struct UMI: Sendable, Hashable, CustomStringConvertible {
    /// Upper-case halves; `second` is nil for a simplex UMI.
    package var first: String
    package var second: String?

    /// Why a tag value is not a usable UMI (such reads are left out and counted, never silently).
    package enum Problem: String, Error, Sendable, Hashable, CaseIterable {
        case empty = "empty UMI"
        case badCharacter = "characters other than A, C, G, T, N and one '-'"
        case nRich = "too many N bases"
        case wrongLength = "length differs from the run's UMI length"
    }

    package init(first: String, second: String? = nil) {
        self.first = first
        self.second = second
    }

    package var isDuplex: Bool { second != nil }
    /// Bases without the separator.
    package var length: Int { first.utf8.count + (second?.utf8.count ?? 0) }
    package var description: String { second.map { "\(first)-\($0)" } ?? first }

    /// Parses a tag value; `maxN` N bases are tolerated (one N is a single miscalled base, which the
    /// one-mismatch clustering absorbs; more make the identity a guess).
    package static func parse(_ raw: String, maxN: Int) -> Result<UMI, Problem> {
        let (problem, lower) = check(raw.utf8, maxN: maxN)
        if let problem { return .failure(problem) }
        let text = lower ? raw.uppercased() : raw  // ASCII only by now
        guard let dash = text.utf8.firstIndex(of: UInt8(ascii: "-")) else { return .success(UMI(first: text)) }
        return .success(UMI(first: String(text[..<dash]), second: String(text[text.index(after: dash)...])))
    }

    /// `parse` of a tag value's bytes (a read's aux data): the same UMI without making the tag's String
    /// first and splitting it (3,000 instructions a template at 20,000×, branch umi6). A usable UMI is
    /// ASCII, so its halves decoded from the upper-cased bytes are the Strings `parse` makes.
    package static func parse(bytes raw: UnsafeBufferPointer<UInt8>, maxN: Int) -> Result<UMI, Problem> {
        let (problem, lower) = check(raw, maxN: maxN)
        if let problem { return .failure(problem) }
        func text(_ part: UnsafeBufferPointer<UInt8>.SubSequence) -> String {
            lower ? String(decoding: part.lazy.map { (97...122).contains($0) ? $0 - 32 : $0 }, as: UTF8.self)
                  : String(decoding: part, as: UTF8.self)
        }
        guard let dash = raw.firstIndex(of: UInt8(ascii: "-")) else { return .success(UMI(first: text(raw[...]))) }
        return .success(UMI(first: text(raw[..<dash]), second: text(raw[(dash + 1)...])))
    }

    /// `parse(bytes:)` of bytes `problem(in:)` found nothing wrong with: the same UMI without checking them
    /// again (the molecule counter checks every read's tag, then parses a template's first: branch mc1).
    /// Such bytes are A, C, G, T, N (either case) and at most one '-', so lower case is any byte in a–z.
    package static func parse(checked raw: UnsafeBufferPointer<UInt8>) -> UMI {
        let lower = raw.contains { $0 >= 97 && $0 <= 122 }
        func text(_ part: UnsafeBufferPointer<UInt8>.SubSequence) -> String {
            lower ? String(decoding: part.lazy.map { (97...122).contains($0) ? $0 - 32 : $0 }, as: UTF8.self)
                  : String(decoding: part, as: UTF8.self)
        }
        guard let dash = raw.firstIndex(of: UInt8(ascii: "-")) else { return UMI(first: text(raw[...])) }
        return UMI(first: text(raw[..<dash]), second: text(raw[(dash + 1)...]))
    }

    /// `parse` of a tag value's bytes (a read's aux data, no String made): what is wrong with it, or nil.
    /// The bytes `String(cString:)` would repair (invalid UTF-8) are non-ASCII, refused here as there.
    package static func problem(in raw: UnsafeBufferPointer<UInt8>, maxN: Int) -> Problem? {
        check(raw, maxN: maxN).problem
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
        guard let s = second, !topStrand else { return self }
        return UMI(first: s, second: first)
    }

    /// Mismatches between two UMIs of equal shape; nil when lengths or duplex-ness differ.
    package func hamming(_ o: UMI) -> Int? {
        guard first.utf8.count == o.first.utf8.count, (second?.utf8.count ?? -1) == (o.second?.utf8.count ?? -1) else { return nil }
        func d(_ a: String, _ b: String) -> Int { zip(a.utf8, b.utf8).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) } }
        return d(first, o.first) + (second.map { d($0, o.second ?? "") } ?? 0)
    }
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
