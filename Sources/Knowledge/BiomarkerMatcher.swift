import G2TCore

/// Decides whether a sample carries a biomarker, and how.
package enum BiomarkerMatcher {
    /// Every way `findings` satisfy biomarker `b`; empty when they do not.
    package static func matches(_ b: KnowledgeBase.Biomarker, in findings: SampleFindings, kb: KnowledgeBase) -> [BiomarkerMatch] {
        matches(b, in: findings, kb: kb, depth: 0)
    }

    /// Combination rules (`allOf`/`noneOf` other biomarkers) are followed this many levels deep at most
    /// (here and in `KnowledgeBaseDiff`): well beyond any curated nesting, and a cycle in a hand-built one must end.
    package static let maxRuleDepth = 8

    private static func matches(_ b: KnowledgeBase.Biomarker, in f: SampleFindings, kb: KnowledgeBase, depth: Int) -> [BiomarkerMatch] {
        // Validation rejects cycles; the bound keeps a hand-built knowledge base from recursing forever.
        guard depth < maxRuleDepth else { return [] }
        switch b.rule {
        case .proteinChange, .inframeDeletion, .inframeInsertion, .missenseAtCodon, .exon:
            // Only the biomarker's gene's variants can match (`matches` checks the gene first).
            return f.variants(inGene: b.gene).filter { matches($0, b) }.map { v in
                let change = v.annotation?.hgvsp ?? v.annotation?.hgvsc ?? "\(v.chrom):\(v.pos)\(v.ref)>\(v.alt)"
                return BiomarkerMatch(text: "\(v.gene ?? b.gene) \(change) (VAF \(v.vaf.map(TextFormat.percent) ?? "unknown"))",
                                      vaf: v.vaf, keys: [v.key], ccf: [v.originCall?.ccf])
            }
        case .amplification(let minCopies):
            // A gene not assessed has no copies and matches nothing.
            guard let cn = f.copyNumber?.first(where: { $0.gene == b.gene }), let copies = cn.copies, copies >= minCopies else { return [] }
            return [BiomarkerMatch(text: "\(b.gene) \(TextFormat.fixed(copies, 1)) copies (log2 ratio \(TextFormat.fixed(cn.log2Ratio ?? 0, 2)))",
                                   vaf: nil, keys: [])]
        case .overExpression(let minTPM):
            guard let e = f.expression.first(where: { $0.gene == b.gene }), e.tpm >= minTPM else { return [] }
            return [BiomarkerMatch(text: "\(b.gene) expression \(TextFormat.fixed(e.tpm, 1)) TPM (\(e.source))", vaf: nil, keys: [])]
        case .germlineGenotype(let rsid, let allele, let minCount):
            guard let g = f.genotypes.first(where: { $0.rsid == rsid && $0.status == .called }) else { return [] }
            let count = g.genotype.split(separator: "/").filter { $0 == Substring(allele) }.count
            guard count >= minCount else { return [] }
            return [BiomarkerMatch(text: "\(g.gene) \(g.rsid) \(g.genotype)", vaf: nil, keys: [])]
        case .wildType(let id):
            // Not assessed (no hotspot depths, a gene the panel does not read, no LOD threshold) matches nothing.
            guard let limit = kb.panelLimits?.first(where: { $0.id == id }), let maxLOD = f.maxHotspotLOD,
                  let c = PanelLimitAssessment.codons(genes: limit.genes, hotspots: f.hotspots, passing: f.passing(inGenes: limit.genes), maxLOD: maxLOD),
                  c.isWildType else { return [] }
            let worst = c.codons.compactMap(\.lod).max()
            return [BiomarkerMatch(text: "\(limit.genes.joined(separator: "/")) wild type: all \(c.codons.count) listed codons assessed, none mutated (worst LOD \(worst.map(TextFormat.percent) ?? "unknown"), threshold \(TextFormat.percent(maxLOD)))",
                                   vaf: nil, keys: [])]
        case .combination(let allOf, let noneOf, let phase):
            for id in noneOf {
                if let other = kb.biomarker(id: id), !matches(other, in: f, kb: kb, depth: depth + 1).isEmpty { return [] }
            }
            var parts: [[BiomarkerMatch]] = []
            for id in allOf {
                guard let part = kb.biomarker(id: id) else { return [] }
                let m = matches(part, in: f, kb: kb, depth: depth + 1)
                if m.isEmpty { return [] }
                parts.append(m)
            }
            guard let first = parts.first else { return [] }
            // Every combination of one match per part (panels give few matches per biomarker).
            var combos: [[BiomarkerMatch]] = first.map { [$0] }
            for p in parts.dropFirst() { combos = combos.flatMap { c in p.map { c + [$0] } } }
            return combos.compactMap { c -> BiomarkerMatch? in
                var text = c.map(\.text).joined(separator: " + ")
                if let phase, c.count >= 2 {
                    guard let call = phaseCall(c[0].keys, c[1].keys, in: f.phases), call.relation == phase.relation else { return nil }
                    text += "; \(phase) from reads (\(call.both) fragments with both, \(call.firstOnly) + \(call.secondOnly) with one)"
                }
                return BiomarkerMatch(text: text, vaf: c.compactMap(\.vaf).min(), keys: c.flatMap(\.keys), ccf: c.flatMap(\.ccf))
            }
        }
    }

    /// The phase call between a variant of `a` and one of `b`, if the caller made one.
    static func phaseCall(_ a: [VariantKey], _ b: [VariantKey], in phases: [PhaseCall]) -> PhaseCall? {
        phases.first { p in
            guard p.keys.count == 2 else { return false }
            return (a.contains(p.keys[0]) && b.contains(p.keys[1])) || (a.contains(p.keys[1]) && b.contains(p.keys[0]))
        }
    }

    /// True when `v` (annotated, same gene) satisfies a variant rule of `b`.
    package static func matches(_ v: VariantCall, _ b: KnowledgeBase.Biomarker) -> Bool {
        guard v.gene == b.gene else { return false }
        return matches(v.annotation, b)
    }

    /// `matches(v, b)` for a variant of `b`'s gene, from its annotation (read once by the caller: a copy of
    /// it per rule was a third of the score stage on a dense VCF). No annotation matches no variant rule.
    package static func matches(_ annotation: VariantAnnotation?, _ b: KnowledgeBase.Biomarker) -> Bool {
        guard let a = annotation else { return false }
        let consequence = a.consequence
        if case .exon(let exon, let term) = b.rule { return exonRuleMatches(a, exon: exon, term: term) }
        guard let p = a.hgvspShort else { return false }
        // "p." + change == p, without making the string.
        func named(_ change: String) -> Bool { p.hasPrefix("p.") && p.dropFirst(2) == change }
        switch b.rule {
        case .proteinChange(let changes):
            return changes.contains(where: named)
        case .inframeDeletion(let first, let last, let except):
            guard consequence.contains(.inframeDeletion), let span = codonSpan(p), !except.contains(where: named) else { return false }
            return span.lowerBound >= first && span.upperBound <= last
        case .inframeInsertion(let first, let last, let except):
            guard consequence.contains(.inframeInsertion), let span = codonSpan(p), !except.contains(where: named) else { return false }
            return span.lowerBound >= first && span.upperBound <= last
        case .missenseAtCodon(let codon, let from):
            guard consequence.contains(.missenseVariant), codonSpan(p) == codon...codon else { return false }
            return from.map { p.hasPrefix("p.\($0)\(codon)") } ?? true
        case .exon, .amplification, .overExpression, .germlineGenotype, .combination, .wildType:
            return false
        }
    }

    /// An `exon` rule: the variant starts in exon N, or — for a splice donor/acceptor term — it changes
    /// exon N's own splice site from the intron: the donor of exon N lies in intron N (c.3028+1G>T of
    /// MET exon 14 is intron 14) and its acceptor in intron N−1 (introns are numbered in transcript order).
    /// Only the exact SO term counts there, so VEP's splice_donor_region_variant / _5th_base_variant do not.
    static func exonRuleMatches(_ a: VariantAnnotation, exon: Int, term: SOTerm) -> Bool {
        guard a.consequence.contains(term) else { return false }
        if a.exon == exon { return true }
        guard let intron = a.intron else { return false }
        switch term {
        case .spliceDonorVariant: return intron == exon
        case .spliceAcceptorVariant: return intron == exon - 1
        default: return false
        }
    }

    /// Codons named in a one-letter p. change: "p.E746_A750del" → 746...750, "p.L858R" → 858...858.
    static func codonSpan(_ p: String) -> ClosedRange<Int>? {
        if let span = asciiCodonSpan(p) { return span }
        return characterCodonSpan(p)
    }

    /// `codonSpan` on the bytes of an ASCII change without CR (every p. change g2t writes; each
    /// Character is then one byte and only '0'...'9' are numbers), for the ~20 codon rules per
    /// sample; the outer nil: not such a change (the Character walk decides).
    static func asciiCodonSpan(_ p: String) -> ClosedRange<Int>?? {
        var p = p
        return p.withUTF8 { b -> ClosedRange<Int>?? in
            for c in b where c >= 0x80 || c == 13 { return nil }
            var numbers: [Int] = []
            numbers.reserveCapacity(2)
            // The run of digits so far (nil: none), and whether it overflowed (`Int(_:)` of it is nil).
            var current: Int?, overflow = false
            func flush() {
                if let n = current, !overflow { numbers.append(n) }
                current = nil
                overflow = false
            }
            for c in b.dropFirst(2) {
                if (48...57).contains(c) {
                    let (m, o1) = (current ?? 0).multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(Int(c - 48))
                    overflow = overflow || o1 || o2
                    current = s
                } else if current != nil {
                    flush()
                    if c == UInt8(ascii: "d") || c == UInt8(ascii: "i") || c == UInt8(ascii: "f") || c == UInt8(ascii: "=") { break }
                }
            }
            flush()
            guard let lo = numbers.first else { return .some(nil) }
            let hi = numbers.count > 1 ? numbers[1] : lo
            return .some(lo...max(lo, hi))
        }
    }

    /// `codonSpan` by Characters: any change.
    static func characterCodonSpan(_ p: String) -> ClosedRange<Int>? {
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
