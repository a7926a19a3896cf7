import Calling
import G2TCore
import HTS
#if canImport(Glibc)
import Glibc
#endif

/// UMI consensus calling (issue 16): when the reads carry UMIs, variants and hotspots are called
/// from consensus molecules; every way the UMIs can be unusable is an error line or a report note.
extension Stages {
    /// Whether the run calls molecules, and what the report must say about it.
    struct UMIDecision {
        var tag: UMITag
        var active: Bool
        var notes: [String]
    }

    /// Reads probed for the tag before deciding (the first targets' reads; enough for a share to ±3%).
    static let umiProbeReads = 2_000

    static func decideUMI(_ o: CallOptions, file: AlignmentFile, targets: [Target], naming: ContigNaming, filter: ReadFilter) throws -> UMIDecision {
        let explicit = o.umiTag != nil
        let tag: UMITag
        if let name = o.umiTag {
            guard let t = UMITag(name) else {
                throw PipelineError.badInput(path: o.input, detail: "--umi-tag '\(name)' is not a SAM tag name (two characters, a letter then a letter or digit, e.g. RX)")
            }
            tag = t
        } else {
            tag = .standard
        }
        let regions = targets.map { GenomicRegion(contig: naming.input($0.interval.chrom), start: $0.interval.start - 1, end: $0.interval.end) }
        let (reads, tagged) = try file.probeTag(tag, regions: regions, filter: filter, limit: umiProbeReads)
        if tagged == 0 {
            if explicit {
                throw PipelineError.badInput(path: o.input, detail: "--umi-tag \(tag): none of the \(reads) reads probed in the panel targets carries a \(tag) tag; drop --umi-tag to call raw reads, or name the tag that holds the UMIs")
            }
            return UMIDecision(tag: tag, active: false, notes: [])
        }
        guard file.isNameSorted == false else {
            throw PipelineError.badInput(path: o.input, detail: "the reads are sorted by name (@HD SO:queryname); UMI families need coordinate-sorted reads: samtools sort")
        }
        let share = Double(tagged) / Double(max(1, reads))
        let pct = TextFormat.percent(share)
        guard share >= o.parameters.umi.minTaggedShare else {
            let note = "\(o.input): only \(tagged) of \(reads) probed reads (\(pct)) carry a \(tag) UMI: UMI consensus is off and variants are called from raw reads"
            if explicit { throw PipelineError.badInput(path: o.input, detail: "--umi-tag \(tag): only \(tagged) of \(reads) probed reads (\(pct)) carry the tag; g2t needs \(TextFormat.percent(o.parameters.umi.minTaggedShare)) to call molecules") }
            return UMIDecision(tag: tag, active: false, notes: [note])
        }
        return UMIDecision(tag: tag, active: true, notes: [])
    }

    /// Calls the targets' molecule counts (`counted`, from `ConsensusCounter.countWithRaw`). `raw` are the same
    /// targets' read counts (duplicates included), for the raw depths the report and VCF carry beside the molecule counts.
    static func callMolecules(_ o: CallOptions, decision: UMIDecision, panel: Panel, naming: ContigNaming,
                              counted: ConsensusCounter.Result, raw: [TargetCounts]) throws -> (PanelCaller.Result, [String]) {
        let u = o.parameters.umi
        let errors = ConsensusBackground.estimate(counted.targets, reference: panel.reference, parameters: u)
        let molecules = ConsensusBackground.apply(errors, to: counted.targets, reference: panel.reference)
        // Molecules are far less noisy than reads: their own allele-fraction floors and indel error.
        var p = o.parameters
        p.minVAF = u.minVAF
        p.hotspotMinVAF = u.hotspotMinVAF
        p.indelErrorRate = u.indelErrorRate
        var caller = PanelCaller(panel: panel, naming: naming, parameters: p)
        caller.substitutionErrors = errors
        // The duplex tier's background: every target position but the SNV hotspots' own, and the bases
        // the targets' reads carry around them (`counted.flanks`, `BackgroundFlank`).
        let hotspotPositions = umiBackgroundExclusions(panel)
        caller.duplexBackground = DuplexBackground.estimate(counted.targets, reference: panel.reference, maxVAF: u.backgroundMaxVAF,
                                                            exclude: hotspotPositions, flanks: counted.flanks?.duplex)
        // The family-class tier's background, over the same bases.
        caller.familyClassBackground = FamilyClassBackground.estimate(counted.targets, reference: panel.reference, maxVAF: u.backgroundMaxVAF,
                                                                      exclude: hotspotPositions, flanks: counted.flanks?.classes)
        var result = caller.call(molecules, reference: panel.reference)

        // Raw reads beside the molecules.
        for i in result.variants.indices {
            let v = result.variants[i]
            let r = rawEvidence(raw, chrom: naming.panel(v.chrom), pos: v.pos, ref: v.ref, alt: v.alt)
            result.variants[i].readDepth = r.depth
            result.variants[i].readAltDepth = r.alt
        }
        for i in result.hotspots.indices {
            let h = result.hotspots[i]
            result.hotspots[i].readDepth = rawEvidence(raw, chrom: naming.panel(h.chrom), pos: h.pos, ref: h.ref, alt: h.alt).depth
        }
        let summary = umiSummary(decision.tag, counted: counted, raw: raw, errors: errors, hotspots: result.hotspots)
        result.qc.umi = summary
        var notes = ["\(o.input): reads carry \(decision.tag) UMIs: UMI consensus mode; variants, hotspots and limits of detection count consensus molecules (\(TextFormat.grouped(summary.molecules)) molecules from \(TextFormat.grouped(summary.readsTagged)) tagged reads; families of ≥ \(u.minFamilySize) read pair(s)\(u.requireDuplex ? ", duplex only" : ""))"]
        if summary.readsUntagged > 0 {
            notes.append("\(o.input): \(TextFormat.grouped(summary.readsUntagged)) read(s) in the targets carry no \(decision.tag) tag and were left out of the molecules")
        }
        let malformed = summary.readsMalformed.values.reduce(0, +)
        if malformed > 0 {
            let why = summary.readsMalformed.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            notes.append("\(o.input): \(TextFormat.grouped(malformed)) read(s) with malformed UMIs were left out (\(why))")
        }
        // The QC and each hotspot's result in molecules are the report's UMI section (qc.umi), not notes.
        notes.append("UMI consensus thresholds: families of ≥ \(u.minFamilySize) read pair(s)\(u.requireDuplex ? ", both strands required" : ""); consensus per fgbio with pre-UMI error Q\(u.errorRatePreUMI) and post-UMI error Q\(u.errorRatePostUMI); UMIs with > \(u.maxUMINs) N left out; allele-fraction floors \(UMIText.percent(u.minVAF)) (hotspots \(UMIText.percent(u.hotspotMinVAF))); background error per substitution from the sample's molecules (floor \(u.minBackgroundError)); hotspot SNVs also called on ≥ \(DuplexHotspotTier.minDuplexMolecules) duplex molecules (both strands showing the allele) significant against the sample's duplex background (Bonferroni over the panel's hotspot SNVs, α \(DuplexHotspotTier.alpha)), or on alternate molecules weighted by family class (duplex, one strand of ≥ 3, 2, 1 read pairs) against each class's background per substitution and CpG context (same α); phasing and MNV merging count molecules, not read pairs")
        return (result, notes)
    }

    /// The positions UMI mode's backgrounds leave out: the panel's SNV hotspots (a variant must not raise its own background).
    static func umiBackgroundExclusions(_ panel: Panel) -> Set<DuplexBackground.ExcludedPosition> {
        Set(panel.hotspots.filter(\.isSNV).map { DuplexBackground.ExcludedPosition(chrom: $0.chrom, pos: $0.pos) })
    }

    /// How reads become molecules, from the run's UMI thresholds (calling, phasing and MNV merging alike).
    static func moleculeCounting(_ o: CallOptions, decision: UMIDecision, filter: ReadFilter) -> MoleculeCounting {
        let u = o.parameters.umi
        return MoleculeCounting(
            tag: decision.tag, filter: filter, maxN: u.maxUMINs, minFamilySize: u.minFamilySize, requireDuplex: u.requireDuplex,
            consensus: ConsensusModel(preUMIError: phred(u.errorRatePreUMI), postUMIError: phred(u.errorRatePostUMI),
                                      minInputQuality: UInt8(clamping: o.parameters.minBaseQuality), deletionError: o.parameters.indelErrorRate,
                                      maxConsensusError: u.maxConsensusError ?? 1))
    }

    /// A Phred value as a probability.
    static func phred(_ q: Int) -> Double { pow(10, -Double(q) / 10) }

    /// Raw read depth and alternate reads at a VCF allele (indels: at the aligner's own placement, which may differ).
    static func rawEvidence(_ raw: [TargetCounts], chrom: String, pos: Int, ref: String, alt: String) -> (depth: Int, alt: Int) {
        let isSNV = ref.utf8.count == 1 && alt.utf8.count == 1
        let pos0 = isSNV ? pos - 1 : pos
        guard let tc = raw.first(where: { $0.target.interval.chrom == chrom && $0.counts.region.start <= pos0 && pos0 < $0.counts.region.end }) else { return (0, 0) }
        let depth = tc.counts.depth(at: pos0) + tc.counts.deletions(at: pos0)
        if isSNV {
            let slot: RegionCounts.Base = switch alt { case "A": .a; case "C": .c; case "G": .g; case "T": .t; default: .n }
            return (depth, slot == .n ? 0 : tc.counts.count(slot, at: pos0))
        }
        let key = RegionCounts.IndelKey(anchor: pos - 1, deletedLength: max(0, ref.utf8.count - 1),
                                        inserted: ref.utf8.count == 1 ? String(alt.dropFirst()) : "")
        return (depth, tc.counts.indels[key]?.total ?? 0)
    }

    static func umiSummary(_ tag: UMITag, counted: ConsensusCounter.Result, raw: [TargetCounts], errors: SubstitutionErrors,
                           hotspots: [HotspotCall]) -> UMISummary {
        let cap = UMISummary.histogramCap
        var perTarget: [UMITargetQC] = []
        for (k, tc) in counted.targets.enumerated() {
            let fams = counted.stats[k].families
            let r = tc.counts.region
            var mol = 0, rawSum = 0
            // Looked up once per target: searching (and copying) the raw counts per position was a
            // sixth of a 5,000x UMI sample's calling time.
            // Found by index and unwrapped once: `first(where:)` copied each target's counts it passed, and
            // an optional unwrapped per position copied the counts (retain, release) at every position.
            let molCounts = tc.counts
            for p in r.start..<r.end { mol += molCounts.depth(at: p) + molCounts.deletions(at: p) }
            if let i = raw.indices.first(where: { raw[$0].target == tc.target }) {
                let rc = raw[i].counts
                for p in r.start..<r.end { rawSum += rc.depth(at: p) + rc.deletions(at: p) }
            }
            let n = Double(max(1, r.length))
            var f = UMIFamilyTotals(cap: cap)
            for fam in fams { f.add(fam) }
            perTarget.append(UMITargetQC(gene: tc.target.gene, exon: tc.target.exon, meanRawDepth: Rounding.places(Double(rawSum) / n, 1),
                                         meanMolecules: Rounding.places(Double(mol) / n, 1), families: f.families, singletons: f.singletons,
                                         duplexFraction: Rounding.fraction(Double(f.countedDuplex) / Double(max(1, f.counted))),
                                         familySizeHistogram: f.sizeHistogram))
        }
        // Families overlapping two targets of one cluster are one family. Each list holds the families overlapping its
        // target's region (`ConsensusCounter`), on the input's contig (compared only with each other here).
        let all = UMIFamilyTotals.union(counted.stats.map(\.families), cap: cap, regions: counted.targets.map { tc in
            GenomicRegion(contig: tc.target.interval.chrom, start: tc.target.interval.start - 1, end: tc.target.interval.end)
        })
        var malformed: [String: Int] = [:]
        for s in counted.stats { for (p, c) in s.malformed { malformed[p.rawValue, default: 0] += c } }
        let statements = hotspots.map { h -> String in
            let name = h.name.hasPrefix(h.gene + " ") ? h.name : "\(h.gene) \(h.name)"
            let lod = h.lod.map { "LOD \(UMIText.percent($0))" } ?? "LOD not assessable"
            switch h.status {
            case .detected:
                return "\(name) detected in \(TextFormat.grouped(h.altDepth)) of \(TextFormat.grouped(h.depth)) molecules (\(UMIText.percent(h.vaf)))"
            case .notDetected:
                return "\(name) not detected; \(TextFormat.grouped(h.depth)) molecules; \(lod)"
            case .lowCoverage:
                return "\(name) not assessable (low coverage); \(TextFormat.grouped(h.depth)) molecules; \(lod)"
            }
        }
        return UMISummary(tag: tag.name, readsTagged: counted.stats.reduce(0) { $0 + $1.tagged },
                          readsUntagged: counted.stats.reduce(0) { $0 + $1.untagged }, readsMalformed: malformed,
                          families: all.families, singletons: all.singletons,
                          duplexFamilies: all.duplex, molecules: all.counted,
                          familySizeHistogram: all.sizeHistogram,
                          substitutionErrors: errors.named.mapValues { Double(Float($0)) }, targets: perTarget, hotspotStatements: statements)
    }
}

/// Numbers as the UMI statements write them.
enum UMIText {
    /// A fraction as a percentage, two decimals below 1% (0.0025 → "0.25%"), one above (0.306 → "30.6%").
    static func percent(_ x: Double) -> String {
        x < 0.01 ? "\((x * 10_000).rounded() / 100)%" : TextFormat.percent(x)
    }
}
