import G2TCore
import Knowledge
import Scoring
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
    let pgxSites: [GenomeBuild: PGxSites]

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
        catalogue = try TumorType.catalogue()
        let set = try panels ?? PanelSet.bundled()
        var sites: [GenomeBuild: PGxSites] = [:]
        for build in GenomeBuild.allCases { sites[build] = PGxSites(try set.panel(build)) }
        pgxSites = sites
    }

    /// OncoTree codes of the sample's tumour type and its ancestors (empty when not given).
    package func lineage(of a: Analysis) throws -> [String] {
        try a.sample.tumorType.map { try TumorType.resolve($0, in: catalogue).lineage(in: catalogue) } ?? []
    }

    /// What the knowledge base reads from an analysis (germline PGx sites excluded from somatic variants).
    package func findings(of a: Analysis) -> SampleFindings {
        SampleFindings(a, pgxSites: pgxSites[a.reference.build] ?? PGxSites())
    }

    /// The knowledge-base names of the sample's prior therapies ("ADM" → doxorubicin); an unknown name is an error.
    package func priorTherapies(of a: Analysis) throws -> [String] {
        try (a.sample.priorTherapies ?? []).map { name in
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
        let lineage = try lineage(of: a)
        let sites = pgxSites[a.reference.build] ?? PGxSites()
        let prior = try priorTherapies(of: a)
        var scorer = TherapyScorer(kb: kb.kb, tumorLineage: lineage, priorTherapies: prior)
        scorer.subclonalBelow = a.parameters.purity.subclonalBelow
        scorer.polymorphismAF = a.parameters.origin.polymorphismAF
        // The findings (copies of the passing variants) live only while the drugs are scored.
        let result = scorer.score(SampleFindings(a, pgxSites: sites), threads: threads)
        if a.sample.priorTherapies != nil { a.sample.priorTherapies = prior }
        a.therapies = result.therapies
        // Where the panel reads the limit's genes (extended RAS/BRAF), record what it assessed, codon by codon.
        // Only the limit's genes' passing variants are read (`PanelLimitAssessment.codons`): not a copy of every passing one.
        let panelLimits = result.panelLimits.map { limit in
            PanelLimitAssessment.assess(limit, hotspots: a.hotspots, passing: a.variants.filter { $0.passed && limit.genes.contains($0.gene ?? "") },
                                        maxLOD: a.parameters.maxHotspotLOD)
        }
        scorer.setTiers(&a.variants, pgxSites: sites)
        a.scoring = ScoreResult(knowledgeBase: KnowledgeBaseInfo(name: kb.kb.name, version: kb.kb.version, sha256: kb.sha256,
                                                                 oncokbDataDate: kb.kb.oncokbDataDate),
                                mdr: result.mdr, informational: result.informational, panelLimits: panelLimits)
        // Scoring writes the evidence's variants and kind (schema 1.1) whatever version the input was.
        a.schemaVersion = Analysis.currentSchemaVersion
        if !a.has(.score) { a.stages.append(.score) }
    }
}
