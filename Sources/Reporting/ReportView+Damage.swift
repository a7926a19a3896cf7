import G2TCore

extension ReportView {
    /// The QC section's damage sentences: the warning first when a rate is high, then the rates of
    /// deamination and oxidation with the counts they come from.
    static func damageSentences(_ d: DamageSummary?) -> [String] {
        guard let d else { return [] }
        guard d.used else {
            return ["Damage model not used: the reads carry no pair orientation (reference fragments' F1R2/F2R1 balance "
                    + "\(percent(d.pairedBalance)), e.g. single-end reads), so FFPE and oxidation damage cannot be told from real variants here."]
        }
        func line(_ a: DamageArtefact, _ label: String) -> String? {
            guard let r = d.rate(of: a) else { return nil }
            return "\(label) (\(r.substitution)): damage rate \(percent(r.rate)) per fragment above a background of \(percent(d.backgroundRate)), "
                + "\(percent(r.orientationShare)) of it in \(r.orientation) pairs (\(r.altF1R2) F1R2 and \(r.altF2R1) F2R1 alternate fragments "
                + "in \(r.fragments) fragments)" + (r.prior.map { "; prior of damage learned from its \($0.candidateSites) candidate sites: \(percent($0.damage))" } ?? "")
        }
        let rates = [line(.deamination, "FFPE deamination"), line(.oxidation, "oxidation")].compactMap { $0 }
        let verdict = d.warnings.isEmpty
            ? "Sample damage below the \(percent(d.highRate)) level."
            : "\(d.warnings.joined(separator: "; ").prefix(1).uppercased())\(d.warnings.joined(separator: "; ").dropFirst()): rate at or above \(percent(d.highRate)); calls the damage model judges probable damage are filtered (damage)."
        return [verdict, rates.joined(separator: "; ") + "."]
    }
}
