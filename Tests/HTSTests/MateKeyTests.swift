import CHTSlib
@testable import HTS
import Testing
import TestSupport

/// The counting pass's mate key (`AlignmentFile.mateKey`, the name mixed eight bytes at a time):
/// equal names give equal keys and, on every record of the committed BAMs, unequal names unequal
/// keys, as the byte-at-a-time `fragmentKey` it replaced in the counting gives.
@Suite struct MateKeyTests {
    init() { HTSEnvironment.configure() }

    @Test(arguments: ["samples/demo-nsclc.bam", "samples/cn/cn-egfr-8.bam", "samples/cfdna/cfdna-t790m.bam"])
    func keysPartitionRecordsAsNamesDo(sample: String) throws {
        let f = try AlignmentFile(path: TestSupport.testData(sample))
        var nameOf: [UInt64: String] = [:], keyOf: [String: UInt64] = [:], oldKeyOf: [String: UInt64] = [:]
        var records = 0
        try f.forEachRecord(in: GenomicRegion(contig: "chr7", start: 0, end: 160_000_000)) { b in
            records += 1
            let name = String(cString: g2t_bam_get_qname(b))
            let key = AlignmentFile.mateKey(b)
            #expect(nameOf[key].map { $0 == name } ?? true, "\(name) and \(nameOf[key] ?? "") share a key")
            #expect(keyOf[name].map { $0 == key } ?? true, "\(name): two keys")
            nameOf[key] = name
            keyOf[name] = key
            oldKeyOf[name] = AlignmentFile.fragmentKey(b)
        }
        #expect(records > 1000)
        // Mates share names: fewer names than records, and as many keys as names (old keys too).
        #expect(keyOf.count < records && nameOf.count == keyOf.count && Set(oldKeyOf.values).count == keyOf.count)
    }

    /// Names of every length around the eight-byte steps and padding, differing in one byte anywhere.
    @Test func namesDifferingInOneByteGetDifferentKeys() throws {
        var seen: [UInt64: String] = [:]
        for length in 1...40 {
            for at in 0..<length {
                for c in ["A", "B", "0"] {
                    var name = Array(repeating: Character("x"), count: length)
                    name[at] = Character(c)
                    let s = String(name)
                    let key = try Self.key(of: s)
                    #expect(seen[key].map { $0 == s } ?? true, "\(s) and \(seen[key] ?? "")")
                    seen[key] = s
                    #expect(try Self.key(of: s) == key)
                }
            }
        }
        #expect(seen.count > 40 * 40)
    }

    /// The key of a record named `name`, made as htslib reads one (`bam_set1` pads the name with NULs).
    static func key(of name: String) throws -> UInt64 {
        let b = try #require(bam_init1())
        defer { bam_destroy1(b) }
        let bases = "ACGT"
        let quals: [CChar] = [30, 30, 30, 30]
        let cigar: [UInt32] = [4 << 4]
        let made = name.withCString { n in
            bases.withCString { s in bam_set1(b, name.utf8.count, n, 0, 0, 100, 60, 1, cigar, -1, -1, 0, 4, s, quals, 0) }
        }
        #expect(made >= 0)
        return AlignmentFile.mateKey(b)
    }
}

/// `MateKey` as a dictionary key (its own hash value) keeps what `[UInt64: Int]` keeps, through the
/// inserts, look-ups and removals the counting makes, keys close together and far apart.
@Suite struct MateKeyDictionaryTests {
    @Test func behavesAsAPlainDictionary() {
        var ours: [MateKey: Int] = [:], plain: [UInt64: Int] = [:]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for step in 0..<50_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Keys from a small range (many repeats, adjacent values) and from the whole 64 bits.
            let bits = step % 3 == 0 ? state : state >> 52
            if state >> 40 & 3 == 0 {
                #expect(ours.removeValue(forKey: MateKey(bits: bits)) == plain.removeValue(forKey: bits))
            } else {
                ours[MateKey(bits: bits)] = step
                plain[bits] = step
            }
        }
        #expect(ours.count == plain.count && ours.count > 100)
        for (k, v) in plain { #expect(ours[MateKey(bits: k)] == v) }
    }
}
