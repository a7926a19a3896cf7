import ArgumentParser
import G2TCore
import Knowledge
import Pipeline
import Scoring

/// `g2t kb`: inspect and check knowledge bases.
struct KBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb", abstract: "Validate or show a knowledge base.",
        subcommands: [Validate.self, Show.self, Diff.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate", abstract: "Check a knowledge base (default: the bundled one); exits non-zero with the file, key path and problem.",
            discussion: "Example:\n  g2t kb validate lab-kb.json")
        @Argument(help: "Knowledge base JSON.") var file: String?

        func run() throws {
            try reportingErrors {
                let k = try file.map(KnowledgeBaseLoader.load(path:)) ?? KnowledgeBaseLoader.bundled()
                print("\(k.origin): valid — \(k.kb.name) \(k.kb.version), \(k.kb.biomarkers.count) biomarkers, \(k.kb.drugs.count) drugs, \(k.kb.effects.count) statements; sha256 \(k.sha256)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "List the statements of a knowledge base.")
        @Argument(help: "Knowledge base JSON.") var file: String?
        @Option(name: .long, help: "Show only the statements for this drug (INN or alias, e.g. ADM for doxorubicin).") var drug: String?

        func run() throws {
            try reportingErrors {
                let k = try file.map(KnowledgeBaseLoader.load(path:)) ?? KnowledgeBaseLoader.bundled()
                var only: String?
                if let drug {
                    guard let d = k.kb.drug(matching: drug) else { throw PipelineError.unknownDrug(name: drug, knowledgeBase: k.origin) }
                    only = d.name
                }
                print("\(k.kb.name) \(k.kb.version) (released \(k.kb.released)\(k.kb.oncokbDataDate.map { "; OncoKB data of \($0)" } ?? "")); sha256 \(k.sha256)")
                // The statement number is what a scored line of `g2t rescore` names (`evidence[].statement`).
                print("# effects: statement, biomarker, drug, effect, level, tumour types, line of therapy, sources")
                for (n, e) in k.kb.effects.enumerated() where only == nil || e.drug == only {
                    let level = [e.oncokbLevel.map { "OncoKB \($0)" }, e.ampLevel.map { "AMP \($0)" }].compactMap { $0 }.joined(separator: ", ")
                    print("\(n)\t\(k.kb.biomarker(id: e.biomarker)?.name ?? e.biomarker)\t\(e.drug)\t\(e.effect.rawValue)\t\(level)\t\(e.tumorTypes.joined(separator: ","))\t\(e.setting?.text ?? "")\t\(e.sources.joined(separator: ","))")
                }
                print("# drugs: name, class, P-gp substrate, source, aliases")
                for d in k.kb.drugs where only == nil || d.name == only {
                    print("\(d.name)\t\(d.class)\t\(d.pgpSubstrate.text)\t\(d.pgpSource ?? "")\t\((d.aliases ?? []).joined(separator: ","))")
                }
                if only != nil { return }
                print("# informational (no effect on calls): biomarker, level, tumour types, statement")
                for i in k.kb.informational ?? [] { print("\(i.biomarker)\t\(i.level)\t\((i.tumorTypes ?? []).joined(separator: ","))\t\(i.statement)") }
                print("# panel limits: drugs, tumour types, genes this panel does not test")
                for l in k.kb.panelLimits ?? [] {
                    print("\(l.id)\t\(l.drugs.joined(separator: ","))\t\(l.tumorTypes.joined(separator: ","))\t\(l.genes.joined(separator: ","))")
                }
                print("# tumour-type context: id, role, drugs, tumour types, sources")
                for c in k.kb.tumorTypeContext ?? [] {
                    print("\(c.id)\t\(c.role.rawValue)\t\(c.drugs.joined(separator: ","))\t\(c.tumorTypes.joined(separator: ","))\t\(c.sources.joined(separator: ","))")
                }
                if let m = k.kb.mdr {
                    let copies = "copies ≥ \(m.lowCopies.map { "\($0) low, ≥ " } ?? "")\(m.moderateCopies) moderate, ≥ \(m.highCopies) high"
                    let expression: String
                    if let a = m.foldLow, let b = m.foldModerate, let c = m.foldHigh {
                        let tissues = (m.expressionBaselines ?? []).map { "\($0.tissue) \($0.medianTPM)" }.joined(separator: ", ")
                        expression = "expression ≥ \(a)/\(b)/\(c)× the normal-tissue median (\(tissues.isEmpty ? "no tissue baselines" : tissues); default \(m.defaultBaselineTPM ?? 0) TPM)"
                    } else {
                        expression = "TPM ≥ \(m.lowTPM ?? 0)/\(m.moderateTPM ?? 0)/\(m.highTPM ?? 0)"
                    }
                    print("# P-gp MDR rules (\(m.gene)): \(copies); \(expression) low/moderate/high; weights \(m.lowWeight)/\(m.moderateWeight)/\(m.highWeight); AMP \(m.ampLevel)")
                    print("# \(m.thresholdBasis)")
                }
                // What the source keys of statements (and of scored lines' `evidence[].sources`) cite.
                print("# sources: key, citation")
                for key in k.kb.sources.keys.sorted() { print("\(key)\t\(k.kb.sources[key]?.label ?? "")") }
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff", abstract: "Show what changes between two knowledge bases: statements, and the calls that would change.",
            discussion: """
            Calls are compared on a minimal probe sample per biomarker, in every tumour type either version
            names and without one; add real samples (analysis JSON from `g2t annotate` or a report) with --sample.

            Examples:
              g2t kb diff old-kb.json new-kb.json
              g2t kb diff old-kb.json new-kb.json --sample results/P-0042.report.json
            """)
        @Argument(help: "The old knowledge base JSON.") var old: String
        @Argument(help: "The new knowledge base JSON.") var new: String
        @Option(name: .long, help: "Analysis JSON whose calls to compare (repeatable).") var sample: [String] = []

        func run() throws {
            try reportingErrors {
                let a = try KnowledgeBaseLoader.load(path: old)
                let b = try KnowledgeBaseLoader.load(path: new)
                let context = try ScoringContext(kb: b)
                let samples = try sample.map { path -> KnowledgeBaseDiff.Probe in
                    let analysis = try StageFile.read(path, requiring: .annotate)
                    return KnowledgeBaseDiff.Probe(label: "sample \(analysis.sample.id) (\(path))", findings: try context.findings(of: analysis),
                                                   lineage: try context.lineage(of: analysis))
                }
                let d = KnowledgeBaseDiff(old: a.kb, new: b.kb, catalogue: context.tumorTypes, samples: samples)
                print("\(a.kb.name) \(a.kb.version) (\(old)) → \(b.kb.name) \(b.kb.version) (\(new))")
                print("Statements: \(d.statementChanges.count) changed")
                for line in d.statementChanges { print("  \(line)") }
                print("Calls: \(d.callChanges.count) would change")
                for c in d.callChanges { print("  \(c.probe): \(c.drug): \(c.old) → \(c.new)") }
            }
        }
    }
}
