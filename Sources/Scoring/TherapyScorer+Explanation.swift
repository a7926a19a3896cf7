import G2TCore
import Knowledge

extension TherapyScorer {
    /// Why a call is what it is, beyond the weights: each case the call rules treat specially.
    struct Reasons {
        var dominant: [String]
        /// Resistance decided the call over sensitising evidence of weight `sensitivityWeight`.
        var overridden: Bool
        var sensitivityWeight: Double
        var mdrFloor: Bool
        /// Only evidence from another tumour type (or without a tumour type) matched.
        var outsideOnly: Bool
        /// More than one in-scope sensitivity statement matched; only the strongest counts.
        var compound: Bool
    }

    /// The explanation a tumour board reads: every statement with its level, scope, weight and
    /// whether it counted, then the score, the call, and the rule that decided it.
    func explain(_ items: [EvidenceItem], score: Double, call: TherapyCall.Call, why: Reasons,
                 context: KnowledgeBase.TumorTypeContext?) -> String {
        var parts = items.map { i -> String in
            let level = [i.oncokbLevel.isEmpty ? nil : "OncoKB \(i.oncokbLevel)", i.ampLevel.isEmpty ? nil : "AMP \(i.ampLevel)"]
                .compactMap { $0 }.joined(separator: ", ")
            let scope = i.tumorTypes.isEmpty ? "" : " in \(i.tumorTypes.joined(separator: "/"))"
            var notes: [String] = []
            if !i.inTumorType {
                notes.append(tumorLineage.isEmpty ? "tumour type not given" : "other tumour type")
            }
            if let c = i.ccf { notes.append("CCF \(TextFormat.fixed(c.value, 2)) (95% CI \(TextFormat.fixed(c.low, 2))–\(TextFormat.fixed(c.high, 2)))") }
            if i.clonality == .subclonal && i.effect == .sensitivity, let f = kb.levelWeights.subclonalSensitivityFactor {
                notes.append("subclonal, ×\(f)")
            }
            if let s = i.setting { notes.append(s) }
            let weight = "\(i.weight > 0 ? "+" : "")\(i.weight)"
            notes.append(i.counted ? weight : "\(weight) not counted")
            return "\(i.biomarker) → \(i.effect.rawValue) (\(level)\(scope); \(notes.joined(separator: "; ")))"
        }
        if let context { parts.append("tumour-type context: \(context.role.rawValue) (no score)") }
        var text = parts.joined(separator: "; ") + ". Score \(score) → \(call.rawValue)."
        if !why.dominant.isEmpty {
            text += " \(why.dominant.joined(separator: ", ")) confers resistance that overrides sensitising evidence"
            text += why.overridden ? " (+\(why.sensitivityWeight) not counted)." : "."
        } else if why.overridden {
            text += " Strong resistance evidence takes precedence over sensitivity (+\(why.sensitivityWeight) not counted)."
        }
        if why.outsideOnly {
            text += tumorLineage.isEmpty
                ? " No tumour type was given: evidence scoped to a tumour type is shown, not applied (at most uncertain)."
                : " The evidence is for another tumour type: shown, not applied (at most uncertain)."
        }
        if why.compound { text += " Several statements support sensitivity; only the strongest counts." }
        if why.mdrFloor { text += " P-gp risk alone (preclinical evidence) lowers a call at most to uncertain." }
        return text
    }
}
