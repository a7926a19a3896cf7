import CHTSlib
@testable import HTS
import Testing
import TestSupport

/// `UMIFamilyMarks` and the molecule loop's reference-column shortcut (branch ff1): the marks eight at a time
/// equal the per-base rule, the shortcut's condition (`Table.refAlwaysCalled`) holds exactly where agreeing
/// reads are always called, and `moleculeCounts` with a real reference (most columns take the shortcut) equals
/// the implementation that holds every read (`UMIStreamingTests`' reference, which sums every column).
@Suite struct UMIFamilyMarksTests {
    init() { HTSEnvironment.configure() }

    @Test func eightAtATimeEqualsPerBase() {
        var g = SplitMix64(seed: 16)
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...40, using: &g)
            let refs = (0..<count).map { _ in UInt8.random(in: 0...5, using: &g) }
            // Mostly the reference, as reads are; every slot value 0–6 occurs.
            let slots = refs.map { r in Int.random(in: 0..<4, using: &g) == 0 ? UInt8.random(in: 0...6, using: &g) : r }
            let highQualities = Int.random(in: 0..<5, using: &g) == 0
            let qualities = (0..<count).map { _ in UInt8.random(in: 0...(highQualities ? 255 : 60), using: &g) }
            let minQuality = [0, 1, 13, 20, 30, 60, 93, 128, 129, 200].randomElement(using: &g) ?? 20
            let before = (0..<count).map { _ in UInt8.random(in: 0...3, using: &g) }
            var marks = before
            slots.withUnsafeBufferPointer { s in qualities.withUnsafeBufferPointer { q in refs.withUnsafeBufferPointer { r in
                marks.withUnsafeMutableBufferPointer { m in
                    guard let s = s.baseAddress, let q = q.baseAddress, let r = r.baseAddress, let m = m.baseAddress else { return }
                    UMIFamilyMarks.mark(slots: s, qualities: q, refs: r, count: count, minQuality: UInt8(minQuality), into: m)
                }
            } } }
            let expected = (0..<count).map { k in
                before[k] | UMIFamilyMarks.mark(slot: slots[k], quality: qualities[k], ref: refs[k], minQuality: UInt8(minQuality))
            }
            #expect(marks == expected, "slots \(slots) qualities \(qualities) refs \(refs) min \(minQuality)")
        }
        // The per-base rule is the fold's: a used base (0–3 at the minimum quality or above) or a deletion.
        #expect(UMIFamilyMarks.mark(slot: 2, quality: 20, ref: 2, minQuality: 20) == UMIFamilyMarks.agrees)
        #expect(UMIFamilyMarks.mark(slot: 2, quality: 19, ref: 2, minQuality: 20) == 0)
        #expect(UMIFamilyMarks.mark(slot: 1, quality: 20, ref: 2, minQuality: 20) == UMIFamilyMarks.differs)
        #expect(UMIFamilyMarks.mark(slot: 5, quality: 0, ref: 5, minQuality: 20) == UMIFamilyMarks.differs)  // unknown reference
        #expect(UMIFamilyMarks.mark(slot: 4, quality: 40, ref: 4, minQuality: 20) == 0)  // N
        #expect(UMIFamilyMarks.mark(slot: 6, quality: 40, ref: 2, minQuality: 20) == 0)
    }

    /// `allAgree` is "every base marks `agrees`", on reads mostly clean (near the rule on both sides: one base
    /// of quality minimum − 1, one N, one deletion or one other base makes a read not clean).
    @Test func allAgreeIsEveryBaseAgreeing() {
        var g = SplitMix64(seed: 7)
        var clean = 0
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...40, using: &g)
            let minQuality = [1, 20, 30, 93, 128, 200].randomElement(using: &g) ?? 20
            // Reference slots as `ReferenceSlots` gives them: 0–3, or 5 where unknown (here made the read's base).
            let refs = (0..<count).map { _ in ([0, 1, 2, 3, 5] as [UInt8]).randomElement(using: &g) ?? 5 }
            var slots = refs.map { $0 == 5 ? UInt8.random(in: 0...3, using: &g) : $0 }
            var refsUsed = refs
            for k in refsUsed.indices where refsUsed[k] == 5 { refsUsed[k] = slots[k] }
            var qualities = (0..<count).map { _ in UInt8.random(in: UInt8(minQuality)...255, using: &g) }
            if count > 0 && Bool.random(using: &g) {
                let k = Int.random(in: 0..<count, using: &g)
                switch Int.random(in: 0..<4, using: &g) {
                case 0: qualities[k] = UInt8(minQuality - 1)
                case 1: slots[k] = 4
                case 2: slots[k] = ConsensusModel.deletion
                default: slots[k] = (slots[k] + 1) % 4
                }
            }
            let expected = (0..<count).allSatisfy { k in
                UMIFamilyMarks.mark(slot: slots[k], quality: qualities[k], ref: refsUsed[k], minQuality: UInt8(minQuality)) == UMIFamilyMarks.agrees
            }
            let got = slots.withUnsafeBufferPointer { s in qualities.withUnsafeBufferPointer { q in refsUsed.withUnsafeBufferPointer { r in
                guard let s = s.baseAddress, let q = q.baseAddress, let r = r.baseAddress else { return true }
                return UMIFamilyMarks.allAgree(slots: s, qualities: q, refs: r, count: count, minQuality: UInt8(minQuality))
            } } }
            #expect(got == expected, "slots \(slots) qualities \(qualities) refs \(refsUsed) min \(minQuality)")
            if expected { clean += 1 }
            // A clean read's marks without its bytes are its marks from them.
            var fromBytes = [UInt8](repeating: 0, count: count), agreeing = fromBytes
            slots.withUnsafeBufferPointer { s in qualities.withUnsafeBufferPointer { q in refsUsed.withUnsafeBufferPointer { r in
                fromBytes.withUnsafeMutableBufferPointer { m in agreeing.withUnsafeMutableBufferPointer { a in
                    guard let s = s.baseAddress, let q = q.baseAddress, let r = r.baseAddress, let m = m.baseAddress, let a = a.baseAddress else { return }
                    UMIFamilyMarks.mark(slots: s, qualities: q, refs: r, count: count, minQuality: UInt8(minQuality), into: m)
                    UMIFamilyMarks.markAgreeing(count: count, into: a)
                } }
            } } }
            if expected { #expect(fromBytes == agreeing) }
        }
        #expect(clean > 1_000 && clean < 4_000, "clean \(clean)")
    }

    /// `allReference` is `allAgree` for reads whose bases below a floor ≥ the minimum are slot 6 (quality 0), as
    /// `fillMatch` leaves them: on reads mostly clean, one base either side of the rule (below the floor, N,
    /// deletion, another base, a deletion or base at an unknown reference), qualities up to 255.
    @Test func allReferenceIsAllAgreeAfterTheFloor() {
        var g = SplitMix64(seed: 11)
        var clean = 0, differing = 0
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...40, using: &g)
            let minQuality = [0, 1, 20, 30, 93, 128].randomElement(using: &g) ?? 20
            let floor = min(255, minQuality + [0, 0, 1, 7].randomElement(using: &g)!)
            let refs = (0..<count).map { _ in ([0, 1, 2, 3, 3, 2, 1, 0, 5] as [UInt8]).randomElement(using: &g) ?? 5 }
            var slots = refs.map { $0 == 5 ? UInt8.random(in: 0...3, using: &g) : $0 }
            var qualities = (0..<count).map { _ in UInt8.random(in: UInt8(floor)...255, using: &g) }
            if count > 0 && Int.random(in: 0..<3, using: &g) > 0 {
                let k = Int.random(in: 0..<count, using: &g)
                switch Int.random(in: 0..<5, using: &g) {
                case 0: qualities[k] = UInt8(max(0, floor - 1))
                case 1: slots[k] = 4
                case 2: slots[k] = ConsensusModel.deletion
                case 3: slots[k] = (slots[k] + 1) % 4
                default: slots[k] = refs[k]  // equal to an unknown reference (5) when it is one
                }
            }
            // As `fillMatch` leaves them: below the floor, slot 6 and quality 0.
            for k in 0..<count where qualities[k] < floor { slots[k] = 6; qualities[k] = 0 }
            let (agree, reference) = slots.withUnsafeBufferPointer { s in qualities.withUnsafeBufferPointer { q in refs.withUnsafeBufferPointer { r in
                guard let s = s.baseAddress, let q = q.baseAddress, let r = r.baseAddress else { return (true, true) }
                return (UMIFamilyMarks.allAgree(slots: s, qualities: q, refs: r, count: count, minQuality: UInt8(minQuality)),
                        UMIFamilyMarks.allReference(slots: s, refs: r, count: count))
            } } }
            #expect(agree == reference, "slots \(slots) qualities \(qualities) refs \(refs) min \(minQuality) floor \(floor)")
            if agree { clean += 1 } else { differing += 1 }
        }
        #expect(clean > 500 && differing > 1_000, "clean \(clean) differing \(differing)")
    }

    static func model(minInputQuality: UInt8, maxConsensusError: Double) -> ConsensusModel {
        ConsensusModel(preUMIError: 3.16e-5, postUMIError: 1e-4, minInputQuality: minInputQuality, deletionError: 5e-4,
                       maxConsensusError: maxConsensusError)
    }

    @Test func referenceAlwaysCalledExactlyWhereAgreeingReadsAre() {
        var g = SplitMix64(seed: 1610)
        // Near the edge on both sides: Q18 errs 1.6% (under a 2% mask), Q17 2.0% (not under it); Q30 with the post-UMI
        // error 0.11% (under 0.2%, not under 0.1%).
        for (minQ, maxError) in [(UInt8(20), 0.02), (18, 0.02), (30, 0.002), (2, 1.0), (60, 0.001)] {
            let table = ConsensusModel.Table(Self.model(minInputQuality: minQ, maxConsensusError: maxError))
            #expect(table.refAlwaysCalled, "min Q\(minQ), max error \(maxError)")
            // Any agreeing reads of usable qualities on either strand: called that base, both strands' calls present.
            for _ in 0..<3_000 {
                let slot = UInt8.random(in: 0...3, using: &g)
                let nTop = Int.random(in: 0...30, using: &g), nBottom = Int.random(in: (nTop == 0 ? 1 : 0)...30, using: &g)
                var top = ConsensusModel.Evidence(), bottom = ConsensusModel.Evidence()
                for _ in 0..<nTop { table.add(slot: slot, quality: UInt8.random(in: minQ...255, using: &g), to: &top) }
                for _ in 0..<nBottom { table.add(slot: slot, quality: UInt8.random(in: minQ...255, using: &g), to: &bottom) }
                let c = table.strands(top: top, bottom: bottom)
                #expect(c.molecule?.slot == slot && c.top?.slot == (nTop > 0 ? slot : nil) && c.bottom?.slot == (nBottom > 0 ? slot : nil))
            }
        }
        // Where one read at the minimum quality is not called (Q10 erring 10% against a 2% mask), the shortcut is off.
        for (minQ, maxError) in [(UInt8(10), 0.02), (17, 0.02), (30, 0.001), (20, 0.005), (0, 1.0)] {
            let table = ConsensusModel.Table(Self.model(minInputQuality: minQ, maxConsensusError: maxError))
            #expect(!table.refAlwaysCalled, "min Q\(minQ), max error \(maxError)")
        }
        let low = ConsensusModel.Table(Self.model(minInputQuality: 10, maxConsensusError: 0.02))
        var one = ConsensusModel.Evidence()
        low.add(slot: 0, quality: 10, to: &one)
        #expect(low.strands(top: one, bottom: ConsensusModel.Evidence()).molecule == nil)
    }

    /// As `UMIStreamingTests.streamingEqualsHoldingEveryRead`, with the real reference (there every base was
    /// compared against C, so few columns took the shortcut), a few of its bases changed or N so that families
    /// mix both kinds of column, and with a model whose shortcut is off.
    @Test(arguments: UMIStreamingTests.samples)
    func realReferenceEqualsHoldingEveryRead(sample: String) throws {
        let f = try AlignmentFile(path: TestSupport.testData("samples/cfdna/\(sample).bam"))
        let fasta = try FastaFile(path: TestSupport.testData("ref/chr7.panel.GRCh38.fa.gz"))
        let swap: [UInt8: UInt8] = [65: 67, 67: 71, 71: 84, 84: 65]
        for region in UMIStreamingTests.regions {
            var reference = Array(try fasta.fetch(region).utf8)
            for i in reference.indices where i % 37 == 5 { reference[i] = UInt8(ascii: "N") }
            for i in reference.indices where i % 53 == 11 { reference[i] = swap[reference[i]] ?? reference[i] }
            for (minSize, duplex, minQ) in [(1, false, UInt8(20)), (2, true, 20), (1, false, 10)] {
                var o = UMIStreamingTests.options(minFamilySize: minSize, requireDuplex: duplex)
                o.consensus.minInputQuality = minQ
                #expect(ConsensusModel.Table(o.consensus).refAlwaysCalled == (minQ == 20))
                let subs = [GenomicRegion(contig: region.contig, start: region.start + 50, end: region.end - 50)]
                let new = try f.moleculeCounts(in: region, options: o, subregions: subs, referenceBases: reference)
                let old = try f.moleculeCountsHoldingAll(in: region, options: o, subregions: subs, referenceBases: reference)
                #expect(new.counts.reads > 0 || sample == "cfdna-malformed-umi")
                #expect(new.counts == old.counts, "\(sample) \(region) min family \(minSize) duplex \(duplex) Q\(minQ)")
                var stats = new.stats
                stats.molecules = []
                #expect(stats == old.stats, "\(sample) \(region)")
            }
        }
    }
}
