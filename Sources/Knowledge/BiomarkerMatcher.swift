import G2TCore

/// Decides whether an annotated variant is an instance of a biomarker.
public enum BiomarkerMatcher {
    /// True when `v` (annotated, same gene) satisfies `b`'s rule.
    public static func matches(_ v: VariantCall, _ b: KnowledgeBase.Biomarker) -> Bool {
        guard v.gene == b.gene, let p = v.hgvspShort else { return false }
        let consequence = v.consequence ?? ""
        switch b.rule {
        case .proteinChange(let changes):
            return changes.contains { "p." + $0 == p }
        case .inframeDeletion(let first, let last):
            guard consequence.contains("inframe_deletion"), let span = codonSpan(p) else { return false }
            return span.lowerBound >= first && span.upperBound <= last
        case .inframeInsertion(let first, let last):
            guard consequence.contains("inframe_insertion"), let span = codonSpan(p) else { return false }
            return span.lowerBound >= first && span.upperBound <= last
        case .missenseAtCodon(let codon, let from):
            guard consequence.contains("missense_variant"), codonSpan(p) == codon...codon else { return false }
            return from.map { p.hasPrefix("p.\($0)\(codon)") } ?? true
        }
    }

    /// Codons named in a one-letter p. change: "p.E746_A750del" → 746...750, "p.L858R" → 858...858.
    static func codonSpan(_ p: String) -> ClosedRange<Int>? {
        var numbers: [Int] = []
        var current = ""
        for ch in p.dropFirst(2) {
            if ch.isNumber { current.append(ch) } else if !current.isEmpty {
                if let n = Int(current) { numbers.append(n) }
                current = ""
                // Stop at the change type; later digits (fsTer45) are not codons.
                if ch == "d" || ch == "i" || ch == "f" || ch == "=" { break }
            }
        }
        if let n = Int(current) { numbers.append(n) }
        guard let lo = numbers.first else { return nil }
        let hi = numbers.count > 1 ? numbers[1] : lo
        return lo...max(lo, hi)
    }
}
