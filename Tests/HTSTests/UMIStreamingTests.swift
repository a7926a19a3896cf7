import CHTSlib
@testable import HTS
import Testing
import TestSupport

/// `moleculeCounts` streams: a group of read pairs is finished as soon as the reads pass its
/// fragments' end, and the consensus sums log-likelihoods per strand instead of keeping each
/// position's observations. Both must give exactly what holding every read of the region gave:
/// the implementation before streaming is kept here, verbatim, as the reference.
@Suite struct UMIStreamingTests {
    init() { HTSEnvironment.configure() }

    static let samples = ["cfdna-t790m", "cfdna-simplex", "cfdna-phase", "cfdna-malformed-umi", "cfdna-partial-umi", "cfdna-negative"]
    static let regions = [
        GenomicRegion(contig: "chr7", start: 55_174_600, end: 55_174_900),  // exon 19 and its deletion
        GenomicRegion(contig: "chr7", start: 55_181_272, end: 55_181_498),  // exon 20: T790M, C797S
    ]

    static func options(minFamilySize: Int, requireDuplex: Bool) -> MoleculeCounting {
        MoleculeCounting(tag: .standard, filter: ReadFilter(minMappingQuality: 20, minBaseQuality: 20), maxN: 1,
                         minFamilySize: minFamilySize, requireDuplex: requireDuplex,
                         consensus: ConsensusModel(preUMIError: 3.16e-5, postUMIError: 1e-4, minInputQuality: 20,
                                                   deletionError: 5e-4, maxConsensusError: 0.02))
    }

    @Test(arguments: samples)
    func streamingEqualsHoldingEveryRead(sample: String) throws {
        let f = try AlignmentFile(path: TestSupport.testData("samples/cfdna/\(sample).bam"))
        for region in Self.regions {
            // A made-up reference (every base C) so that the per-allele statistics of A, G and T are compared too.
            let reference = [UInt8](repeating: UInt8(ascii: "C"), count: region.length)
            for (minSize, duplex) in [(1, false), (2, true)] {
                let o = Self.options(minFamilySize: minSize, requireDuplex: duplex)
                let subs = [GenomicRegion(contig: region.contig, start: region.start + 50, end: region.end - 50)]
                let new = try f.moleculeCounts(in: region, options: o, subregions: subs, referenceBases: reference)
                let old = try f.moleculeCountsHoldingAll(in: region, options: o, subregions: subs, referenceBases: reference)
                #expect(new.counts.reads > 0 || sample == "cfdna-malformed-umi")
                #expect(new.counts == old.counts, "\(sample) \(region)")
                #expect(new.readsPerSubregion == old.readsPerSubregion)
                #expect(Set(new.stats.families) == Set(old.stats.families), "\(sample) \(region): other families")
                // The reference predates the phasing molecules (`ConsensusMoleculeTests` checks those against the counts).
                var stats = new.stats
                stats.molecules = []
                #expect(stats == old.stats, "\(sample) \(region)")
            }
        }
    }
}

extension AlignmentFile {
    func moleculeCountsHoldingAll(in region: GenomicRegion, options: MoleculeCounting, subregions: [GenomicRegion],
                               referenceBases: [UInt8]?) throws -> (counts: RegionCounts, readsPerSubregion: [Int], stats: UMIReadStats) {
        var stats = UMIReadStats()
        var reads: [HeldRead] = []
        var observations: [UMIObservation] = []
        var templateOf: [UInt64: Int] = [:]
        var readsOf: [[Int]] = []
        var perSub = Array(repeating: 0, count: subregions.count)
        let start = region.start, end = region.end
        let filter = options.filter
        try forEachRecord(in: region) { b in
            let core = b.pointee.core
            guard filter.accepts(flag: core.flag, mapq: core.qual), let walk = CigarWalk(b) else { return }
            stats.reads += 1
            let pos = Int(core.pos), readEnd = Int(bam_endpos(b))
            for (i, s) in subregions.enumerated() where s.start < readEnd && s.end > pos { perSub[i] += 1 }
            guard let raw = Self.umiString(b, tag: options.tag) else {
                stats.untagged += 1
                return
            }
            stats.tagged += 1
            let umi: UMI
            switch UMI.parse(raw, maxN: options.maxN) {
            case .success(let u): umi = u
            case .failure(let p):
                stats.malformed[p, default: 0] += 1
                return
            }
            let name = Self.fragmentKey(b)
            if let t = templateOf[name] {
                // Mates carry the same tag; the first one read names the template.
                readsOf[t].append(reads.count)
            } else {
                templateOf[name] = observations.count
                observations.append(Self.umiObservation(b, umi: umi))
                readsOf.append([reads.count])
            }
            // The read's bases and indels inside the region.
            let lo = max(start, pos), hi = min(end, readEnd)
            var slots = [UInt8](repeating: 6, count: max(0, hi - lo))
            var quals = [UInt8](repeating: 0, count: max(0, hi - lo))
            var indels: [RegionCounts.IndelKey] = []
            var lastRefBase = -1
            for step in walk {
                let len = step.length, refPos = step.refStart, qPos = step.queryStart
                switch step.op {
                case .match:
                    for r in max(refPos, lo)..<max(max(refPos, lo), min(refPos + len, hi)) {
                        let q = qPos + (r - refPos)
                        let bq = walk.quality(q)
                        guard bq >= filter.minBaseQuality else { continue }
                        slots[r - lo] = UInt8(Self.baseIndex[walk.baseCode(q)])
                        quals[r - lo] = bq
                    }
                    lastRefBase = refPos + len - 1
                case .insertion:
                    if lastRefBase >= start && lastRefBase < end {
                        let s = String(decoding: (0..<len).map { Self.baseLetter[walk.baseCode(qPos + $0)] }, as: UTF8.self)
                        indels.append(RegionCounts.IndelKey(anchor: lastRefBase, deletedLength: 0, inserted: s))
                    }
                case .deletion:
                    if refPos >= start && refPos < end && lastRefBase >= 0 {
                        indels.append(RegionCounts.IndelKey(anchor: refPos - 1, deletedLength: len, inserted: ""))
                    }
                    for r in max(refPos, lo)..<max(max(refPos, lo), min(refPos + len, hi)) { slots[r - lo] = ConsensusModel.deletion; quals[r - lo] = 30 }
                    lastRefBase = refPos + len - 1
                case .skip:
                    lastRefBase = -1
                case .softClip, .other:
                    break
                }
            }
            reads.append(HeldRead(name: name, refStart: lo, slots: slots, quals: quals, indels: indels))
        }

        // UMIs of another length than the region's usual one are read errors or a mixed library.
        var lengths: [Int: Int] = [:]
        for o in observations { lengths[o.umi.length, default: 0] += 1 }
        let usual = lengths.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        var kept: [Int] = []
        for (t, o) in observations.enumerated() {
            if o.umi.length == usual { kept.append(t) } else { stats.malformed[.wrongLength, default: 0] += readsOf[t].count }
        }
        let families = UMIGrouping.clusteredFamilies(kept.map { observations[$0] })  // the general path: the streaming one takes the single-family shortcut

        var result = RegionCounts(region: region)
        result.allocateDuplex()  // branch hot1: each strand's own consensus, from the observation lists below
        result.reads = stats.reads
        let refSlot: [Int] = (0..<region.length).map { i in
            guard let bases = referenceBases, i < bases.count else { return 5 }
            switch bases[i] {
            case UInt8(ascii: "A"): return 0
            case UInt8(ascii: "C"): return 1
            case UInt8(ascii: "G"): return 2
            case UInt8(ascii: "T"): return 3
            default: return 5
            }
        }
        let stride = RegionCounts.fieldsPerPosition
        // The consensus per strand as `ConsensusModel.molecule(top:bottom:)` computes it, with its
        // quality table built once here rather than twice per molecule and position (that rebuild made
        // this reference the slowest test of the suite, over an hour under AddressSanitizer).
        let table = ConsensusModel.Table(options.consensus)
        func evidence(_ obs: [ConsensusModel.Observation]) -> ConsensusModel.Evidence {
            var e = ConsensusModel.Evidence()
            for o in obs { table.add(slot: o.slot, quality: o.quality, to: &e) }
            return e
        }
        for fam in families {
            let counted = fam.size >= options.minFamilySize && (!options.requireDuplex || fam.isDuplex)
            stats.families.append(.init(umi: fam.umi.description, start: fam.start, end: fam.end, size: fam.size, duplex: fam.isDuplex, counted: counted))
            guard counted else { continue }
            let lo = max(start, fam.start), hi = min(end, fam.end)
            guard lo < hi else { continue }
            var top = [[ConsensusModel.Observation]](repeating: [], count: hi - lo)
            var bottom = top
            var indelVotes: [RegionCounts.IndelKey: Int] = [:]
            var familyReads: [HeldRead] = []
            for m in fam.members {
                let t = kept[m]
                let isTop = observations[t].topStrand
                for ri in readsOf[t] {
                    let r = reads[ri]
                    familyReads.append(r)
                    for (k, slot) in r.slots.enumerated() where slot != 6 {
                        let p = r.refStart + k
                        guard p >= lo && p < hi else { continue }
                        let o = ConsensusModel.Observation(slot: slot, quality: r.quals[k])
                        if isTop { top[p - lo].append(o) } else { bottom[p - lo].append(o) }
                    }
                    for key in Set(r.indels) { indelVotes[key, default: 0] += 1 }
                }
            }
            let forward = fam.topCount >= fam.bottomCount
            let strandOffset = forward ? 0 : 1
            for p in lo..<hi {
                guard let call = table.molecule(top: evidence(top[p - lo]), bottom: evidence(bottom[p - lo])) else { continue }
                // Each strand's own consensus, as `singleStrand` gives it, with the table built once (above).
                let topCall = table.call(evidence(top[p - lo])), bottomCall = table.call(evidence(bottom[p - lo]))
                result.addDuplex(top: topCall?.slot, bottom: bottomCall?.slot, topPairs: fam.topCount, bottomPairs: fam.bottomCount,
                                 refSlot: refSlot[p - start], at: p)
                let o = (p - start) * stride
                let slot = Int(call.slot)
                if slot == Int(ConsensusModel.deletion) {
                    result.fields[o + RegionCounts.deletionField + strandOffset] += 1
                    continue
                }
                result.fields[o + 2 * slot + strandOffset] += 1
                if slot < 4 && slot != refSlot[p - start] {
                    result.fields[o + RegionCounts.endDistanceField + slot] += UInt32(min(p - fam.start, fam.end - 1 - p))
                    result.fields[o + RegionCounts.f1r2Field + slot] += forward ? 1 : 0
                    result.fields[o + RegionCounts.errorField + slot] += UInt32(min(1e6, (call.error * 1e6).rounded()))
                }
            }
            // An indel is the molecule's when most of its reads that reach the indel's first changed
            // base (a deleted base, or the base after an insertion's anchor) carry it.
            for (key, votes) in indelVotes {
                let spanning = familyReads.filter { r in
                    let k = key.anchor + 1 - r.refStart
                    return r.indels.contains(key) || (k >= 0 && k < r.slots.count && r.slots[k] != 6)
                }.count
                guard 2 * votes > spanning else { continue }
                result.indels[key, default: .init()].add(reverse: !forward)
            }
        }
        stats.families.sort(by: UMIReadStats.FamilySummary.precedes)  // the order the streaming path gives
        return (result, perSub, stats)
    }
}

/// A read as the reference implementation above held it (slots and qualities in two arrays).
struct HeldRead {
    var name: UInt64
    var refStart: Int
    var slots: [UInt8]
    var quals: [UInt8]
    var indels: [RegionCounts.IndelKey]
}

/// `moleculeAlleles` (phasing in UMI mode) streams its templates through `UMIGroupWindow` as
/// `moleculeCounts` does; it must give the molecules, in the order, that holding every template gave.
@Suite struct UMIAlleleStreamingTests {
    init() { HTSEnvironment.configure() }

    /// EGFR T790M (c.2369C>T) and C797S (c.2390G>C) on GRCh38 chr7, 0-based, and the exon 19 deletion's anchor.
    static let sites = [
        AlleleSite(position: 55_181_377, change: .base(UInt8(ascii: "T"))),
        AlleleSite(position: 55_181_398, change: .base(UInt8(ascii: "C"))),
    ]
    static let deletion = [AlleleSite(position: 55_174_770, change: .deletion(length: 15))]

    @Test(arguments: UMIStreamingTests.samples)
    func streamingEqualsHoldingEveryTemplate(sample: String) throws {
        let f = try AlignmentFile(path: TestSupport.testData("samples/cfdna/\(sample).bam"))
        let cases = [(GenomicRegion(contig: "chr7", start: 55_181_376, end: 55_181_400), Self.sites),
                     (GenomicRegion(contig: "chr7", start: 55_174_769, end: 55_174_787), Self.deletion)]
        for (region, sites) in cases {
            for (minSize, duplex) in [(1, false), (2, true)] {
                let o = UMIStreamingTests.options(minFamilySize: minSize, requireDuplex: duplex)
                let new = try f.moleculeAlleles(in: region, sites: sites, options: o)
                let old = try f.moleculeAllelesHoldingAll(in: region, sites: sites, options: o)
                // Not a vacuous comparison: every sample but the malformed one has molecules when no duplex is
                // required (a simplex library, and one tagged on only some reads, have no duplex family).
                if !duplex { #expect(!old.isEmpty || sample == "cfdna-malformed-umi", "\(sample): no molecule to compare") }
                #expect(new == old, "\(sample) \(region) min \(minSize) duplex \(duplex)")
            }
        }
    }
}

/// When `UMIGroupWindow` lets a group go: not before the reads pass its start and every mate it waits for.
@Suite struct UMIGroupWindowTests {
    static func observation(_ start: Int, _ end: Int, top: Bool = true) -> UMIObservation {
        UMIObservation(start: start, end: end, topStrand: top, umi: UMI(first: "ACGT", second: "TTGA"))
    }

    @Test func groupWaitsForItsMatesThenGoes() {
        var w = UMIGroupWindow<[Int]>(regionStart: 0)
        // Two templates of one group (fragment 100–267): mates to come at 167 and 170.
        _ = w.add(name: 1, position: 100, mateStart: 167, observation: { Self.observation(100, 267) }, joined: { $0.append(1) }, created: { _ in [1] })
        _ = w.add(name: 2, position: 100, mateStart: 170, observation: { Self.observation(100, 267, top: false) }, joined: { $0.append(2) }, created: { _ in [2] })
        #expect(w.popFinished(before: 101) == nil)
        let mate = w.add(name: 1, position: 167, mateStart: nil, observation: { Self.observation(0, 1) }, joined: { $0.append(1) }, created: { _ in [] })
        #expect(mate.isNew == false)
        #expect(w.popFinished(before: 170) == nil, "the second template's mate starts at 170")
        let done = w.popFinished(before: 171)
        #expect(done?.key.start == 100 && done?.key.end == 267 && done?.key.strand == nil)
        #expect(done?.templates == [[1, 1], [2]])
        #expect(w.popAny() == nil)
    }

    @Test func groupWithoutPendingMatesGoesOncePastItsStart() {
        var w = UMIGroupWindow<Int>(regionStart: 0)
        _ = w.add(name: 7, position: 50, mateStart: nil, observation: { Self.observation(50, 80) }, joined: { _ in }, created: { _ in 7 })
        #expect(w.popFinished(before: 50) == nil, "another template of these ends may still start at 50")
        #expect(w.popFinished(before: 51)?.templates == [7])
    }

    @Test func mateBeyondTheFragmentEndWaitsOnlyToTheEnd() {
        var w = UMIGroupWindow<Int>(regionStart: 0)
        _ = w.add(name: 3, position: 10, mateStart: 500, observation: { Self.observation(10, 200) }, joined: { _ in }, created: { _ in 3 })
        #expect(w.popFinished(before: 199) == nil)
        #expect(w.popFinished(before: 200)?.templates == [3])
    }

    @Test func templateMetByItsRightMateWaitsToTheFragmentEnd() {
        // Left mate (at 100) never read: more right mates of these ends can still come up to 267.
        var w = UMIGroupWindow<Int>(regionStart: 0)
        _ = w.add(name: 4, position: 167, mateStart: nil, observation: { Self.observation(100, 267) }, joined: { _ in }, created: { _ in 4 })
        #expect(w.popFinished(before: 266) == nil)
        #expect(w.popFinished(before: 267)?.templates == [4])
        // A fragment starting before the region waits to its end too.
        var v = UMIGroupWindow<Int>(regionStart: 120)
        _ = v.add(name: 5, position: 100, mateStart: 167, observation: { Self.observation(100, 267) }, joined: { _ in }, created: { _ in 5 })
        #expect(v.popFinished(before: 200) == nil)
        #expect(v.popFinished(before: 267)?.templates == [5])
    }
}

extension AlignmentFile {
    /// `moleculeAlleles` before streaming, verbatim: every template of the region held to the end.
    func moleculeAllelesHoldingAll(in region: GenomicRegion, sites: [AlleleSite], options: MoleculeCounting) throws -> [[AlleleState]] {
        var observations: [UMIObservation] = []
        var states: [[AlleleState]] = []
        var templateOf: [UInt64: Int] = [:]
        let filter = options.filter
        try forEachRecord(in: region) { b in
            let core = b.pointee.core
            guard filter.accepts(flag: core.flag, mapq: core.qual),
                  let raw = Self.umiString(b, tag: options.tag), case .success(let umi) = UMI.parse(raw, maxN: options.maxN) else { return }
            let read = sites.map { Self.state(of: b, at: $0, minBQ: filter.minBaseQuality) }
            let key = Self.fragmentKey(b)
            if let t = templateOf[key] {
                states[t] = zip(states[t], read).map(Self.merge)
            } else {
                templateOf[key] = observations.count
                observations.append(Self.umiObservation(b, umi: umi))
                states.append(read)
            }
        }
        var lengths: [Int: Int] = [:]
        for o in observations { lengths[o.umi.length, default: 0] += 1 }
        let usual = lengths.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        let kept = observations.indices.filter { observations[$0].umi.length == usual }
        var out: [[AlleleState]] = []
        for fam in UMIGrouping.clusteredFamilies(kept.map { observations[$0] }) {  // the general path: the streaming one takes the single-family shortcut
            guard fam.size >= options.minFamilySize, !options.requireDuplex || fam.isDuplex else { continue }
            let molecule = sites.indices.map { s in Self.majority(fam.members.map { states[kept[$0]][s] }) }
            if molecule.contains(where: { $0 != .notCovered }) { out.append(molecule) }
        }
        return out
    }
}
