import G2TCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copy number of panel genes from target depth against a panel of normals.
///
/// Each target's depth is divided by the normals' expected depth; a gene's ratio R is the median over
/// its targets. What R is measured against (the baseline):
/// - **off-target** (preferred): target depth per million off-target reads on the autosomes without
///   panel targets, against the same in the normals, so R is relative to the genome's average (taken
///   as 2 copies), as CNVkit scales by antitarget bins. The gene's chromosome gets its own ratio from
///   its off-target reads, which tells a chromosome 7 gain from a focal one. Assumes the tumour
///   library's on-/off-target balance is the normals' (same assay); the normals' spread of that
///   balance is stated in the note.
/// - without usable off-target reads (a BAM cut down to the targets, a CRAM, an old panel of
///   normals): the median gene ratio with three genes or more, otherwise the lower of two gene
///   ratios, that gene assumed diploid and itself not assessed. A chromosome 7 gain cannot be told
///   from a focal gain then, and every call says so.
/// Copies from R and purity p (normal cells diploid): R = (p·CN + 2(1 − p)) / 2, so
/// CN = (2R − 2(1 − p)) / p, clamped at 0; without a purity CN = 2R (as if all tumour).
package enum CopyNumberEstimator {
    // Thresholds (depth, gain/amplification/loss copies, off-target reads, focal excess) come in as
    // `CallingParameters.CopyNumber`, where each has its reason.

    /// One normal's measurements for the panel.
    package struct Normal: Sendable {
        package var id: String
        package var targets: [TargetCoverage]
        package var offTarget: OffTargetCounts?
        package init(id: String, targets: [TargetCoverage], offTarget: OffTargetCounts? = nil) {
            self.id = id
            self.targets = targets
            self.offTarget = offTarget
        }
    }

    /// A panel of normals from each normal's per-target coverage (same targets, same order) and
    /// off-target counts; `sites` from `NormalSites.sites`.
    package static func panel(build: String, normals: [Normal], sites: [PanelOfNormals.Site]? = nil,
                             siteRule: String? = nil, thresholds th: CallingParameters.CopyNumber = .init()) throws -> PanelOfNormals {
        guard let first = normals.first else { throw CopyNumberError.noNormals }
        var medians: [Double] = []
        var relative: [[Double]] = []
        for n in normals {
            guard n.targets.count == first.targets.count,
                  zip(n.targets, first.targets).allSatisfy({ $0.start == $1.start && $0.chrom == $1.chrom }) else {
                throw CopyNumberError.targetsDiffer(n.id)
            }
            let m = median(n.targets.map(\.meanDepth).filter { $0 >= 1 })
            guard m > 0 else { throw CopyNumberError.noCoverage(n.id) }
            medians.append(m)
            relative.append(n.targets.map { $0.meanDepth / m })
        }
        // The off-target scale, only when every normal has enough off-target reads.
        var scale: PanelOfNormals.OffTargetScale?
        var scaleNote: String?
        let counts = normals.compactMap(\.offTarget)
        if let short = normals.first(where: { ($0.offTarget?.smallestGenomeScale ?? 0) < th.minOffTargetReads }) {
            scaleNote = "\(short.id) has \(short.offTarget?.smallestGenomeScale ?? 0) off-target reads on the other autosomes (beyond the targets), "
                + "fewer than \(th.minOffTargetReads), so the panel of normals has no off-target scale"
        } else {
            var fraction: [String: Double] = [:]
            for chrom in Set(counts.flatMap(\.panelChromosomes.keys)).sorted()
            where counts.allSatisfy({ ($0.panelChromosomes[chrom] ?? 0) >= th.minOffTargetReads }) {
                fraction[chrom] = round6(median(counts.map { Double($0.panelChromosomes[chrom] ?? 0) / Double($0.genome(excluding: chrom)) }))
            }
            let capture = zip(medians, counts).map { $0 / (Double($1.genome(excluding: nil)) / 1e6) }
            let mid = median(capture)
            scale = PanelOfNormals.OffTargetScale(perNormal: counts, chromosomeFraction: fraction,
                                                  captureSpread: round4(mid > 0 ? median(capture.map { abs($0 - mid) }) / mid : 0))
        }
        let targets = first.targets.enumerated().map { i, t -> PanelOfNormals.Target in
            let values = relative.map { $0[i] }
            let med = median(values)
            let perOffTarget = scale.map { _ in
                round4(median(zip(normals, counts).map { n, c in n.targets[i].meanDepth / (Double(c.genome(excluding: panelName(t.chrom))) / 1e6) }))
            }
            return PanelOfNormals.Target(gene: t.gene, exon: t.exon, chrom: t.chrom, start: t.start, end: t.end,
                                         relativeDepth: round4(med), mad: round4(median(values.map { abs($0 - med) })),
                                         depthPerMillionOffTarget: perOffTarget)
        }
        return PanelOfNormals(build: build, normals: normals.map(\.id), medianDepths: medians.map(round4), targets: targets,
                              offTarget: scale, offTargetNote: scaleNote, sites: sites, siteRule: siteRule)
    }

    /// Copy number per gene of a tumour whose targets are `targets` and whose off-target counts are
    /// `offTarget` (nil: none). `purity` in (0, 1] corrects the copies for normal cells; nil leaves
    /// them uncorrected (as if all tumour), and each call's note says so.
    package static func estimate(_ targets: [TargetCoverage], offTarget: OffTargetCounts?, pon: PanelOfNormals,
                                purity: Double?, thresholds th: CallingParameters.CopyNumber = .init()) -> [CopyNumberCall] {
        // A gene without a single read in the tumour was not captured (or its chromosome is absent):
        // not assessed, and kept out of every baseline, rather than called a deep loss.
        let withReads = Set(targets.filter { $0.meanDepth > 0 }.map(\.gene))
        let unread = Array(Set(targets.map(\.gene)).subtracting(withReads)).sorted().map { g in
            CopyNumberCall(gene: g, log2Ratio: nil, copies: nil, status: .notAssessed, targets: 0, purity: purity.flatMap { $0 > 0 && $0 <= 1 ? $0 : nil },
                           note: "Not assessed: no read in any \(g) target (not captured, or not in the input); a deletion of the whole gene cannot be told from that.")
        }
        let measured = estimateWithReads(targets.filter { withReads.contains($0.gene) }, offTarget: offTarget, pon: pon, purity: purity, thresholds: th)
        return (measured + unread).sorted { $0.gene < $1.gene }
    }

    static func estimateWithReads(_ targets: [TargetCoverage], offTarget: OffTargetCounts?, pon: PanelOfNormals,
                                  purity: Double?, thresholds th: CallingParameters.CopyNumber) -> [CopyNumberCall] {
        let expected = Dictionary(pon.targets.map { (key($0.chrom, $0.start, $0.end), $0) }, uniquingKeysWith: { a, _ in a })
        let genes = Array(Set(targets.map(\.gene))).sorted()
        var chromOf: [String: String] = [:]
        var raw: [String: [Double]] = [:], scaled: [String: [Double]] = [:]
        let why = offTargetProblem(offTarget, pon: pon, minReads: th.minOffTargetReads)
        for t in targets {
            chromOf[t.gene] = chromOf[t.gene] ?? panelName(t.chrom)
            guard let e = expected[key(t.chrom, t.start, t.end)], e.relativeDepth >= th.minRelativeDepth else { continue }
            raw[t.gene, default: []].append(t.meanDepth / e.relativeDepth)
            if why == nil, let d = e.depthPerMillionOffTarget, d > 0 {
                // Against the other chromosomes' off-target reads, as the normals' scale was taken.
                let perMillion = Double(offTarget?.genome(excluding: panelName(t.chrom)) ?? 0) / 1e6
                if perMillion > 0 { scaled[t.gene, default: []].append(t.meanDepth / perMillion / d) }
            }
        }
        let p = purity.flatMap { $0 > 0 && $0 <= 1 ? $0 : nil }
        let purityText = p.map { "Corrected for purity \(TextFormat.fixed($0, 2)): CN = (2R − 2(1 − p)) / p." }
            ?? (purity.map { "Purity \($0) is outside (0, 1]: copies not corrected (as if all tumour)." }
                ?? "Not corrected for purity (none given): copies as if the sample were all tumour, so gains and losses are understated.")
        func missing(_ g: String) -> CopyNumberCall {
            CopyNumberCall(gene: g, log2Ratio: nil, copies: nil, status: .notAssessed, targets: 0, purity: p,
                           note: "Not assessed: the panel of normals has no usable targets for \(g) (none, or below "
                               + "\(Int(th.minRelativeDepth * 100))% of the normals' median depth); was it built with another target set?")
        }
        func call(_ g: String, ratio r: Double, n: Int, baseline: CopyNumberBaseline, lossCallable: Bool,
                  chromosome: Double?, note: String) -> CopyNumberCall {
            let cn = copies(ratio: r, purity: p)
            let status: CopyNumberCall.Status = cn >= th.amplificationCopies ? .amplification : cn >= th.gainCopies ? .gain
                : (lossCallable && cn < th.lossCopies) ? .loss : .neutral
            return CopyNumberCall(gene: g, log2Ratio: round4(r > 0 ? log2(r) : -10), copies: round4(cn), status: status, targets: n,
                                  baseline: baseline, purity: p, chromosomeCopies: chromosome.map(round4), note: note + " " + purityText)
        }

        if why == nil, let ot = offTarget, let scale = pon.offTarget {
            let spread = "the normals' on-/off-target balance varies by \(TextFormat.fixed(scale.captureSpread * 100, 0))%"
            return genes.map { g -> CopyNumberCall in
                guard let rs = scaled[g], !rs.isEmpty, let chrom = chromOf[g] else { return missing(g) }
                var chromCopies: Double?
                if let frac = scale.chromosomeFraction[chrom], frac > 0, let n = ot.panelChromosomes[chrom], n >= th.minOffTargetReads {
                    chromCopies = copies(ratio: Double(n) / Double(ot.genome(excluding: chrom)) / frac, purity: p)
                }
                let r = median(rs)
                let cn = copies(ratio: r, purity: p)
                var text = "Relative to the genome average (2 copies) from \(ot.genome(excluding: chrom)) off-target reads on the other autosomes, against the normals' (\(spread))."
                let bare = chrom.hasPrefix("chr") ? String(chrom.dropFirst(3)) : chrom
                if let c = chromCopies {
                    let level = "hromosome \(bare) as a whole is at \(TextFormat.fixed(c, 1)) copies (its off-target reads)"
                    if cn < th.gainCopies && cn >= th.lossCopies {
                        text += " For reference, c\(level)."
                    } else if abs(cn - c) < th.focalExcessCopies {
                        text += " C\(level): a whole-chromosome change, not a focal one."
                    } else {
                        text += " C\(level): the change is focal (or arm-level)."
                    }
                } else {
                    text += " Chromosome \(bare) has too few off-target reads (needs ≥ \(th.minOffTargetReads)): chromosome \(bare) gain cannot be told from focal gain."
                }
                return call(g, ratio: r, n: rs.count, baseline: .offTarget, lossCallable: true, chromosome: chromCopies, note: text)
            }
        }

        // Each panel chromosome's own level needs off-target reads: without them a whole-chromosome
        // gain looks like a focal one.
        func reason(_ g: String) -> String {
            let chrom = chromOf[g] ?? "?"
            let bare = chrom.hasPrefix("chr") ? String(chrom.dropFirst(3)) : chrom
            return "No usable off-target reads: \(why ?? "none"); chromosome \(bare) gain cannot be told from focal gain."
        }
        let usable = genes.filter { !(raw[$0] ?? []).isEmpty }
        let ratio = Dictionary(uniqueKeysWithValues: usable.map { ($0, median(raw[$0] ?? [])) })
        if usable.count >= 3, case let base = median(usable.compactMap { ratio[$0] }), base > 0 {
            let calls = genes.map { g in
                guard let r = ratio[g] else { return missing(g) }
                return call(g, ratio: r / base, n: raw[g]?.count ?? 0, baseline: .panelMedian, lossCallable: true, chromosome: nil,
                            note: reason(g) + " Relative to the median of the \(usable.count) panel genes, taken as 2 copies.")
            }
            return sameChromosomeContext(calls, chromOf: chromOf, thresholds: th)
        }
        if usable.count == 2, let b = usable.min(by: { (ratio[$0] ?? 0, $0) < (ratio[$1] ?? 0, $1) }), let base = ratio[b], base > 0 {
            return genes.map { g in
                guard let r = ratio[g] else { return missing(g) }
                if g == b {
                    return CopyNumberCall(gene: g, log2Ratio: nil, copies: nil, status: .notAssessed, targets: raw[g]?.count ?? 0,
                                          baseline: .lowestGene, purity: p,
                                          note: reason(g) + " \(g) is the baseline: of the two panel genes it has the lower depth ratio and is assumed to have 2 copies; its own copy number is not measured.")
                }
                return call(g, ratio: r / base, n: raw[g]?.count ?? 0, baseline: .lowestGene, lossCallable: false, chromosome: nil,
                            note: reason(g) + " Relative to \(b) (the lower of the two panel genes), assumed to have 2 copies; losses are not called.")
            }
        }
        return genes.map { g in
            guard raw[g] != nil else { return missing(g) }
            return CopyNumberCall(gene: g, log2Ratio: nil, copies: nil, status: .notAssessed, targets: raw[g]?.count ?? 0, purity: p,
                                  note: reason(g) + " Not assessed: no other panel gene has targets in both the tumour and the panel of normals, so there is nothing to measure \(g) against.")
        }
    }

    /// Without off-target reads a gained gene is still compared with the panel genes on its own
    /// chromosome (EGFR, BRAF and MET share chromosome 7): when they are not gained, the gain is focal
    /// relative to them — polysomy would raise them too; when they are gained alike, it may be polysomy.
    static func sameChromosomeContext(_ calls: [CopyNumberCall], chromOf: [String: String],
                                      thresholds th: CallingParameters.CopyNumber) -> [CopyNumberCall] {
        calls.map { c in
            guard c.status == .gain || c.status == .amplification, let cn = c.copies, let chrom = chromOf[c.gene] else { return c }
            let others = calls.filter { $0.gene != c.gene && chromOf[$0.gene] == chrom && $0.copies != nil }
            guard !others.isEmpty else { return c }
            let bare = chrom.hasPrefix("chr") ? String(chrom.dropFirst(3)) : chrom
            let list = others.map { "\($0.gene) \(TextFormat.fixed($0.copies ?? 0, 1))" }.joined(separator: ", ")
            var out = c
            if others.allSatisfy({ cn - ($0.copies ?? 0) >= th.focalExcessCopies && $0.status != .gain && $0.status != .amplification }) {
                out.note = (c.note ?? "") + " The other panel genes on chromosome \(bare) are not gained (\(list) copies): the \(c.gene) gain is focal relative to them, not chromosome \(bare) polysomy (which would raise them too)."
            } else {
                out.note = (c.note ?? "") + " Other panel genes on chromosome \(bare) are at \(list) copies: chromosome \(bare) polysomy cannot be excluded."
            }
            return out
        }
    }

    /// Why the off-target scale cannot be used for this tumour, or nil when it can.
    static func offTargetProblem(_ ot: OffTargetCounts?, pon: PanelOfNormals, minReads minOffTargetReads: Int) -> String? {
        guard pon.offTarget != nil else {
            return pon.offTargetNote ?? "the panel of normals has no off-target counts (format \(pon.format); rebuild it with `g2t pon build`)"
        }
        guard let ot else { return "the input's index keeps no read counts (CRAM, or no index)" }
        guard ot.smallestGenomeScale >= minOffTargetReads else {
            return "\(ot.smallestGenomeScale) off-target reads on the other autosomes (beyond the targets), fewer than \(minOffTargetReads) (alignments cut down to the targets?)"
        }
        return nil
    }

    /// Total copies in the tumour cells from the depth ratio R to a diploid baseline and purity p:
    /// CN = (2R − 2(1 − p)) / p, clamped at 0 (noise can push R below the normal cells' share); 2R without p.
    package static func copies(ratio r: Double, purity p: Double?) -> Double {
        guard let p, p > 0, p <= 1 else { return max(0, 2 * r) }
        return max(0, (2 * r - 2 * (1 - p)) / p)
    }

    /// Target key that ignores the "chr" prefix ("chr7" and "7" are the same chromosome).
    static func key(_ chrom: String, _ start: Int, _ end: Int) -> String {
        "\(panelName(chrom)):\(start)-\(end)"
    }

    /// The panel's name of a chromosome: "7" → "chr7".
    package static func panelName(_ chrom: String) -> String {
        chrom.hasPrefix("chr") ? chrom : "chr" + chrom
    }

    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func round4(_ x: Double) -> Double { Rounding.places(x, 4) }
    static func round6(_ x: Double) -> Double { Rounding.places(x, 6) }
}

/// Why a panel of normals cannot be built or used.
package enum CopyNumberError: Error, Equatable, Sendable, CustomStringConvertible {
    case noNormals
    case targetsDiffer(String)
    case noCoverage(String)

    package var description: String {
        switch self {
        case .noNormals: return "a panel of normals needs at least one normal sample"
        case .targetsDiffer(let s): return "\(s): its targets differ from the first normal's (another panel or build?)"
        case .noCoverage(let s): return "\(s): no target has coverage; is it a sample of this panel?"
        }
    }
}
