import G2TCore
import Knowledge

/// What changes between two knowledge-base versions: the statements, and the calls they give.
///
/// Calls are compared on probes: for every biomarker of either version, a minimal sample that
/// carries it (a variant, a copy number, a genotype, or a combination's parts with their phase),
/// scored in every tumour type either version names, and without a tumour type. Real samples
/// can be added; their calls are compared too.
package struct KnowledgeBaseDiff: Sendable {
    /// A named sample to compare calls on.
    package struct Probe: Sendable {
        package var label: String
        package var findings: SampleFindings
        package var lineage: [String]
        package init(label: String, findings: SampleFindings, lineage: [String]) {
            self.label = label
            self.findings = findings
            self.lineage = lineage
        }
    }

    /// One drug whose call differs on one probe.
    package struct CallChange: Sendable, Equatable {
        package var probe: String
        package var drug: String
        /// Call (and score) in the old and new version; "not reported" when the drug is absent.
        package var old: String
        package var new: String
    }

    package var statementChanges: [String] = []
    package var callChanges: [CallChange] = []

    /// Compares `old` with `new`; `catalogue` resolves tumour-type lineages; `samples` are extra probes.
    package init(old: KnowledgeBase, new: KnowledgeBase, catalogue: [TumorType], samples: [Probe] = []) {
        statementChanges = Self.statements(old, new)
        var probes: [Probe] = []
        let types = Set((old.effects + new.effects).flatMap(\.tumorTypes)
                        + (old.tumorTypeContext ?? []).flatMap(\.tumorTypes) + (new.tumorTypeContext ?? []).flatMap(\.tumorTypes)).sorted()
        let lineages: [(String, [String])] = [("no tumour type", [])] + types.compactMap { code in
            guard let t = try? TumorType.resolve(code, in: catalogue) else { return nil }
            return (code, t.lineage(in: catalogue))
        }
        var seen = Set<String>()
        for b in old.biomarkers + new.biomarkers where seen.insert(b.id).inserted {
            let kb = new.biomarker(id: b.id) != nil ? new : old
            guard let f = Self.probe(for: b, in: kb) else { continue }
            for (label, lineage) in lineages { probes.append(Probe(label: "\(b.name) [\(label)]", findings: f, lineage: lineage)) }
        }
        probes += samples
        for p in probes {
            let a = Self.calls(TherapyScorer(kb: old, tumorLineage: p.lineage).score(p.findings).therapies)
            let b = Self.calls(TherapyScorer(kb: new, tumorLineage: p.lineage).score(p.findings).therapies)
            for drug in Set(a.keys).union(b.keys).sorted() where a[drug] != b[drug] {
                callChanges.append(CallChange(probe: p.label, drug: drug, old: a[drug] ?? "not reported", new: b[drug] ?? "not reported"))
            }
        }
    }

    static func calls(_ t: [TherapyCall]) -> [String: String] {
        Dictionary(t.map { ($0.drug, "\($0.call.rawValue) (\($0.score), MDR \($0.mdrRisk.rawValue))") }, uniquingKeysWith: { a, _ in a })
    }

    /// A minimal sample that carries biomarker `b`; nil when none can be made.
    static func probe(for b: KnowledgeBase.Biomarker, in kb: KnowledgeBase, depth: Int = 0) -> SampleFindings? {
        guard depth < BiomarkerMatcher.maxRuleDepth else { return nil }
        func variant(_ p: String, _ consequence: Consequence, pos: Int, exon: Int? = nil) -> SampleFindings {
            var v = VariantCall(gene: b.gene, chrom: "probe", pos: pos, ref: "A", alt: "C", vaf: 0.3, depth: 500, altDepth: 150,
                                altForward: 75, altReverse: 75, filter: "PASS")
            // A probe has no transcript or c. change; the rules read the protein change, consequence and exon.
            v.annotation = VariantAnnotation(transcript: "probe", hgvsc: "c.?", hgvsp: p, hgvspShort: p, consequence: consequence, exon: exon)
            return SampleFindings(variants: [v])
        }
        let pos = abs(b.id.hashValueStable) % 1_000_000 + 1
        switch b.rule {
        case .proteinChange(let changes):
            guard let c = changes.first else { return nil }
            return variant("p." + c, "missense_variant", pos: pos)
        case .inframeDeletion(let first, let last, _):
            return variant("p.A\(first)_A\(min(last, first + 4))del", "inframe_deletion", pos: pos)
        case .inframeInsertion(let first, let last, _):
            return variant("p.A\(first)_A\(min(last, first + 1))insGGG", "inframe_insertion", pos: pos)
        case .missenseAtCodon(let codon, let from):
            return variant("p.\(from ?? "A")\(codon)\(from == "W" ? "C" : "W")", "missense_variant", pos: pos)
        case .exon(let exon, let term):
            return variant("p.A1V", Consequence([term]), pos: pos, exon: exon)
        case .amplification(let minCopies):
            return SampleFindings(variants: [], copyNumber: [CopyNumberCall(gene: b.gene, log2Ratio: 0, copies: minCopies + 1, status: .amplification, targets: 1)])
        case .overExpression(let minTPM):
            return SampleFindings(variants: [], expression: [GeneExpression(gene: b.gene, tpm: minTPM * 2, source: "probe")])
        case .germlineGenotype(let rsid, let allele, _):
            return SampleFindings(variants: [], genotypes: [GermlineGenotype(gene: b.gene, rsid: rsid, name: rsid, chrom: "probe", pos: pos,
                                                                                 genotype: "\(allele)/\(allele)", status: .called, depth: 100, quality: 99,
                                                                                 alleleDepths: [:])])
        case .wildType(let id):
            // One hotspot per gene of the limit, deeply covered (the default LOD rule), nothing passing: wild type.
            guard let limit = kb.panelLimits?.first(where: { $0.id == id }) else { return nil }
            let p = CallingParameters()
            let hotspots = limit.genes.enumerated().map { i, gene in
                HotspotCall(hotspot: Hotspot(gene: gene, name: "\(gene) A1V", hgvsc: "c.2C>T", hgvsp: "p.Ala1Val", chrom: "probe", pos: pos + i,
                                             ref: "C", alt: "T", rsid: nil),
                            chrom: "probe", status: .notDetected, depth: 1000, altDepth: 0, minAlt: p.hotspotMinAltFragments)
            }
            return SampleFindings(variants: [], hotspots: hotspots, maxHotspotLOD: p.maxHotspotLOD)
        case .combination(let allOf, _, let phase):
            var variants: [VariantCall] = [], genotypes: [GermlineGenotype] = [], cn: [CopyNumberCall] = [], ex: [GeneExpression] = []
            var firstKeys: [[VariantKey]] = []
            for id in allOf {
                guard let part = kb.biomarker(id: id), let f = probe(for: part, in: kb, depth: depth + 1) else { return nil }
                firstKeys.append(f.variants.map(\.key))
                variants += f.variants
                genotypes += f.genotypes
                cn += f.copyNumber ?? []
                ex += f.expression
            }
            var phases: [PhaseCall] = []
            if let phase, firstKeys.count >= 2, let k1 = firstKeys[0].first, let k2 = firstKeys[1].first {
                let cis = phase == .cis
                phases.append(PhaseCall(variants: allOf, keys: [k1, k2], relation: phase.relation,
                                        both: cis ? 50 : 0, firstOnly: cis ? 0 : 50, secondOnly: cis ? 0 : 50, neither: 100))
            }
            return SampleFindings(variants: variants, phases: phases, genotypes: genotypes, copyNumber: cn.isEmpty ? nil : cn, expression: ex)
        }
    }

    /// Statements added, removed or changed, as lines.
    static func statements(_ old: KnowledgeBase, _ new: KnowledgeBase) -> [String] {
        var out: [String] = []
        if old.version != new.version { out.append("version: \(old.version) → \(new.version)") }
        func diff<T: Equatable>(_ what: String, _ a: [T], _ b: [T], key: (T) -> String, describe: (T) -> String) {
            let ka = Dictionary(a.map { (key($0), $0) }, uniquingKeysWith: { x, _ in x })
            let kb = Dictionary(b.map { (key($0), $0) }, uniquingKeysWith: { x, _ in x })
            for k in Set(ka.keys).union(kb.keys).sorted() {
                switch (ka[k], kb[k]) {
                case (nil, let y?): out.append("+ \(what) \(describe(y))")
                case (let x?, nil): out.append("- \(what) \(describe(x))")
                case (let x?, let y?) where x != y: out.append("~ \(what) \(describe(x)) → \(describe(y))")
                default: break
                }
            }
        }
        diff("drug", old.drugs, new.drugs, key: \.name) { "\($0.name) (P-gp substrate \($0.pgpSubstrate.rawValue))" }
        diff("biomarker", old.biomarkers, new.biomarkers, key: \.id) { "\($0.id): \($0.name)" }
        diff("effect", old.effects, new.effects, key: { "\($0.biomarker) / \($0.drug) / \($0.effect.rawValue) / \($0.setting?.text ?? "")" }) { e in
            "\(e.biomarker) → \(e.drug) \(e.effect.rawValue) [\([e.oncokbLevel.map { "OncoKB \($0)" }, e.ampLevel.map { "AMP \($0)" }].compactMap { $0 }.joined(separator: ", "))] in \(e.tumorTypes.joined(separator: ","))\(e.dominant == true ? ", dominant" : "")\(e.setting.map { ", \($0.text)" } ?? "")"
        }
        diff("informational", old.informational ?? [], new.informational ?? [], key: \.biomarker) {
            "\($0.biomarker): \($0.level)\(($0.tumorTypes ?? []).isEmpty ? "" : " in " + ($0.tumorTypes ?? []).joined(separator: ","))"
        }
        diff("tumour-type context", old.tumorTypeContext ?? [], new.tumorTypeContext ?? [], key: \.id) {
            "\($0.id): \($0.role.rawValue) \($0.drugs.joined(separator: ", ")) in \($0.tumorTypes.joined(separator: ","))"
        }
        diff("panel limit", old.panelLimits ?? [], new.panelLimits ?? [], key: \.id) {
            "\($0.id): \($0.drugs.joined(separator: ", ")) in \($0.tumorTypes.joined(separator: ",")) decided by \($0.genes.joined(separator: ", "))"
        }
        if old.mdr != new.mdr { out.append("~ MDR rules changed (thresholds, weights or sources)") }
        if old.levelWeights != new.levelWeights { out.append("~ level weights changed") }
        return out
    }
}

private extension String {
    /// A hash that is the same in every run (Swift's hashValue is seeded per process).
    var hashValueStable: Int {
        var h: UInt64 = 1469598103934665603
        for b in utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return Int(truncatingIfNeeded: h >> 1)
    }
}
