import CHTSlib

extension AlignmentFile {
    /// `fragmentAlleles` for UMI mode: one entry per molecule (UMI family, `UMIGrouping`) instead of
    /// per read pair, so that phasing and MNV merging count molecules as the calls do; a family of
    /// 60 PCR copies is one observation, not 60. Families below the minimum size or without the
    /// required duplex are left out, as in `moleculeCounts`; reads without a usable UMI, or with a
    /// UMI of another length than the region's usual one, too.
    ///
    /// A molecule's allele at a site is the one most of its covering read pairs show when they are
    /// more than half of them (fgbio's consensus reduced to the allele alone: base qualities were
    /// already applied per read by `minBaseQuality`); no majority is `.other`.
    package func moleculeAlleles(in region: GenomicRegion, sites: [AlleleSite], options: MoleculeCounting) throws -> [[AlleleState]] {
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
        for fam in UMIGrouping.families(kept.map { observations[$0] }) {
            guard fam.size >= options.minFamilySize, !options.requireDuplex || fam.isDuplex else { continue }
            let molecule = sites.indices.map { s in Self.majority(fam.members.map { states[kept[$0]][s] }) }
            if molecule.contains(where: { $0 != .notCovered }) { out.append(molecule) }
        }
        return out
    }

    /// The state more than half of the covering read pairs show; `.other` when none does.
    static func majority(_ states: [AlleleState]) -> AlleleState {
        var n = [0, 0, 0, 0]
        for s in states { n[Int(s.rawValue)] += 1 }
        let covering = n[1] + n[2] + n[3]
        guard covering > 0 else { return .notCovered }
        for s in [AlleleState.ref, .alt, .other] where 2 * n[Int(s.rawValue)] > covering { return s }
        return .other
    }

    /// The read's template as the family grouping sees it: the fragment's ends (from the leftmost
    /// mate's position and TLEN, the same for both mates) and the strand of the molecule it read.
    static func umiObservation(_ b: UnsafeMutablePointer<bam1_t>, umi: UMI) -> UMIObservation {
        let core = b.pointee.core
        let flag = core.flag
        let paired = flag & UInt16(BAM_FPAIRED) != 0
        let reverse = flag & UInt16(BAM_FREVERSE) != 0
        let read1 = flag & UInt16(BAM_FREAD1) != 0
        let pos = Int(core.pos), tlen = Int(core.isize)
        let fStart = tlen > 0 ? pos : (tlen < 0 ? Int(core.mpos) : pos)
        let fEnd = tlen != 0 ? fStart + abs(tlen) : Int(bam_endpos(b))
        return UMIObservation(start: fStart, end: fEnd, topStrand: paired ? (read1 != reverse) : !reverse, umi: umi)
    }
}
