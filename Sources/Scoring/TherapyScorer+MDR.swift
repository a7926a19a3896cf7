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
            if let cn = cns.first(where: { $0.gene == r.gene }) {
                let copies = TextFormat.fixed(cn.copies, 1)
                if cn.copies >= r.highCopies {
                    risk = max(risk, .high)
                    evidence.append("\(r.gene) \(copies) copies (≥ \(TextFormat.fixed(r.highCopies, 0)) → high)")
                } else if cn.copies >= r.moderateCopies {
                    risk = max(risk, .moderate)
                    evidence.append("\(r.gene) \(copies) copies (≥ \(TextFormat.fixed(r.moderateCopies, 0)) → moderate)")
                } else {
                    evidence.append("\(r.gene) \(copies) copies (< \(TextFormat.fixed(r.moderateCopies, 0)): no gain)")
                }
            } else {
                missing.append("\(r.gene) copy number: gene not in the panel of normals")
            }
        } else {
            missing.append("\(r.gene) copy number: no panel of normals (--pon)")
        }
        if let e = f.expression.first(where: { $0.gene == r.gene }) {
            let tpm = TextFormat.fixed(e.tpm, 1)
            if e.tpm >= r.highTPM {
                risk = max(risk, .high)
                evidence.append("\(r.gene) \(tpm) TPM (≥ \(TextFormat.fixed(r.highTPM, 0)) → high)")
            } else if e.tpm >= r.moderateTPM {
                risk = max(risk, .moderate)
                evidence.append("\(r.gene) \(tpm) TPM (≥ \(TextFormat.fixed(r.moderateTPM, 0)) → moderate)")
            } else if e.tpm >= r.lowTPM {
                risk = max(risk, .low)
                evidence.append("\(r.gene) \(tpm) TPM (≥ \(TextFormat.fixed(r.lowTPM, 0)) → low)")
            } else {
                evidence.append("\(r.gene) \(tpm) TPM (< \(TextFormat.fixed(r.lowTPM, 0)): not over-expressed)")
            }
        } else {
            missing.append("\(r.gene) expression: not given (--abcb1-expression)")
        }
        let assessed = missing.count < 2
        return MDRAssessment(assessed: assessed, risk: risk, evidence: evidence, notAssessed: missing,
                             level: "AMP \(r.ampLevel)", sources: kb.sourceLabels(r.sources))
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
