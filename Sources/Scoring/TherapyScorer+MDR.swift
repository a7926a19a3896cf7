import G2TCore
import Knowledge

extension TherapyScorer {
    /// The sample's P-gp MDR risk from somatic ABCB1 evidence only: copy gain (with a panel of
    /// normals) and expression (given with the sample). Germline genotypes never count.
    package func mdrAssessment(_ f: SampleFindings) -> MDRAssessment {
        guard let r = kb.mdr else {
            return MDRAssessment(assessed: false, risk: .none, evidence: [], notAssessed: ["the knowledge base has no MDR rules"],
                                 level: "", sources: [])
        }
        var risk = MDRRisk.none
        var evidence: [String] = []
        var missing: [String] = []
        if let cns = f.copyNumber {
            if let cn = cns.first(where: { $0.gene == r.gene }), let copies = cn.copies {
                var steps: [(threshold: Double, risk: MDRRisk)] = [(r.highCopies, .high), (r.moderateCopies, .moderate)]
                if let low = r.lowCopies { steps.append((low, .low)) }
                let (level, text) = Self.grade(copies, steps, below: "no gain")
                risk = max(risk, level)
                evidence.append("\(r.gene) \(TextFormat.fixed(copies, 1)) copies \(text)")
            } else if let cn = cns.first(where: { $0.gene == r.gene }) {
                missing.append("\(r.gene) copy number: not assessed (" + (cn.baseline == .lowestGene
                    ? "it is the baseline assumed diploid, for lack of off-target reads)" : "see the copy-number note)"))
            } else {
                missing.append("\(r.gene) copy number: gene not in the panel of normals")
            }
        } else {
            missing.append("\(r.gene) copy number: no panel of normals (--pon)")
        }
        if let e = f.expression.first(where: { $0.gene == r.gene }) {
            if let baseline = expressionBaseline(r), let lo = r.foldLow, let mid = r.foldModerate, let hi = r.foldHigh {
                // Fold over the normal tissue the tumour arose in: normal colon expresses ABCB1 far
                // more than normal lung, so one TPM ladder would call every colon tumour "high".
                let fold = e.tpm / baseline.tpm
                let (level, text) = Self.grade(fold, [(hi, .high), (mid, .moderate), (lo, .low)], below: "not over-expressed", unit: "×")
                risk = max(risk, level)
                evidence.append("\(r.gene) \(TextFormat.fixed(e.tpm, 1)) TPM = \(TextFormat.fixed(fold, 1))× \(baseline.label) \(text)")
            } else if let lo = r.lowTPM, let mid = r.moderateTPM, let hi = r.highTPM {
                let (level, text) = Self.grade(e.tpm, [(hi, .high), (mid, .moderate), (lo, .low)], below: "not over-expressed")
                risk = max(risk, level)
                evidence.append("\(r.gene) \(TextFormat.fixed(e.tpm, 1)) TPM \(text)")
            }
        } else {
            missing.append("\(r.gene) expression: not given (--abcb1-expression)")
        }
        let assessed = missing.count < 2
        return MDRAssessment(assessed: assessed, risk: risk, evidence: evidence, notAssessed: missing,
                             level: "AMP \(r.ampLevel)", sources: kb.sourceLabels(r.sources))
    }

    /// The normal-tissue expression the sample's tumour type is compared with, and how it is named.
    func expressionBaseline(_ r: KnowledgeBase.MDRRules) -> (tpm: Double, label: String)? {
        if let b = (r.expressionBaselines ?? []).first(where: { b in b.tumorTypes.contains { tumorLineage.contains($0) } }) {
            // The source is listed with the MDR assessment's sources; the line stays readable.
            return (b.medianTPM, "the median of normal \(b.tissue) (\(TextFormat.fixed(b.medianTPM, 1)) TPM)")
        }
        guard let d = r.defaultBaselineTPM else { return nil }
        let why = tumorLineage.isEmpty ? "no tumour type given" : "no baseline for this tissue"
        return (d, "the default baseline (\(TextFormat.fixed(d, 1)) TPM; \(why))")
    }

    /// The risk of the highest threshold `value` reaches (thresholds highest first), and why:
    /// "(≥ 5 → high)", or "(< 3: no gain)" below them all.
    static func grade(_ value: Double, _ steps: [(threshold: Double, risk: MDRRisk)], below: String, unit: String = "") -> (MDRRisk, String) {
        if let hit = steps.first(where: { value >= $0.threshold }) {
            return (hit.risk, "(≥ \(TextFormat.fixed(hit.threshold, 0))\(unit) → \(hit.risk.rawValue))")
        }
        return (.none, "(< \(TextFormat.fixed(steps.last?.threshold ?? 0, 0))\(unit): \(below))")
    }

    /// Knowledge-base statements that apply to the sample but move no score.
    package func informational(_ f: SampleFindings) -> [InformationalFinding] {
        (kb.informational ?? []).flatMap { i -> [InformationalFinding] in
            // A statement scoped to a tumour type (EGFR amplification in NSCLC) is said only there.
            if let types = i.tumorTypes, !types.isEmpty, !inScope(types) { return [] }
            guard let b = kb.biomarker(id: i.biomarker) else { return [] }
            return BiomarkerMatcher.matches(b, in: f, kb: kb).map {
                InformationalFinding(biomarker: b.name, matchedBy: $0.text, statement: i.statement, level: i.level,
                                     sources: kb.sourceLabels(i.sources))
            }
        }
    }
}
