import G2TCore
import Knowledge

extension TherapyScorer {
    /// The sample's P-gp MDR risk from somatic ABCB1 evidence only: copy gain (with a panel of
    /// normals) and expression (given with the sample). Germline genotypes never count.
    public func mdrAssessment(_ f: SampleFindings) -> MDRAssessment {
        guard let r = kb.mdr else {
            return MDRAssessment(assessed: false, risk: .none, evidence: [], notAssessed: ["the knowledge base has no MDR rules"],
                                 level: "", sources: [])
        }
        var risk = MDRRisk.none
        var evidence: [String] = []
        var missing: [String] = []
        if let cns = f.copyNumber {
            if let cn = cns.first(where: { $0.gene == r.gene }), let copies = cn.copies {
                let (level, text) = Self.grade(copies, [(r.highCopies, .high), (r.moderateCopies, .moderate)], below: "no gain")
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
            let (level, text) = Self.grade(e.tpm, [(r.highTPM, .high), (r.moderateTPM, .moderate), (r.lowTPM, .low)], below: "not over-expressed")
            risk = max(risk, level)
            evidence.append("\(r.gene) \(TextFormat.fixed(e.tpm, 1)) TPM \(text)")
        } else {
            missing.append("\(r.gene) expression: not given (--abcb1-expression)")
        }
        let assessed = missing.count < 2
        return MDRAssessment(assessed: assessed, risk: risk, evidence: evidence, notAssessed: missing,
                             level: "AMP \(r.ampLevel)", sources: kb.sourceLabels(r.sources))
    }

    /// The risk of the highest threshold `value` reaches (thresholds highest first), and why:
    /// "(≥ 5 → high)", or "(< 3: no gain)" below them all.
    static func grade(_ value: Double, _ steps: [(threshold: Double, risk: MDRRisk)], below: String) -> (MDRRisk, String) {
        if let hit = steps.first(where: { value >= $0.threshold }) {
            return (hit.risk, "(≥ \(TextFormat.fixed(hit.threshold, 0)) → \(hit.risk.rawValue))")
        }
        return (.none, "(< \(TextFormat.fixed(steps.last?.threshold ?? 0, 0)): \(below))")
    }

    /// Knowledge-base statements that apply to the sample but move no score.
    public func informational(_ f: SampleFindings) -> [InformationalFinding] {
        (kb.informational ?? []).flatMap { i -> [InformationalFinding] in
            guard let b = kb.biomarker(id: i.biomarker) else { return [] }
            return BiomarkerMatcher.matches(b, in: f, kb: kb).map {
                InformationalFinding(biomarker: b.name, matchedBy: $0.text, statement: i.statement, level: i.level,
                                     sources: kb.sourceLabels(i.sources))
            }
        }
    }
}
