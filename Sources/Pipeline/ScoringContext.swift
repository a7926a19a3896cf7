import G2TCore
import Knowledge
import Scoring
import Synchronization
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything the score stage needs that does not depend on the sample (tumour-type catalogue,
/// germline PGx sites per build), loaded once so a cohort scores without re-reading bundled data.
package struct ScoringContext: Sendable {
    package let kb: LoadedKnowledgeBase
    let catalogue: [TumorType]
    /// The germline PGx sites of each build, made on the first sample of that build: a GRCh38 run does
    /// not parse the bundled panel's GRCh37 build for them.
    let pgxSites: PGxSiteTable
    /// The knowledge base's statements grouped for scoring, once per context (not per sample).
    let index: TherapyScorer.Index

    /// A context that shares no storage with this one: parallel workers each get one, so they
    /// never contend on the reference counts of the same knowledge-base buffers.
    package func replica() throws -> ScoringContext {
        let copy = try JSONCoding.decoder().decode(KnowledgeBase.self, from: JSONCoding.encoder(.line).encode(kb.kb))
        return try ScoringContext(kb: LoadedKnowledgeBase(kb: copy, sha256: kb.sha256,
                                                          origin: kb.origin))
    }

    /// `panels`: nil = the bundled panel. The catalogue and panel are parsed once per process.
    package init(kb: LoadedKnowledgeBase, panels: PanelSet? = nil) throws {
        self.kb = kb
        index = TherapyScorer.Index(kb.kb)
        catalogue = try TumorType.catalogue()
        pgxSites = PGxSiteTable(panels: try panels ?? PanelSet.bundled())
    }

    /// OncoTree codes of the sample's tumour type and its ancestors (empty when not given).
    package func lineage(of a: Analysis) throws -> [String] { try lineage(of: a.sample) }

    func lineage(of sample: SampleInfo) throws -> [String] {
        try sample.tumorType.map { try TumorType.resolve($0, in: catalogue).lineage(in: catalogue) } ?? []
    }

    /// What the knowledge base reads from an analysis (germline PGx sites excluded from somatic variants).
    package func findings(of a: Analysis) throws -> SampleFindings {
        SampleFindings(a, pgxSites: try pgxSites.sites(a.reference.build))
    }

    /// The knowledge-base names of the sample's prior therapies ("ADM" → doxorubicin); an unknown name is an error.
    package func priorTherapies(of a: Analysis) throws -> [String] { try priorTherapies(of: a.sample) }

    func priorTherapies(of sample: SampleInfo) throws -> [String] {
        try (sample.priorTherapies ?? []).map { name in
            guard let d = kb.kb.drug(matching: name.trimmingCharacters(in: .whitespaces)) else {
                throw PipelineError.unknownDrug(name: name, knowledgeBase: kb.origin)
            }
            return d.name
        }
    }

    /// The tumour-type catalogue (OncoTree subset bundled with g2t).
    package var tumorTypes: [TumorType] { catalogue }

    /// The analysis with therapies, MDR assessment, informational findings and tiers filled in.
    /// `threads` parallelises drugs within the sample (use 1 when samples already run in parallel).
    package func score(_ a: Analysis, threads: Int = 1) throws -> Analysis {
        var out = a
        try score(&out, threads: threads)
        return out
    }

    /// As `score(_:threads:)`, in place: the tiers are set on the variants where they are, not on a
    /// second list (a dense VCF has 200,000 variants).
    package func score(_ a: inout Analysis, threads: Int = 1) throws {
        let parts = ScoringParts(sample: a.sample, build: a.reference.build, parameters: a.parameters, hotspots: a.hotspots,
                                 phases: a.phases, genotypes: a.genotypes, copyNumber: a.copyNumber, expression: a.expression)
        let scored = try score(parts, variants: &a.variants, threads: threads)
        a.sample = scored.sample
        a.therapies = scored.therapies
        a.scoring = scored.scoring
        // Scoring writes the evidence's variants and kind (schema 1.1) whatever version the input was.
        a.schemaVersion = Analysis.currentSchemaVersion
        if !a.has(.score) { a.stages.append(.score) }
    }

    /// Whether scoring `sample` reads the panel's hotspot calls: only a panel limit in the sample's
    /// tumour type does (its assessment, and the wild-type biomarkers restating it). Otherwise
    /// `g2t rescore` leaves them undecoded (62 hotspots were a fifth of its decoding).
    package func readsHotspots(_ sample: SampleInfo, cache: Cache? = nil) throws -> Bool {
        let lineage = try cache?.lineage(of: sample, self) ?? lineage(of: sample)
        guard !lineage.isEmpty else { return false }
        return (kb.kb.panelLimits ?? []).contains { $0.tumorTypes.isEmpty || $0.tumorTypes.contains { lineage.contains($0) } }
    }

    /// What scoring reads of an analysis besides its variants: `g2t rescore` decodes only these
    /// (and the variants) from an annotated line, and the score stage passes them from its `Analysis`.
    package struct ScoringParts: Sendable {
        package var sample: SampleInfo
        package var build: GenomeBuild
        package var parameters: CallingParameters
        package var hotspots: [HotspotCall]
        package var phases: [PhaseCall]
        package var genotypes: [GermlineGenotype]
        package var copyNumber: [CopyNumberCall]?
        package var expression: [GeneExpression]?
        package init(sample: SampleInfo, build: GenomeBuild, parameters: CallingParameters, hotspots: [HotspotCall], phases: [PhaseCall],
                    genotypes: [GermlineGenotype], copyNumber: [CopyNumberCall]?, expression: [GeneExpression]?) {
            self.sample = sample
            self.build = build
            self.parameters = parameters
            self.hotspots = hotspots
            self.phases = phases
            self.genotypes = genotypes
            self.copyNumber = copyNumber
            self.expression = expression
        }
    }

    /// What scoring makes: the sample (prior therapies by their knowledge-base names), the
    /// therapy calls and the score stage's other findings; the variants' tiers are set in place.
    package struct Scored: Sendable {
        package var sample: SampleInfo
        package var therapies: [TherapyCall]
        package var scoring: ScoreResult
    }

    /// The scoring of `score(_:threads:)` on an analysis's parts: its only implementation.
    /// `writesText` false: without the report's sentences (`TherapyScorer.writesText`).
    /// `cache`: what an earlier sample of the same worker derived from this context (lineages, tier
    /// indexes), reused; nil derives everything again.
    package func score(_ p: ScoringParts, variants: inout [VariantCall], threads: Int = 1, writesText: Bool = true,
                       cache: Cache? = nil) throws -> Scored {
        let lineage = try cache?.lineage(of: p.sample, self) ?? lineage(of: p.sample)
        let sites = try pgxSites.sites(p.build)
        let prior = try priorTherapies(of: p.sample)
        var scorer = TherapyScorer(kb: kb.kb, tumorLineage: lineage, priorTherapies: prior, index: index)
        scorer.writesText = writesText
        scorer.subclonalBelow = p.parameters.purity.subclonalBelow
        scorer.polymorphismAF = p.parameters.origin.polymorphismAF
        // The findings (copies of the passing variants) live only while the drugs are scored.
        let result = scorer.score(SampleFindings(variants: variants, phases: p.phases, genotypes: p.genotypes, copyNumber: p.copyNumber,
                                                 expression: p.expression ?? [], pgxSites: sites, hotspots: p.hotspots,
                                                 maxHotspotLOD: p.parameters.maxHotspotLOD), threads: threads)
        var sample = p.sample
        if sample.priorTherapies != nil { sample.priorTherapies = prior }
        // Where the panel reads the limit's genes (extended RAS/BRAF), record what it assessed, codon by codon.
        // Only the limit's genes' passing variants are read (`PanelLimitAssessment.codons`): not a copy of every passing one.
        let panelLimits = result.panelLimits.map { limit in
            PanelLimitAssessment.assess(limit, hotspots: p.hotspots, passing: variants.filter { $0.passed && limit.genes.contains($0.gene ?? "") },
                                        maxLOD: p.parameters.maxHotspotLOD)
        }
        scorer.setTiers(&variants, pgxSites: sites, index: cache?.tierIndex(scorer, self))
        let scoring = ScoreResult(knowledgeBase: KnowledgeBaseInfo(name: kb.kb.name, version: kb.kb.version, sha256: kb.sha256,
                                                                   oncokbDataDate: kb.kb.oncokbDataDate),
                                  mdr: result.mdr, informational: result.informational, panelLimits: panelLimits)
        return Scored(sample: sample, therapies: result.therapies, scoring: scoring)
    }
}

/// `PGxSites` per build, each made from its panel on first use and then kept (one table per
/// `ScoringContext`; a replica gets its own).
final class PGxSiteTable: Sendable {
    private let panels: PanelSet
    private let made = Mutex<[GenomeBuild: PGxSites]>([:])

    init(panels: PanelSet) { self.panels = panels }

    /// The sites of `build` (a panel that fails to parse is the error it was when every build was parsed up front).
    func sites(_ build: GenomeBuild) throws -> PGxSites {
        if let s = made.withLock({ $0[build] }) { return s }
        let s = PGxSites(try panels.panel(build))
        made.withLock { $0[build] = s }
        return s
    }
}

extension ScoringContext {
    /// What scoring derives from a context alone, kept between one worker's samples: each tumour
    /// type's lineage (resolving it against the catalogue, twice per sample, was 2% of `g2t rescore`)
    /// and each lineage's `TherapyScorer.TierIndex` (a tenth). A cohort has a few tumour types.
    /// Filled for one knowledge base: used with a context of another (its sha256 or origin differ),
    /// it starts again. Not shared between threads: each worker has its own.
    package final class Cache {
        private var knowledgeBase: (sha256: String, origin: String)?
        private var lineages: [String: [String]] = [:]
        private var tierIndexes: [[String]: TherapyScorer.TierIndex] = [:]

        package init() {}

        /// Forgets what was derived from another knowledge base.
        private func use(_ context: ScoringContext) {
            if let k = knowledgeBase, k.sha256 == context.kb.sha256, k.origin == context.kb.origin { return }
            knowledgeBase = (context.kb.sha256, context.kb.origin)
            lineages = [:]
            tierIndexes = [:]
        }

        /// `context.lineage(of: sample)`; an unknown tumour type throws its error every time (not kept).
        func lineage(of sample: SampleInfo, _ context: ScoringContext) throws -> [String] {
            use(context)
            guard let type = sample.tumorType else { return [] }
            if let l = lineages[type] { return l }
            let l = try context.lineage(of: sample)
            lineages[type] = l
            return l
        }

        /// The tier index of `scorer`'s lineage (the scorer is made from `context`'s knowledge base).
        func tierIndex(_ scorer: TherapyScorer, _ context: ScoringContext) -> TherapyScorer.TierIndex {
            use(context)
            if let t = tierIndexes[scorer.tumorLineage] { return t }
            let t = TherapyScorer.TierIndex(scorer)
            tierIndexes[scorer.tumorLineage] = t
            return t
        }
    }
}
