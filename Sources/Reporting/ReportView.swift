import G2TCore

/// What the HTML template shows, prepared from an `Analysis`: strings already formatted,
/// sections as flags. The template engine escapes every value.
struct ReportView {
    struct Line { var text: String; var cssClass: String }
    struct Evidence { var effect, biomarker, matchedBy, levels, sources: String }
    struct Therapy {
        var drug, drugClass, pgp, call, score, explanation, mdrRisk: String
        var mdrNote, context, setting, panelLimit: String?
        var evidence: [Evidence]
    }
    struct CopyNumber { var gene, log2Ratio, copies, status, targets, note: String }
    struct Expression { var gene, tpm, source: String }
    struct Informational { var biomarker, matchedBy, statement, level, sources: String }
    struct Variant { var gene, hgvsc, hgvsp, hgvspShort, consequence, exon, chrom, pos, ref, alt, vafPercent, depth, altDepth, filter, tier: String
        var origin, originEvidence, ccf, zygosity, population: String }
    struct Field { var name, value: String }
    struct Genotype { var gene, name, rsid, position, genotype, status, depth, quality: String }
    struct Phase { var variants, relation, both, firstOnly, secondOnly, neither: String }
    struct Hotspot { var name, hgvsc, hgvsp, status, depth, altDepth, vafPercent, lodPercent: String }
    struct Target { var gene, exon, chrom, start, end, meanDepth, minDepth, coveredPercent: String }
    struct Input { var path, format, sha256: String }
    struct Bar { var x, y, width, height: String; var cssClass, label: String }
    struct Dot { var cx, cy: String; var label: String }

    var disclaimer: String
    var fields: [Field]
    var hasPhases: Bool
    var phases: [Phase]
    var hasGenotypes: Bool
    var genotypes: [Genotype]
    var sampleId, tumorType, build, referenceSource, date, softwareVersion, htslibVersion: String
    var kbName, kbVersion, kbSha256: String
    var kbDataDate: String?
    var summaryLines: [Line]
    var hasTherapies: Bool
    var therapies: [Therapy]
    var hasVariants: Bool
    var variants: [Variant]
    var hasGermline: Bool
    var germline: [Variant]
    var germlineCount: String
    var originBasis, purityText, subclonalBelow: String
    var tumourOnly: Bool
    var transcripts: String
    var hotspots: [Hotspot]
    var meanDepth: String
    var targets: [Target]
    var minHotspotDepth, minMappingQuality, minBaseQuality, minAltFragments, minVAFPercent, excludedFlags: String
    var hotspotMinAlt, hotspotMinVAFPercent, maxLODPercent, minLOD, hotspotMinLOD: String
    var inputs: [Input]
    var notes: [String]
    var hasCoverage: Bool
    var hasCopyNumber: Bool
    var copyNumber: [CopyNumber]
    var expression: [Expression]
    var mdrRisk, mdrText, mdrLevel: String
    var mdrEvidence, mdrNotAssessed: [String]
    var mdrSources: String?
    var hasInformational: Bool
    var informational: [Informational]
    var coverageBars: [Bar]
    var chartWidth: String
    var thresholdY: String
    var maxDepthLabel: String
    var hasVAFPlot: Bool
    var vafDots: [Dot]
    var vafHeight: String

    init(_ a: Analysis, disclaimer: String, genes: [PanelGene]) {
        let mdrGene = genes.first { $0.roles.contains(.mdr) }?.symbol ?? "P-gp"
        self.disclaimer = disclaimer
        fields = a.sample.fields.map { Field(name: $0.name, value: $0.value) }
            + (a.sample.priorTherapies.map { [Field(name: "Prior therapy", value: $0.isEmpty ? "none" : $0.joined(separator: ", "))] } ?? [])
        genotypes = a.genotypes.map { g in
            Genotype(gene: g.gene, name: g.name, rsid: g.rsid, position: "\(g.chrom):\(g.pos)", genotype: g.genotype,
                     status: g.status.rawValue, depth: String(g.depth), quality: g.status == .called && g.quality > 0 ? String(g.quality) : "–")
        }
        hasGenotypes = !genotypes.isEmpty
        phases = a.phases.map { p in
            Phase(variants: p.variants.joined(separator: " + "), relation: p.relation.rawValue, both: String(p.both),
                  firstOnly: String(p.firstOnly), secondOnly: String(p.secondOnly), neither: String(p.neither))
        }
        hasPhases = !phases.isEmpty
        sampleId = a.sample.id
        tumorType = a.sample.tumorType.map { code in a.sample.tumorTypeName.map { "\($0) (\(code))" } ?? code } ?? "not given"
        build = a.reference.build.rawValue
        referenceSource = a.reference.source
        date = a.date
        softwareVersion = a.software.version + (a.software.commit.map { " (commit \($0))" } ?? "")
        htslibVersion = a.software.htslib
        kbName = a.knowledgeBase?.name ?? "none"
        kbVersion = a.knowledgeBase?.version ?? "(not scored)"
        kbSha256 = a.knowledgeBase?.sha256 ?? "-"
        kbDataDate = a.knowledgeBase?.oncokbDataDate
        summaryLines = Self.summary(a, summaryGenes: genes.filter { $0.roles.contains(.summary) }.map(\.symbol), mdrGene: mdrGene)
        therapies = a.therapies.map { t in
            Therapy(drug: t.drug, drugClass: t.drugClass, pgp: t.pgpSubstrate.text, call: t.call.rawValue, score: Self.number(t.score),
                    explanation: t.explanation, mdrRisk: t.mdrRisk.rawValue,
                    mdrNote: t.pgpSubstrate == .yes ? t.mdrNote : nil, context: t.context,
                    setting: t.setting.map { s in t.inSetting == false ? "\(s) (does not match the prior therapies given)" : s },
                    panelLimit: t.panelLimit,
                    evidence: t.evidence.map { e in
                        let levels = [e.oncokbLevel.isEmpty ? nil : "OncoKB \(e.oncokbLevel)", e.ampLevel.isEmpty ? nil : "AMP \(e.ampLevel)"]
                            .compactMap { $0 }.joined(separator: ", ")
                        let scope = e.tumorTypes.isEmpty ? "" : " in \(e.tumorTypes.joined(separator: "/"))"
                        let note = e.inTumorType ? (e.counted ? "" : " (weaker statement: not counted)")
                            : " (another tumour type: not counted)"
                        return Evidence(effect: e.effect.rawValue, biomarker: e.biomarker, matchedBy: e.matchedBy,
                                        levels: levels + scope + note, sources: e.sources.joined(separator: "; "))
                    })
        }
        hasTherapies = !therapies.isEmpty
        copyNumber = (a.copyNumber ?? []).map { c in
            CopyNumber(gene: c.gene, log2Ratio: c.log2Ratio.map { TextFormat.fixed($0, 2) } ?? "–", copies: c.copies.map { TextFormat.fixed($0, 1) } ?? "–",
                       status: c.status.rawValue, targets: String(c.targets), note: c.note ?? "")
        }
        hasCopyNumber = a.copyNumber != nil
        expression = (a.expression ?? []).map { Expression(gene: $0.gene, tpm: TextFormat.fixed($0.tpm, 1), source: $0.source) }
        let mdr = a.mdr
        mdrRisk = mdr?.risk.rawValue ?? "none"
        mdrText = Self.mdrText(mdr, gene: mdrGene)
        mdrLevel = mdr?.level ?? ""
        mdrEvidence = mdr?.evidence ?? []
        mdrNotAssessed = mdr?.notAssessed ?? []
        mdrSources = (mdr?.sources.isEmpty ?? true) ? nil : mdr?.sources.joined(separator: "; ")
        informational = (a.informational ?? []).map {
            Informational(biomarker: $0.biomarker, matchedBy: $0.matchedBy, statement: $0.statement, level: $0.level,
                          sources: $0.sources.joined(separator: "; "))
        }
        hasInformational = !informational.isEmpty
        let rows = a.variants.map { v in
            Variant(gene: v.gene ?? "", hgvsc: v.hgvsc ?? "", hgvsp: v.hgvsp ?? "", hgvspShort: v.hgvspShort.map { "(\($0.dropFirst(2)))" } ?? "",
                    consequence: (v.consequence ?? "").replacingAmpersands(), exon: v.exon.map(String.init) ?? "",
                    chrom: v.chrom, pos: String(v.pos), ref: v.ref, alt: v.alt, vafPercent: v.vaf.map(Self.percent) ?? "unknown",
                    depth: String(v.depth), altDepth: String(v.altDepth), filter: v.filter, tier: v.tier ?? "–",
                    origin: (v.origin?.rawValue ?? "–") + (v.possiblyGermline == true ? " (possibly germline)" : ""),
                    originEvidence: (v.originEvidence ?? []).map { "\($0.source.rawValue): \($0.detail)" }.joined(separator: "; "),
                    ccf: v.ccf.map { "\(TextFormat.fixed($0.value, 2)) (\(TextFormat.fixed($0.low, 2))–\(TextFormat.fixed($0.high, 2)))" } ?? "–",
                    zygosity: v.zygosity?.rawValue ?? "–",
                    population: v.population.map { p in "\(p.rsid ?? "") popmax \(Self.percent(p.afPopmax))\(p.popmaxPopulation.map { " (\($0))" } ?? "")" } ?? "not in resource")
        }
        variants = zip(a.variants, rows).filter { !$0.0.isGermlineFinding }.map(\.1)
        germline = zip(a.variants, rows).filter { $0.0.isGermlineFinding }.map(\.1)
        hasVariants = !variants.isEmpty
        hasGermline = !germline.isEmpty
        germlineCount = String(germline.count)
        let normal = a.inputs.contains { $0.format.hasSuffix("(matched normal)") }
        tumourOnly = !normal
        originBasis = normal ? "the matched normal, population frequency and allele fraction" : "population frequency and allele fraction (tumour-only)"
        if let p = a.sample.purity, let value = p.value {
            let other = p.source == .given ? p.estimated.map { "; estimated from somatic VAFs \(TextFormat.fixed($0, 2))" } ?? "; no estimate from the data" : ""
            purityText = "\(TextFormat.fixed(value, 2)) (\(p.source.rawValue)\(other))"
        } else {
            purityText = "unknown (not given, no somatic variant to estimate it from: CCF not computed)"
        }
        subclonalBelow = TextFormat.fixed(CancerCellFraction.subclonalBelow, 1)
        transcripts = Array(Set(a.variants.compactMap { v in v.transcript.map { "\(v.gene ?? "") \($0)" } })).sorted().joined(separator: ", ")
        hotspots = a.hotspots.map { h in
            Hotspot(name: h.name, hgvsc: h.hgvsc, hgvsp: h.hgvsp, status: h.status.rawValue, depth: String(h.depth),
                    altDepth: String(h.altDepth), vafPercent: Self.percent(h.vaf), lodPercent: h.lod.map(Self.percent) ?? "–")
        }
        meanDepth = Self.number(a.qc.meanTargetDepth)
        targets = a.qc.targets.map { t in
            Target(gene: t.gene, exon: String(t.exon), chrom: t.chrom, start: String(t.start), end: String(t.end),
                   meanDepth: Self.number(t.meanDepth), minDepth: String(t.minDepth), coveredPercent: Self.percent(t.fractionCovered))
        }
        let p = a.parameters
        minHotspotDepth = String(p.minHotspotDepth)
        hotspotMinAlt = String(p.hotspotMinAltFragments)
        hotspotMinVAFPercent = Self.percent(p.hotspotMinVAF)
        maxLODPercent = Self.percent(p.maxHotspotLOD)
        minLOD = String(p.minLOD)
        hotspotMinLOD = String(p.hotspotMinLOD)
        minMappingQuality = String(p.minMappingQuality)
        minBaseQuality = String(p.minBaseQuality)
        minAltFragments = String(p.minAltFragments)
        minVAFPercent = Self.percent(p.minVAF)
        excludedFlags = p.excludedFlags.joined(separator: ", ")
        inputs = a.inputs.map { Input(path: $0.path, format: $0.format, sha256: $0.sha256) }
        notes = a.notes
        // Coverage chart: one bar per target, scaled to the deepest; the threshold as a line.
        let maxDepth = max(Double(p.minHotspotDepth) * 1.25, a.qc.targets.map(\.meanDepth).max() ?? 0)
        let barW = 12.0, gap = 2.0, plotH = 160.0, top = 10.0
        hasCoverage = !a.qc.targets.isEmpty
        coverageBars = a.qc.targets.enumerated().map { i, t in
            let h = plotH * t.meanDepth / maxDepth
            return Bar(x: Self.svg(40 + Double(i) * (barW + gap)), y: Self.svg(top + plotH - h), width: Self.svg(barW), height: Self.svg(h),
                       cssClass: t.minDepth >= p.minHotspotDepth ? "bar-ok" : "bar-low",
                       label: "\(t.gene) exon \(t.exon): mean \(Self.number(t.meanDepth))×, min \(t.minDepth)×")
        }
        chartWidth = Self.svg(40 + Double(a.qc.targets.count) * (barW + gap) + 10)
        thresholdY = Self.svg(top + plotH - plotH * Double(p.minHotspotDepth) / maxDepth)
        maxDepthLabel = Self.number(maxDepth)
        // VAF plot: every variant, at its allele fraction.
        let withVAF = a.variants.filter { $0.vaf != nil && !$0.isGermlineFinding }
        hasVAFPlot = !withVAF.isEmpty
        // One row per variant: its name on the left, a dot at its allele fraction on a 0–100% axis.
        vafDots = withVAF.enumerated().map { i, v in
            Dot(cx: Self.svg(220 + 500 * (v.vaf ?? 0)), cy: Self.svg(20 + Double(i) * 22),
                label: "\(v.gene ?? v.chrom) \(v.hgvspShort.map { String($0.dropFirst(2)) } ?? v.hgvsc ?? "\(v.pos)") (\(Self.percent(v.vaf ?? 0)))")
        }
        vafHeight = Self.svg(Double(withVAF.count) * 22 + 30)
    }

    /// The one-screen summary: actionable findings, resistance alerts, and the negative when there is one.
    static func summary(_ a: Analysis, summaryGenes: [String], mdrGene: String) -> [Line] {
        var lines: [Line] = []
        // Germline variants are not findings of the tumour; predisposition-site ones are flagged below.
        let passing = a.variants.filter { $0.passed && !$0.isGermlineFinding }
        for v in a.variants where v.possiblyGermline == true {
            lines.append(Line(text: "\(v.hotspot ?? "\(v.gene ?? v.chrom) \(v.hgvsp ?? v.hgvsc ?? "")") (VAF \(v.vaf.map(percent) ?? "unknown")): possibly germline: consider germline testing and genetic counselling.", cssClass: "alert"))
        }
        if let p = a.sample.purity, let g = p.given, let e = p.estimated, abs(g - e) > PurityInfo.disagreement {
            lines.append(Line(text: "Purity: given \(TextFormat.fixed(g, 2)), estimated from somatic VAFs \(TextFormat.fixed(e, 2)): they differ by more than \(TextFormat.fixed(PurityInfo.disagreement, 1)); the given value is used.", cssClass: "alert"))
        }
        // One line per finding: the drugs it makes likely to work, with the best level.
        var byFinding: [String: [(drug: String, call: String, level: String)]] = [:]
        for t in a.therapies where t.call == .sensitive || t.call == .likelySensitive {
            for e in t.evidence where e.effect == .sensitivity && e.counted {
                let level = e.oncokbLevel.isEmpty ? "AMP \(e.ampLevel)" : "OncoKB \(e.oncokbLevel)"
                byFinding[e.matchedBy, default: []].append((t.drug, t.call.rawValue, level))
            }
        }
        for (finding, drugs) in byFinding.sorted(by: { $0.key < $1.key }) {
            let list = drugs.map { $0.call == "sensitive" ? $0.drug : "\($0.drug) (\($0.call))" }.joined(separator: ", ")
            let levels = Set(drugs.map(\.level)).sorted().joined(separator: ", ")
            lines.append(Line(text: "\(finding): sensitivity evidence for \(list) [\(levels)]", cssClass: ""))
        }
        var resistance: [String: [String]] = [:]
        for t in a.therapies where t.call == .resistant || t.call == .likelyResistant {
            // P-gp MDR has its own alert line below.
            for b in Set(t.evidence.filter { $0.effect == .resistance && $0.counted && !$0.biomarker.hasPrefix("P-gp") }.map(\.biomarker)) {
                resistance[b, default: []].append(t.call == .resistant ? t.drug : "\(t.drug) (\(t.call.rawValue))")
            }
        }
        for (b, drugs) in resistance.sorted(by: { $0.key < $1.key }) {
            lines.append(Line(text: "Resistance alert — \(b): resistance to \(drugs.sorted().joined(separator: ", "))", cssClass: "alert"))
        }
        if let mdr = a.mdr {
            let substrates = a.therapies.filter { $0.mdrRisk > .none }.map(\.drug).sorted()
            if mdr.risk > .none {
                lines.append(Line(text: "MDR alert — P-gp (\(mdrGene)) multidrug-resistance risk \(mdr.risk.rawValue): \(mdr.evidence.joined(separator: "; ")). P-gp substrates affected: \(substrates.joined(separator: ", ")); non-substrates unaffected [\(mdr.level)].", cssClass: "alert"))
            } else {
                lines.append(Line(text: "P-gp MDR: \(mdrText(mdr, gene: mdrGene)).", cssClass: ""))
            }
        }
        for c in a.copyNumber ?? [] where c.status == .gain || c.status == .amplification {
            lines.append(Line(text: "Copy number: \(c.gene) \(c.status.rawValue), \(TextFormat.fixed(c.copies ?? 0, 1)) copies (log2 ratio \(TextFormat.fixed(c.log2Ratio ?? 0, 2)))\(Self.copyNumberScope(c)).", cssClass: ""))
        }
        for l in a.panelLimits ?? [] {
            if let assessment = l.assessment {
                lines.append(Line(text: "\(l.drugs.joined(separator: ", ")) — \(assessment) \(l.statement)", cssClass: l.wildType == true ? "" : "alert"))
            } else {
                lines.append(Line(text: "Not tested by this panel — \(l.drugs.joined(separator: ", ")): decided by \(l.genes.joined(separator: ", ")). \(l.statement)", cssClass: "alert"))
            }
        }
        let standard = a.therapies.filter { $0.call == .standardOption }.map(\.drug)
        if !standard.isEmpty {
            lines.append(Line(text: "Tumour-type context (per guideline sources; not a prescription): standard options include \(standard.joined(separator: ", ")).", cssClass: ""))
        }
        for i in a.informational ?? [] {
            lines.append(Line(text: "Informational only: \(i.biomarker) (\(i.matchedBy)) — no effect on any call.", cssClass: ""))
        }
        for p in a.phases where p.relation != .unknown {
            let detail = p.relation == .cis ? "\(p.both) fragments carry both" : "\(p.firstOnly) and \(p.secondOnly) fragments carry one each, none both"
            lines.append(Line(text: "Phase: \(p.variants.joined(separator: " and ")) are in \(p.relation.rawValue) (\(detail)).", cssClass: ""))
        }
        // The negative statement, for each gene whose role in genes.tsv includes `summary`.
        for gene in summaryGenes {
            let geneHotspots = a.hotspots.filter { $0.gene == gene }
            guard !passing.contains(where: { $0.gene == gene }) && !geneHotspots.isEmpty else { continue }
            let low = geneHotspots.filter { $0.status == .lowCoverage }
            let minDepth = geneHotspots.map(\.depth).min() ?? 0
            let worstLOD = geneHotspots.compactMap(\.lod).max()
            if low.isEmpty && minDepth > 0, let worstLOD {
                lines.append(Line(text: "No \(gene) sensitising or resistance mutation detected; all \(geneHotspots.count) \(gene) hotspots covered at ≥ \(minDepth)× with LOD ≤ \(percent(worstLOD)) (95% power).", cssClass: ""))
            } else if low.isEmpty {
                lines.append(Line(text: "No \(gene) variant found in the input; hotspot depths are unknown, so no limit of detection can be stated.", cssClass: ""))
            } else {
                lines.append(Line(text: "No \(gene) variant detected, but \(low.count) \(gene) hotspot(s) have low coverage: a negative cannot be stated for them.", cssClass: "alert"))
            }
        }
        // Germline PGx sites have their own informational table.
        let others = passing.filter { v in v.tier != "PGx" && !a.therapies.contains { t in t.evidence.contains { $0.matchedBy.hasPrefix("\(v.gene ?? "") ") && $0.matchedBy.contains(v.hgvsp ?? "\u{0}") } } }
        for v in others {
            lines.append(Line(text: "Also found: \(v.gene ?? v.chrom) \(v.hgvsc ?? "") \(v.hgvsp ?? "") (VAF \(v.vaf.map(percent) ?? "unknown")) — no therapy statement in the knowledge base.", cssClass: ""))
        }
        if lines.isEmpty { lines.append(Line(text: "No variant found in the panel targets.", cssClass: "")) }
        return lines
    }

    static func percent(_ x: Double) -> String { TextFormat.percent(x) }

    /// For the summary: whether a gain follows its chromosome or stands above it, where measured.
    static func copyNumberScope(_ c: CopyNumberCall) -> String {
        guard let chrom = c.chromosomeCopies, let copies = c.copies else {
            return "; chromosome 7 gain cannot be told from focal gain"
        }
        return abs(copies - chrom) < 1 ? "; chromosome 7 is at \(TextFormat.fixed(chrom, 1)) copies: a whole-chromosome gain, not focal"
            : "; above chromosome 7 (\(TextFormat.fixed(chrom, 1)) copies): focal"
    }

    /// One sentence on the sample's P-gp MDR assessment.
    static func mdrText(_ m: MDRAssessment?, gene: String) -> String {
        guard let m else { return "not assessed (the sample was not scored)" }
        if m.risk > .none { return "risk \(m.risk.rawValue)" }
        if !m.assessed { return "not assessed — no somatic \(gene) copy number or expression was available" }
        return "no somatic \(gene) evidence of multidrug resistance (risk none)"
    }

    /// SVG coordinates with one decimal.
    static func svg(_ x: Double) -> String { String((x * 10).rounded() / 10) }

    static func number(_ x: Double) -> String {
        let v = (x * 10).rounded() / 10
        return v == v.rounded() ? String(Int(v)) : String(v)
    }
}

private extension String {
    func replacingAmpersands() -> String { split(separator: "&").joined(separator: ", ") }
}
