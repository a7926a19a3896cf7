import G2TCore

/// The clinical statements of a report's one-screen summary, decided here from the `Analysis`
/// (what is a finding, what is an alert, when a negative can be stated); the HTML report only
/// words them (`ReportView`). Built from the scored analysis alone, so `g2t report` on a JSON file
/// says what `g2t pipeline` said.
package struct ClinicalSummary: Sendable, Equatable {
    /// A drug and its call, as a summary line lists it.
    package struct DrugCall: Sendable, Equatable {
        package var drug: String
        package var call: TherapyCall.Call
        package init(drug: String, call: TherapyCall.Call) {
            self.drug = drug
            self.call = call
        }
    }

    /// What could be said about the panel's hotspots when no variant of the gene passed.
    package enum Negative: Sendable, Equatable {
        /// Every hotspot covered with a known limit of detection: the negative can be stated.
        case covered(gene: String, hotspots: Int, minDepth: Int, worstLOD: Double)
        /// Hotspot depths are unknown (VCF input): no limit of detection can be stated.
        case depthUnknown(gene: String)
        /// Some hotspots had low coverage: no negative for them.
        case lowCoverage(gene: String, hotspots: Int)
    }

    /// What may be said about a panel limit's genes (extended RAS/BRAF).
    package enum PanelLimitOutcome: Sendable, Equatable {
        /// The panel does not read every gene of the limit: the knowledge base's statement stands alone.
        case notTested
        /// A passing variant in the limit's genes ("KRAS p.G12D"): not wild type.
        case mutated([String])
        /// Every listed codon assessed at or below the LOD threshold, none mutated: wild type may be stated.
        case wildType(PanelLimitCodons)
        /// No mutation, but some codons were not assessed: wild type may not be stated; they are named.
        case notEstablished(PanelLimitCodons)
    }

    /// Whether a copy gain follows its chromosome (the chromosome's own level, from off-target reads) or
    /// stands above it. `chromosome` is the gene's contig as its targets name it, nil when not known.
    package enum GainScope: Sendable, Equatable {
        /// The chromosome's level was not measured: a chromosome gain cannot be told from a focal one.
        case unmeasured(chromosome: String?)
        /// Within `copyNumber.focalExcessCopies` of the chromosome's level: a whole-chromosome gain.
        case wholeChromosome(chromosome: String?, chromosomeCopies: Double)
        /// Above the chromosome's level by at least that much: focal.
        case focal(chromosome: String?, chromosomeCopies: Double)
    }

    /// What the origin of variants (somatic or germline) rests on.
    package enum OriginBasis: Sendable, Equatable {
        /// A matched normal was read, with population frequency and allele fraction.
        case matchedNormal
        /// Population frequency and allele fraction only: origin is inferred, not proven.
        case tumourOnly
    }

    package enum Statement: Sendable, Equatable {
        /// A variant at a germline predisposition site with germline-like evidence: germline testing.
        case possiblyGermline(VariantCall)
        /// Given and estimated purity disagree by more than `CallingParameters.Purity.disagreement` (the analysis's).
        case purityDisagreement(given: Double, estimated: Double, limit: Double)
        /// A finding (the evidence's `matchedBy`) and the drugs it makes likely to work, with the evidence levels.
        case sensitivity(finding: String, drugs: [DrugCall], levels: [String])
        /// A biomarker (not the MDR adjustment) and the drugs it makes (likely) resistant, in therapy-table order.
        case resistance(biomarker: String, drugs: [DrugCall])
        /// P-gp risk above none: the substrates it affects, by name.
        case mdrAlert(MDRAssessment, substrates: [String])
        /// The MDR assessment without risk (not assessed, or no evidence).
        case mdr(MDRAssessment)
        /// A copy gain or amplification, and whether it follows its chromosome.
        case copyGain(CopyNumberCall, GainScope)
        /// Drugs decided by genes the panel may not test, and what the panel found over them.
        case panelLimit(PanelLimitFinding, PanelLimitOutcome)
        /// Guideline-standard options for the tumour type, without biomarker evidence.
        case standardOptions([String])
        /// A statement that moves no score.
        case informational(InformationalFinding)
        /// Two variants phased cis or trans.
        case phase(PhaseCall)
        case negative(Negative)
        /// A passing somatic variant no therapy evidence matched.
        case noTherapyStatement(VariantCall)
        /// Nothing above: no variant in the panel targets.
        case nothingFound
    }

    package var statements: [Statement]
    /// `noTherapyStatement`s left out beyond the init's `noTherapyStatementLimit` (counted, not kept: a dense
    /// VCF has ~170,000, each holding its variant).
    package var omittedNoTherapyStatements = 0

    /// `summaryGenes`: the panel genes (role `summary` in genes.tsv) whose hotspots get a negative
    /// statement when none of their variants passed.
    package init(_ a: Analysis, summaryGenes: [String], noTherapyStatementLimit: Int = .max) {
        var s: [Statement] = []
        // Germline variants are not findings of the tumour; predisposition-site ones are flagged.
        // Lazy: no copy of a dense VCF's ~170,000 passing variants.
        let passing = a.variants.lazy.filter { $0.passed && !$0.isGermlineFinding }
        for v in a.variants where v.originCall?.possiblyGermline == true { s.append(.possiblyGermline(v)) }
        if let p = a.sample.purity, let g = p.given, let e = p.estimated, abs(g - e) > a.parameters.purity.disagreement {
            s.append(.purityDisagreement(given: g, estimated: e, limit: a.parameters.purity.disagreement))
        }
        // One statement per finding: the drugs it makes likely to work, with the best level.
        var byFinding: [String: [(call: DrugCall, level: String)]] = [:]
        for t in a.therapies where t.call == .sensitive || t.call == .likelySensitive {
            for e in t.evidence where e.effect == .sensitivity && e.counted {
                let level = e.oncokbLevel.isEmpty ? "AMP \(e.ampLevel)" : "OncoKB \(e.oncokbLevel)"
                byFinding[e.matchedBy, default: []].append((DrugCall(drug: t.drug, call: t.call), level))
            }
        }
        for (finding, drugs) in byFinding.sorted(by: { $0.key < $1.key }) {
            s.append(.sensitivity(finding: finding, drugs: drugs.map(\.call), levels: Set(drugs.map(\.level)).sorted()))
        }
        var resistance: [String: [DrugCall]] = [:]
        for t in a.therapies where t.call == .resistant || t.call == .likelyResistant {
            // P-gp MDR has its own alert.
            for b in Set(t.evidence.filter { $0.effect == .resistance && $0.counted && $0.kind != .mdr }.map(\.biomarker)) {
                resistance[b, default: []].append(DrugCall(drug: t.drug, call: t.call))
            }
        }
        for (b, drugs) in resistance.sorted(by: { $0.key < $1.key }) {
            s.append(.resistance(biomarker: b, drugs: drugs))
        }
        if let mdr = a.mdr {
            s.append(mdr.risk > .none ? .mdrAlert(mdr, substrates: a.therapies.filter { $0.mdrRisk > .none }.map(\.drug).sorted()) : .mdr(mdr))
        }
        for c in a.copyNumber ?? [] where c.status == .gain || c.status == .amplification { s.append(.copyGain(c, Self.gainScope(c, in: a))) }
        for l in a.panelLimits ?? [] { s.append(.panelLimit(l, Self.outcome(l))) }
        let standard = a.therapies.filter { $0.call == .standardOption }.map(\.drug)
        if !standard.isEmpty { s.append(.standardOptions(standard)) }
        for i in a.informational ?? [] { s.append(.informational(i)) }
        for p in a.phases where p.relation != .unknown { s.append(.phase(p)) }
        for gene in summaryGenes {
            if let n = Self.negative(a, gene: gene, passing: passing) { s.append(.negative(n)) }
        }
        // Germline PGx sites have their own informational table.
        let withEvidence = Set(a.therapies.flatMap { $0.evidence.flatMap(\.variants) })
        var noTherapy = 0
        for v in passing where v.tier != .pgx && !withEvidence.contains(v.key) {
            noTherapy += 1
            if noTherapy <= noTherapyStatementLimit { s.append(.noTherapyStatement(v)) } else { omittedNoTherapyStatements += 1 }
        }
        if s.isEmpty { s.append(.nothingFound) }
        statements = s
    }

    /// The negative statement for the gene's hotspots, when no variant of the gene passed.
    static func negative(_ a: Analysis, gene: String, passing: some Sequence<VariantCall>) -> Negative? {
        let hotspots = a.hotspots.filter { $0.gene == gene }
        guard !passing.contains(where: { $0.gene == gene }) && !hotspots.isEmpty else { return nil }
        let low = hotspots.filter { $0.status == .lowCoverage }
        let minDepth = hotspots.map(\.depth).min() ?? 0
        if low.isEmpty && minDepth > 0, let worstLOD = hotspots.compactMap(\.lod).max() {
            return .covered(gene: gene, hotspots: hotspots.count, minDepth: minDepth, worstLOD: worstLOD)
        }
        return low.isEmpty ? .depthUnknown(gene: gene) : .lowCoverage(gene: gene, hotspots: low.count)
    }

    /// Whether gain `c` follows its chromosome: within the analysis's `copyNumber.focalExcessCopies` of the
    /// chromosome's level it is a whole-chromosome gain (the copy-number stage's own rule), above it focal.
    package static func gainScope(_ c: CopyNumberCall, in a: Analysis) -> GainScope {
        let chromosome = a.qc.targets.first { $0.gene == c.gene }?.chrom
        guard let level = c.chromosomeCopies, let copies = c.copies else { return .unmeasured(chromosome: chromosome) }
        return abs(copies - level) < a.parameters.copyNumber.focalExcessCopies
            ? .wholeChromosome(chromosome: chromosome, chromosomeCopies: level) : .focal(chromosome: chromosome, chromosomeCopies: level)
    }

    /// Matched normal when one of the inputs is the matched normal, tumour-only otherwise.
    package static func originBasis(_ a: Analysis) -> OriginBasis {
        a.inputs.contains(where: \.isMatchedNormal) ? .matchedNormal : .tumourOnly
    }

    /// The panel limits naming `drug` that the panel assessed, each with its outcome, for the drug's row (the
    /// knowledge base's statement alone is the therapy call's `panelLimit`).
    package static func assessedPanelLimits(for drug: String, in limits: [PanelLimitFinding]) -> [(limit: PanelLimitFinding, outcome: PanelLimitOutcome)] {
        limits.filter { $0.drugs.contains(drug) && $0.assessment != nil }.map { ($0, outcome($0)) }
    }

    /// The outcome of a panel limit: wild type only when every codon was assessed and none is mutated.
    package static func outcome(_ l: PanelLimitFinding) -> PanelLimitOutcome {
        guard let c = l.assessment else { return .notTested }
        if !c.mutated.isEmpty { return .mutated(c.mutated) }
        return c.codons.allSatisfy(\.assessed) ? .wildType(c) : .notEstablished(c)
    }

    /// Whether a statement is an alert (shown highlighted): something that should change or hold a decision.
    package static func isAlert(_ s: Statement) -> Bool {
        switch s {
        case .possiblyGermline, .purityDisagreement, .resistance, .mdrAlert: return true
        case .panelLimit(_, let outcome): if case .wildType = outcome { return false } else { return true }
        case .negative(.lowCoverage): return true
        default: return false
        }
    }
}
