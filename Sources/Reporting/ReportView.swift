import G2TCore
import Interpretation

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
    /// One line of the variant counts: what is counted ("Gene"), the value ("EGFR") and how many.
    struct CountRow { var by, value, count: String }

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
    /// "Showing N of M …" when a table was cut to `variantListLimit` rows; nil when complete.
    var variantsOmitted, germlineOmitted: String?
    /// When a table was cut: every variant counted by gene, tier, filter and origin (so the page
    /// still accounts for all of them); empty otherwise.
    var hasVariantCounts: Bool
    var variantCounts: [CountRow]
    var originBasis, purityText, subclonalBelow: String
    var tumourOnly: Bool
    var transcripts: String
    var hotspots: [Hotspot]
    var meanDepth: String
    /// Panel genes without a read in any target, comma-separated (nil when every gene has reads).
    var genesWithoutReads: String?
    /// The QC's damage sentences (`damageSentences`): empty for a VCF input.
    var damage: [String]
    /// Amplicon mode's per-amplicon table (`ampliconSection`); nil for hybrid capture.
    var amplicons: AmpliconSection?
    /// The UMI consensus section (`umiSection`): nil unless the reads were called as molecules.
    var umi: UMISection?
    var targets: [Target]
    var minHotspotDepth, minMappingQuality, minBaseQuality, minAltFragments, minVAFPercent, excludedFlags: String
    /// The other thresholds of `CallingParameters`, as sentences for the methods section.
    var thresholds: [String]
    var phasingMaxDistance: String
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
                    panelLimit: Self.drugPanelLimit(t, ClinicalSummary.assessedPanelLimits(for: t.drug, in: a.panelLimits ?? [])),
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
        // Rows are made for the listed variants only (a dense VCF has 200,000; a table shows ≤ `variantListLimit`).
        func row(_ v: VariantCall) -> Variant {
            let o = v.originCall
            return Variant(gene: v.gene ?? "", hgvsc: v.annotation?.hgvsc ?? "", hgvsp: v.annotation?.hgvsp ?? "", hgvspShort: v.annotation?.hgvspShort.map { "(\($0.dropFirst(2)))" } ?? "",
                    consequence: (v.annotation?.consequence.terms ?? []).map(\.rawValue).joined(separator: ", "), exon: v.annotation?.exon.map(String.init) ?? "",
                    chrom: v.chrom, pos: String(v.pos), ref: v.ref, alt: v.alt, vafPercent: v.vaf.map(Self.percent) ?? "unknown",
                    depth: String(v.depth), altDepth: String(v.altDepth), filter: v.filter.text, tier: v.tier?.rawValue ?? "–",
                    origin: (o?.origin.rawValue ?? "–") + (o?.possiblyGermline == true ? " (possibly germline)" : ""),
                    originEvidence: (o?.evidence ?? []).map { "\($0.source.rawValue): \($0.detail)" }.joined(separator: "; "),
                    ccf: o?.ccf.map { "\(TextFormat.fixed($0.value, 2)) (\(TextFormat.fixed($0.low, 2))–\(TextFormat.fixed($0.high, 2)))" } ?? "–",
                    zygosity: o?.zygosity?.rawValue ?? "–",
                    population: o?.population.map { p in "\(p.rsid ?? "") popmax \(Self.percent(p.afPopmax))\(p.popmaxPopulation.map { " (\($0))" } ?? "")" } ?? "not in resource")
        }
        // By index: no copy of the (up to 200,000) variants, only of those listed.
        let somaticShown = Self.listed(a.variants) { !$0.isGermlineFinding }
        let germlineShown = Self.listed(a.variants) { $0.isGermlineFinding }
        let listed = Self.sharingKeys(a.variants, with: somaticShown.shown + germlineShown.shown).map { a.variants[$0] }
        variants = listed.filter { !$0.isGermlineFinding }.map(row)
        germline = listed.filter(\.isGermlineFinding).map(row)
        variantsOmitted = somaticShown.omitted
        germlineOmitted = germlineShown.omitted
        variantCounts = somaticShown.omitted == nil && germlineShown.omitted == nil ? [] : Self.counts(a.variants)
        hasVariantCounts = !variantCounts.isEmpty
        hasVariants = !variants.isEmpty
        hasGermline = !germline.isEmpty
        germlineCount = String(germlineShown.total)
        switch ClinicalSummary.originBasis(a) {
        case .matchedNormal:
            tumourOnly = false
            originBasis = "the matched normal, population frequency and allele fraction"
        case .tumourOnly:
            tumourOnly = true
            originBasis = "population frequency and allele fraction (tumour-only)"
        }
        if let p = a.sample.purity, let value = p.value {
            let other = p.source == .given ? p.estimated.map { "; estimated from somatic VAFs \(TextFormat.fixed($0, 2))" } ?? "; no estimate from the data" : ""
            purityText = "\(TextFormat.fixed(value, 2)) (\(p.source.rawValue)\(other))"
        } else {
            purityText = "unknown (not given, no somatic variant to estimate it from: CCF not computed)"
        }
        subclonalBelow = TextFormat.fixed(a.parameters.purity.subclonalBelow, 1)
        transcripts = Self.transcriptList(a.variants)
        hotspots = a.hotspots.map { h in
            Hotspot(name: h.name, hgvsc: h.hgvsc, hgvsp: h.hgvsp, status: h.status.rawValue, depth: String(h.depth),
                    altDepth: String(h.altDepth), vafPercent: Self.percent(h.vaf), lodPercent: h.lod.map(Self.percent) ?? "–")
        }
        meanDepth = Self.number(a.qc.meanTargetDepth)
        genesWithoutReads = (a.qc.genesWithoutReads ?? []).isEmpty ? nil : a.qc.genesWithoutReads?.joined(separator: ", ")
        damage = Self.damageSentences(a.qc.damage)
        amplicons = Self.ampliconSection(a.qc.amplicons, parameters: a.parameters)
        umi = Self.umiSection(a.qc.umi)
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
        thresholds = Self.thresholdSentences(p)
        phasingMaxDistance = String(p.phasing.maxDistance)
        inputs = a.inputs.map { Input(path: $0.path, format: $0.format, sha256: $0.sha256) }
        notes = a.notes
        // Coverage chart: one bar per target, scaled to the deepest; the threshold as a line.
        let maxDepth = max(Double(p.minHotspotDepth) * 1.25, a.qc.targets.map(\.meanDepth).max() ?? 0)
        let barW = 12.0, gap = 2.0, plotH = 160.0, top = 10.0
        hasCoverage = !a.qc.targets.isEmpty
        coverageBars = a.assessedTargets.enumerated().map { i, assessed in
            let t = assessed.coverage
            let h = plotH * t.meanDepth / maxDepth
            return Bar(x: Self.svg(40 + Double(i) * (barW + gap)), y: Self.svg(top + plotH - h), width: Self.svg(barW), height: Self.svg(h),
                       cssClass: Self.barClass(assessed.status),
                       label: "\(t.gene) exon \(t.exon): mean \(Self.number(t.meanDepth))×, min \(t.minDepth)×")
        }
        chartWidth = Self.svg(40 + Double(a.qc.targets.count) * (barW + gap) + 10)
        thresholdY = Self.svg(top + plotH - plotH * Double(p.minHotspotDepth) / maxDepth)
        maxDepthLabel = Self.number(maxDepth)
        // VAF plot: every variant, at its allele fraction.
        let withVAF = somaticShown.shown.map { a.variants[$0] }.filter { $0.vaf != nil }
        hasVAFPlot = !withVAF.isEmpty
        // One row per variant: its name on the left, a dot at its allele fraction on a 0–100% axis.
        vafDots = withVAF.enumerated().map { i, v in
            Dot(cx: Self.svg(220 + 500 * (v.vaf ?? 0)), cy: Self.svg(20 + Double(i) * 22),
                label: "\(v.gene ?? v.chrom) \(v.annotation?.hgvspShort.map { String($0.dropFirst(2)) } ?? v.annotation?.hgvsc ?? "\(v.pos)") (\(Self.percent(v.vaf ?? 0)))")
        }
        vafHeight = Self.svg(Double(withVAF.count) * 22 + 30)
    }

    /// The chart's CSS class of a target's coverage status (decided by `CoverageStatus`).
    static func barClass(_ status: CoverageStatus) -> String {
        switch status {
        case .adequate: "bar-ok"
        case .low: "bar-low"
        }
    }

    /// Rows a variant table lists at most: a tumour board reads tens of variants, and a 200,000-row
    /// table made a 118 MB page no browser opens usefully. The TSV and JSON always list every variant.
    static let variantListLimit = 300

    /// "GENE TRANSCRIPT" of every distinct transcript the variants are annotated on, sorted, joined by ", ".
    /// Distinct pairs are found first, in variant order: a dense VCF's 200,000 annotated variants name a
    /// few dozen pairs, and a string per variant (with the array and set of them) was ~22 MB held while
    /// the report set's other files were written (issue 13). The strings are made from the pairs in
    /// first-seen order and set-deduplicated as before, so the text is the same.
    static func transcriptList(_ variants: [VariantCall]) -> String {
        struct Pair: Hashable {
            var gene: String?
            var transcript: String
        }
        var seen: Set<Pair> = []
        var strings: Set<String> = []
        for v in variants {
            guard let t = v.annotation?.transcript else { continue }
            let p = Pair(gene: v.gene, transcript: t)
            if seen.insert(p).inserted { strings.insert("\(v.gene ?? "") \(t)") }
        }
        return strings.sorted().joined(separator: ", ")
    }

    /// The variants a table lists: all of them up to `variantListLimit`; beyond, every clinically
    /// relevant one (tier I/II, a hotspot, a PGx site, possibly germline) and the first others by
    /// position up to the limit, with a sentence saying what was left out and where it is.
    /// `shown`: indices into `all`, in order. One pass decides the counts, a second which are shown: each
    /// variant is read where it is (a lazy filter copied each of 200,000 variants three times).
    static func listed(_ all: [VariantCall], where included: (VariantCall) -> Bool) -> (shown: [Int], total: Int, omitted: String?) {
        let relevant = ClinicalSummary.isClinicallyRelevant
        var total = 0, keep = 0
        for i in all.indices where included(all[i]) {
            total += 1
            if relevant(all[i]) { keep += 1 }
        }
        guard total > variantListLimit else { return (all.indices.filter { included(all[$0]) }, total, nil) }
        var others = max(0, variantListLimit - keep)
        var shown: [Int] = []
        for i in all.indices where included(all[i]) {
            if relevant(all[i]) {
                shown.append(i)
            } else if others > 0 {
                others -= 1
                shown.append(i)
            }
        }
        let relevantText = keep == 0 ? "no clinically relevant one (tier I/II, hotspot, PGx site or possibly germline)"
            : "all \(keep) clinically relevant (tier I/II, hotspot, PGx site or possibly germline)"
        return (shown, total, "Showing \(shown.count) of \(total) variants: \(relevantText) and the first \(shown.count - keep) others by position. The other \(total - shown.count) are listed in this report's .variants.tsv and .report.json files.")
    }

    /// The indices, in order, of every variant whose key is a shown variant's (a variant listed twice in
    /// the input is listed twice). Keys are compared only where the position is a shown one's.
    static func sharingKeys(_ all: [VariantCall], with shown: [Int]) -> [Int] {
        let keys = Set(shown.map { all[$0].key }), positions = Set(shown.map { all[$0].pos })
        return all.indices.filter { positions.contains(all[$0].pos) && keys.contains(all[$0].key) }
    }

    /// Every variant counted by gene, tier, filter and origin, each group's values by count (then name).
    /// One pass, counted by the values themselves; each distinct value is named once afterwards.
    static func counts(_ all: [VariantCall]) -> [CountRow] {
        var genes: [String: Int] = [:], intergenic: [String: Int] = [:]
        var tiers: [Tier?: Int] = [:], filters: [FilterStatus: Int] = [:], origins: [VariantOrigin?: Int] = [:]
        for v in all {
            if let g = v.gene { genes[g, default: 0] += 1 } else { intergenic[v.chrom, default: 0] += 1 }
            tiers[v.tier, default: 0] += 1
            filters[v.filter, default: 0] += 1
            origins[v.origin, default: 0] += 1
        }
        func group<K>(_ by: String, _ counted: [K: Int], _ name: (K) -> String) -> [CountRow] {
            var n: [String: Int] = [:]
            for (k, c) in counted { n[name(k), default: 0] += c }
            return n.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { CountRow(by: by, value: $0.key, count: String($0.value)) }
        }
        var geneCounts = genes
        for (chrom, c) in intergenic { geneCounts["intergenic (\(chrom))", default: 0] += c }
        return group("Gene", geneCounts) { $0 }
            + group("Tier", tiers) { $0.map { "Tier \($0.rawValue)" } ?? "no tier" }
            + group("Filter", filters) { $0.text }
            + group("Origin", origins) { $0?.rawValue ?? "not classified" }
    }

    /// The one-screen summary: the statements `ClinicalSummary` decides, in words.
    static func summary(_ a: Analysis, summaryGenes: [String], mdrGene: String) -> [Line] {
        var lines: [Line] = []
        var alsoFound = 0
        // The statements beyond the limit are only counted (`omittedNoTherapyStatements`), not made.
        let summary = ClinicalSummary(a, summaryGenes: summaryGenes, noTherapyStatementLimit: summaryAlsoFoundLimit)
        for s in summary.statements {
            if case .noTherapyStatement = s {
                alsoFound += 1
                if alsoFound > summaryAlsoFoundLimit { continue }
            }
            lines.append(Line(text: text(s, mdrGene: mdrGene), cssClass: ClinicalSummary.isAlert(s) ? "alert" : ""))
        }
        alsoFound += summary.omittedNoTherapyStatements
        if alsoFound > summaryAlsoFoundLimit {
            lines.append(Line(text: "Also found: \(alsoFound - summaryAlsoFoundLimit) more passing variants without a therapy statement in the knowledge base (see the variant table and this report's .variants.tsv).", cssClass: ""))
        }
        return lines
    }

    /// "Also found" lines the one-screen summary lists at most: beyond, one line counts the rest
    /// (a dense VCF made 200,000 of them, a summary nobody reads).
    static let summaryAlsoFoundLimit = 20

    /// A drug as summary lines list it: the call named unless it is the plain one (`plain`).
    static func drugText(_ d: ClinicalSummary.DrugCall, plain: TherapyCall.Call) -> String {
        d.call == plain ? d.drug : "\(d.drug) (\(d.call.rawValue))"
    }

    /// One summary statement as a sentence.
    static func text(_ s: ClinicalSummary.Statement, mdrGene: String) -> String {
        switch s {
        case .possiblyGermline(let v):
            return "\(v.hotspot ?? "\(v.gene ?? v.chrom) \(v.annotation?.hgvsp ?? v.annotation?.hgvsc ?? "")") (VAF \(v.vaf.map(percent) ?? "unknown")): possibly germline: consider germline testing and genetic counselling."
        case .purityDisagreement(let g, let e, let limit):
            return "Purity: given \(TextFormat.fixed(g, 2)), estimated from somatic VAFs \(TextFormat.fixed(e, 2)): they differ by more than \(TextFormat.fixed(limit, 1)); the given value is used."
        case .sensitivity(let finding, let drugs, let levels):
            let list = drugs.map { drugText($0, plain: .sensitive) }.joined(separator: ", ")
            return "\(finding): sensitivity evidence for \(list) [\(levels.joined(separator: ", "))]"
        case .resistance(let b, let drugs):
            return "Resistance alert — \(b): resistance to \(drugs.map { drugText($0, plain: .resistant) }.sorted().joined(separator: ", "))"
        case .mdrAlert(let mdr, let substrates):
            return "MDR alert — P-gp (\(mdrGene)) multidrug-resistance risk \(mdr.risk.rawValue): \(mdr.evidence.joined(separator: "; ")). P-gp substrates affected: \(substrates.joined(separator: ", ")); non-substrates unaffected [\(mdr.level)]."
        case .mdr(let mdr):
            return "P-gp MDR: \(mdrText(mdr, gene: mdrGene))."
        case .copyGain(let c, let scope):
            return "Copy number: \(c.gene) \(c.status.rawValue), \(TextFormat.fixed(c.copies ?? 0, 1)) copies (log2 ratio \(TextFormat.fixed(c.log2Ratio ?? 0, 2)))\(Self.copyNumberScope(scope))."
        case .panelLimit(let l, let outcome):
            let drugs = l.drugs.joined(separator: ", ")
            return "\(drugs) — \(panelLimitText(l, outcome)) \(l.statement)"
        case .standardOptions(let drugs):
            return "Tumour-type context (per guideline sources; not a prescription): standard options include \(drugs.joined(separator: ", "))."
        case .informational(let i):
            return "Informational only: \(i.biomarker) (\(i.matchedBy)) — no effect on any call."
        case .phase(let p):
            let detail = p.relation == .cis ? "\(p.both) fragments carry both" : "\(p.firstOnly) and \(p.secondOnly) fragments carry one each, none both"
            return "Phase: \(p.variants.joined(separator: " and ")) are in \(p.relation.rawValue) (\(detail))."
        case .negative(.covered(let gene, let hotspots, let minDepth, let worstLOD)):
            return "No \(gene) sensitising or resistance mutation detected; all \(hotspots) \(gene) hotspots covered at ≥ \(minDepth)× with LOD ≤ \(percent(worstLOD)) (95% power)."
        case .negative(.depthUnknown(let gene)):
            return "No \(gene) variant found in the input; hotspot depths are unknown, so no limit of detection can be stated."
        case .negative(.lowCoverage(let gene, let hotspots)):
            return "No \(gene) variant detected, but \(hotspots) \(gene) hotspot(s) have low coverage: a negative cannot be stated for them."
        case .noTherapyStatement(let v):
            return "Also found: \(v.gene ?? v.chrom) \(v.annotation?.hgvsc ?? "") \(v.annotation?.hgvsp ?? "") (VAF \(v.vaf.map(percent) ?? "unknown")) — no therapy statement in the knowledge base."
        case .nothingFound:
            return "No variant found in the panel targets."
        }
    }

    static func percent(_ x: Double) -> String { TextFormat.percent(x) }

    /// A drug's panel-limit cell: the knowledge base's statement, then what this panel found over the
    /// limit's genes (which codons it did not assess), so the drug row does not read as eligibility.
    static func drugPanelLimit(_ t: TherapyCall, _ assessed: [(limit: PanelLimitFinding, outcome: ClinicalSummary.PanelLimitOutcome)]) -> String? {
        let found = assessed.map { "This panel: " + panelLimitText($0.limit, $0.outcome) }
        let all = [t.panelLimit].compactMap { $0 } + found
        return all.isEmpty ? nil : all.joined(separator: " ")
    }

    /// What the panel found over a panel limit's genes, in words (the summary line and the drug table).
    static func panelLimitText(_ l: PanelLimitFinding, _ outcome: ClinicalSummary.PanelLimitOutcome) -> String {
        let genes = l.genes.joined(separator: "/")
        switch outcome {
        case .notTested:
            return "not tested by this panel: decided by \(l.genes.joined(separator: ", "))."
        case .mutated(let variants):
            return "\(genes) mutated: \(variants.joined(separator: ", ")) — not wild type."
        case .wildType(let c):
            let perCodon = c.codons.map { "\($0.label) LOD \($0.lod.map(percent) ?? "unknown")" }.joined(separator: ", ")
            return "Extended \(genes) wild type: all \(c.codons.count) listed codons assessed with LOD ≤ \(percent(c.maxLOD)) (95% power), no mutation detected; LOD per codon: \(perCodon)."
        case .notEstablished(let c):
            let missing = c.codons.filter { !$0.assessed }
            let list = missing.map { "\($0.label) (\($0.depth)×\($0.lod.map { ", LOD " + percent($0) } ?? ""))" }.joined(separator: ", ")
            return "Extended \(genes) wild type NOT established: no mutation detected, but \(missing.count) of \(c.codons.count) listed codons were not assessed with LOD ≤ \(percent(c.maxLOD)): \(list). Eligibility must come from another test."
        }
    }

    /// For the summary: whether a gain follows its chromosome or stands above it, as `ClinicalSummary` decided.
    static func copyNumberScope(_ s: ClinicalSummary.GainScope) -> String {
        switch s {
        case .unmeasured(let chrom):
            return "; \(chromosomeName(chrom)) gain cannot be told from focal gain"
        case .wholeChromosome(let chrom, let level):
            return "; \(chromosomeName(chrom)) is at \(TextFormat.fixed(level, 1)) copies: a whole-chromosome gain, not focal"
        case .focal(let chrom, let level):
            return "; above \(chromosomeName(chrom)) (\(TextFormat.fixed(level, 1)) copies): focal"
        }
    }

    /// "chromosome 7" for contig "chr7" or "7" (the gene's chromosome, from its targets).
    static func chromosomeName(_ chrom: String?) -> String {
        guard let chrom else { return "the gene's chromosome" }
        return "chromosome " + (chrom.hasPrefix("chr") ? String(chrom.dropFirst(3)) : chrom)
    }

    /// One sentence on the sample's P-gp MDR assessment.
    static func mdrText(_ m: MDRAssessment?, gene: String) -> String {
        guard let m else { return "not assessed (the sample was not scored)" }
        if m.risk > .none { return "risk \(m.risk.rawValue)" }
        if !m.assessed { return "not assessed — no somatic \(gene) copy number or expression was available" }
        return "no somatic \(gene) evidence of multidrug resistance (risk none)"
    }

    /// SVG coordinates with one decimal.
    static func svg(_ x: Double) -> String { TextFormat.oneDecimal(x) }

    static func number(_ x: Double) -> String { TextFormat.compact(x) }
}
