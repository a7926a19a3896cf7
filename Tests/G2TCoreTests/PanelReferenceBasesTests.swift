import G2TCore
import Testing

/// `PanelReference.bases` (a run no block holds is filled at once, up to the next block's start)
/// against `base` per position, the definition it must keep.
@Suite struct PanelReferenceBasesTests {
    func perPosition(_ r: PanelReference, _ chrom: String, _ range: ClosedRange<Int>) -> [UInt8?] {
        range.map { r.base(chrom: chrom, pos: $0) }
    }

    /// Both ends of every block of both bundled builds, 2,500 bases either side (gaps, neighbouring
    /// blocks and positions no block holds), and each stretch between two consecutive blocks (up to
    /// 10,000 bases of it).
    @Test func bundledReferencesMatchBasePerPosition() throws {
        for build in [GenomeBuild.grch38, .grch37] {
            let r = try PanelLoader.bundled(build: build).reference
            #expect(r.blocks.count > 10)
            for (k, b) in r.blocks.enumerated() {
                for at in [b.start, b.end] {
                    let around = max(1, at - 2_500)...(at + 2_500)
                    #expect(r.bases(chrom: b.chrom, around) == perPosition(r, b.chrom, around), "\(build) \(b.chrom):\(at)")
                }
                if k + 1 < r.blocks.count, r.blocks[k + 1].chrom == b.chrom, r.blocks[k + 1].start > b.end + 1 {
                    let gap = (b.end - 1)...min(b.end + 10_000, r.blocks[k + 1].start + 1)
                    #expect(r.bases(chrom: b.chrom, gap) == perPosition(r, b.chrom, gap))
                }
            }
            #expect(r.bases(chrom: "chrUn", 1...50) == Array(repeating: nil, count: 50))
        }
    }

    /// Overlapping and touching blocks, N bases, two chromosomes, a block after a longer one that
    /// starts earlier, single positions and ranges starting inside, before and after every block.
    @Test func madeUpBlocksMatchBasePerPosition() {
        let r = PanelReference(blocks: [
            .init(chrom: "chr7", start: 100, bases: Array("ACGTNACGTA".utf8)),
            .init(chrom: "chr7", start: 105, bases: Array("GGG".utf8)),
            .init(chrom: "chr7", start: 110, bases: Array("TT".utf8)),
            .init(chrom: "chr7", start: 130, bases: Array("NNA".utf8)),
            .init(chrom: "chr1", start: 115, bases: Array("CCCCC".utf8)),
            .init(chrom: "chr7", start: 90, bases: Array("A".utf8)),
        ])
        for chrom in ["chr7", "chr1", "chr2"] {
            for lo in 85...140 {
                for hi in lo...145 {
                    #expect(r.bases(chrom: chrom, lo...hi) == perPosition(r, chrom, lo...hi), "\(chrom):\(lo)-\(hi)")
                }
            }
        }
    }
}
