import CHTSlib

extension AlignmentFile {
    /// Not used by the pipeline since branch ph2, which phases from the molecules the counting pass
    /// recorded (`ConsensusMolecule`, Calling's `PhaseMolecules`) instead of reading the sites' region
    /// again; kept as the reference `PhaseMoleculesTests` and `UMIAlleleStreamingTests` compare with.
    ///
    /// `fragmentAlleles` for UMI mode: one entry per molecule (UMI family, `UMIGrouping`) instead of
    /// per read pair, so that phasing and MNV merging count molecules as the calls do; a family of
    /// 60 PCR copies is one observation, not 60. Families below the minimum size or without the
    /// required duplex are left out, as in `moleculeCounts`; reads without a usable UMI, or with a
    /// UMI of another length than the region's usual one, too.
    ///
    /// A molecule's allele at a site is the one most of its covering read pairs show when they are
    /// more than half of them (fgbio's consensus reduced to the allele alone: base qualities were
    /// already applied per read by `minBaseQuality`); no majority is `.other`.
    /// Reads are held only until no later read can join their family (`UMIGroupWindow`), as in
    /// `moleculeCounts`: at 50,000 reads per position holding every template of the region grew with raw depth.
    package func moleculeAlleles(in region: GenomicRegion, sites: [AlleleSite], options: MoleculeCounting) throws -> [[AlleleState]] {
        struct Template {
            var observation: UMIObservation
            var states: [AlleleState]
        }
        /// Per UMI length (which one is the usual one is known at the end): templates seen, and the
        /// molecules with the sort key `UMIGrouping.families` orders them by.
        struct Share {
            var templates = 0
            var molecules: [(start: Int, end: Int, umi: String, states: [AlleleState])] = []
        }
        var window = UMIGroupWindow<Template>(regionStart: region.start)
        var shares: [Int: Share] = [:]
        func finish(_ key: UMIGroupWindow<Template>.Key, _ templates: [Template]) {
            for fam in UMIGrouping.families(templates.map(\.observation)) {
                guard fam.size >= options.minFamilySize, !options.requireDuplex || fam.isDuplex else { continue }
                let molecule = sites.indices.map { s in Self.majority(fam.members.map { templates[$0].states[s] }) }
                if molecule.contains(where: { $0 != .notCovered }) {
                    shares[key.umiLength, default: Share()].molecules.append((fam.start, fam.end, fam.umi.description, molecule))
                }
            }
        }
        let filter = options.filter
        try forEachRecord(in: region) { b in
            let core = b.pointee.core
            guard filter.accepts(flag: core.flag, mapq: core.qual) else { return }
            while let (key, templates) = window.popFinished(before: Int(core.pos)) { finish(key, templates) }
            guard let raw = Self.umiBytes(b, tag: options.tag), UMI.problem(in: raw, maxN: options.maxN) == nil else { return }
            let read = sites.map { Self.state(of: b, at: $0, minBQ: filter.minBaseQuality) }
            let added = window.add(name: Self.mateKey(b), position: Int(core.pos), mateStart: Self.pendingMateStart(b),
                                   observation: { Self.umiObservation(b, umi: Self.checkedUMI(b, tag: options.tag, maxN: options.maxN)) },
                                   joined: { t in for k in t.states.indices { t.states[k] = Self.merge(t.states[k], read[k]) } },  // in place: no array per mate
                                   created: { o in Template(observation: o, states: read) })
            if added.isNew { shares[added.umiLength, default: Share()].templates += 1 }
        }
        while let (key, templates) = window.popAny() { finish(key, templates) }
        let usual = shares.max { ($0.value.templates, -$0.key) < ($1.value.templates, -$1.key) }?.key
        guard let usual, let kept = shares[usual] else { return [] }
        // The order `UMIGrouping.families` gives over the whole region (by start, end and UMI).
        return kept.molecules.sorted { ($0.start, $0.end, $0.umi) < ($1.start, $1.end, $1.umi) }.map(\.states)
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
