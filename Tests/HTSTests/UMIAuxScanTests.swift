import CHTSlib
@testable import HTS
import Testing

/// The UMI tag's bytes found by walking the aux fields in Swift (`AlignmentFile.scanAux`, branch pr1) are
/// those htslib's `bam_aux_get` and `bam_aux2Z` give (`htslibUMIBytes`, kept as the reference), on records
/// with every aux value type, the tag first, last, twice, absent or of another type, and aux data cut short
/// or with an unknown type (which the walk leaves to htslib: those records only check it says so).
@Suite struct UMIAuxScanTests {
    /// One aux field's bytes: tag, type and a value of that type.
    static func field(_ tag: String, _ type: Character, _ rng: inout UMIFastPathTests.Mix) -> [UInt8] {
        var out = Array(tag.utf8) + [UInt8(ascii: Unicode.Scalar(String(type))!)]
        func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
        switch type {
        case "A": out += [UInt8(ascii: "x")]
        case "c", "C": out += bytes(1)
        case "s", "S": out += bytes(2)
        case "i", "I", "f": out += bytes(4)
        case "d": out += bytes(8)
        case "Z", "H": out += (0..<rng.below(20)).map { _ in Array("ACGT-N0123456789AF".utf8)[rng.below(18)] } + [0]
        default:  // B: subtype c, count, values
            let n = rng.below(4)
            out += [UInt8(ascii: "c"), UInt8(n), 0, 0, 0] + bytes(n)
        }
        return out
    }

    @Test func walkEqualsHtslib() throws {
        var rng = UMIFastPathTests.Mix(state: 2_702)
        let tag = try #require(UMITag("RX"))
        let types: [Character] = ["A", "c", "C", "s", "S", "i", "I", "f", "d", "Z", "H", "B"]
        var found = 0, absent = 0, unsure = 0
        for round in 0..<4_000 {
            var aux: [UInt8] = []
            // Whole fields of the types the walk skips, the UMI tag only as Z: it must answer itself.
            var walkable = true
            for _ in 0..<rng.below(5) {
                // The UMI tag about one field in four, mostly as Z; other tags of every type.
                let isUMI = rng.below(4) == 0
                let type = isUMI && rng.below(5) != 0 ? "Z" : types[rng.below(types.count)]
                if type == "B" || (isUMI && type != "Z") { walkable = false }
                aux += Self.field(isUMI ? "RX" : ["RG", "MI", "XS", "Rx"][rng.below(4)], type, &rng)
            }
            // One record in eight cut short (1 to 3 bytes off, or to a random length); one in 40 an unknown type.
            if !aux.isEmpty && rng.below(8) == 0 {
                aux.removeLast(min(aux.count, rng.below(2) == 0 ? 1 + rng.below(3) : rng.below(aux.count + 1)))
                walkable = false
            }
            if aux.count > 3 && rng.below(40) == 0 {
                aux[2] = UInt8(ascii: "q")
                walkable = false
            }
            let b = try #require(bam_init1())
            defer { bam_destroy1(b) }
            let name = "r\(round)", quals: [CChar] = [30, 30, 30, 30], cigar: [UInt32] = [4 << 4]
            let made = name.withCString { n in
                "ACGT".withCString { s in bam_set1(b, name.utf8.count, n, 0, 0, 100, 60, 1, cigar, -1, -1, 0, 4, s, quals, aux.count) }
            }
            #expect(made >= 0)
            // The aux bytes after the sequence and qualities, as a record read from a file holds them.
            let at = Int(b.pointee.l_data)
            aux.withUnsafeBufferPointer { a in
                for (k, byte) in a.enumerated() { b.pointee.data[at + k] = byte }
            }
            b.pointee.l_data += Int32(aux.count)
            let want = AlignmentFile.htslibUMIBytes(b, tag: tag).map(Array.init)
            #expect(AlignmentFile.umiBytes(b, tag: tag).map(Array.init) == want, "\(aux)")
            switch AlignmentFile.scanAux(b, tag: tag) {
            case .found(let bytes):
                found += 1
                #expect(Array(bytes) == want)
            case .absent:
                absent += 1
                #expect(want == nil)
            case .unsure:
                unsure += 1
                #expect(!walkable, "\(aux)")
            }
        }
        // Every answer was met, the walk's two often.
        #expect(found > 500 && absent > 500 && unsure > 50)
    }
}
