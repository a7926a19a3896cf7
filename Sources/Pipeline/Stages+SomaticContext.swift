import Calling
import G2TCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Stages {
    /// Adds copy number (with the panel of normals `pon`, loaded from `o.pon`) and given expression
    /// to a called analysis.
    static func addSomaticContext(_ a: inout Analysis, _ o: CallOptions, panel: Panel, pon: PanelOfNormals?, fromReads: Bool) throws {
        if let path = o.pon, let pon {
            guard pon.build == a.reference.build.rawValue else {
                throw PipelineError.badInput(path: path, detail: "panel of normals is for \(pon.build) but \(o.input) is \(a.reference.build.rawValue)")
            }
            a.inputs.append(InputFile(path: path, format: pon.format, sha256: try FileDigest.sha256(path: path)))
            if fromReads {
                // Purity is not known at this stage: copies are uncorrected, and each call's note says so.
                a.copyNumber = estimateCopyNumber(a, pon: pon, purity: nil)
            } else {
                a.notes.append("\(path): copy number needs reads; not assessed for a VCF input")
            }
        }
        let expression = try expressionValues(o, panel: panel)
        if !expression.isEmpty { a.expression = expression }
    }

    /// `--expression GENE=TPM` values, and `--abcb1-expression` as the panel's MDR gene's; a gene
    /// not on the panel, or given twice, is an error.
    static func expressionValues(_ o: CallOptions, panel: Panel) throws -> [GeneExpression] {
        var out = o.expression
        if let tpm = o.abcb1Expression {
            guard let gene = panel.genes(with: .mdr).first else {
                throw PipelineError.badInput(path: o.input, detail: "--abcb1-expression: the panel has no gene with the role 'mdr'")
            }
            out.append(GeneExpression(gene: gene, tpm: tpm, source: "--abcb1-expression"))
        }
        let symbols = panel.genes.map(\.symbol)
        var seen: Set<String> = []
        for e in out {
            guard symbols.contains(e.gene) else {
                throw PipelineError.badInput(path: o.input, detail: "\(e.source): '\(e.gene)' is not a panel gene (panel: \(symbols.joined(separator: ", ")))")
            }
            guard seen.insert(e.gene).inserted else {
                throw PipelineError.badInput(path: o.input, detail: "\(e.source): expression of \(e.gene) given twice")
            }
        }
        return out
    }

    /// Once the origin step has set the purity (given, or estimated from somatic VAFs), copy number
    /// is estimated again with it: copies then mean tumour-cell copies, not a mixture with normal cells.
    static func correctCopyNumberForPurity(_ a: inout Analysis, _ o: CallOptions, pon: PanelOfNormals?) throws {
        guard let pon, a.copyNumber != nil, let purity = a.sample.purity?.value, purity > 0, purity <= 1 else { return }
        a.copyNumber = estimateCopyNumber(a, pon: pon, purity: purity)
    }

    /// Copy number of a called analysis (from reads) against `pon`, corrected for `purity` in (0, 1]
    /// when given (nil: uncorrected). Call again once a purity is known; it replaces nothing itself.
    package static func estimateCopyNumber(_ a: Analysis, pon: PanelOfNormals, purity: Double?) -> [CopyNumberCall] {
        CopyNumberEstimator.estimate(a.qc.targets, offTarget: a.qc.offTarget, pon: pon, purity: purity, thresholds: a.parameters.copyNumber)
    }

    /// A panel of normals written by `g2t pon build` (format 2, or format 1 without off-target
    /// counts and sites: `pon.hasSiteData` is then false).
    package static func loadPanelOfNormals(_ path: String) throws -> PanelOfNormals {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.badInput(path: path, detail: "cannot read the panel of normals (no such file?)")
        }
        do {
            let pon = try JSONCoding.foundationDecode(PanelOfNormals.self, from: [UInt8](data))  // with the nesting guard (Foundation traps beyond it)
            guard PanelOfNormals.readableFormats.contains(pon.format) else {
                throw PipelineError.badInput(path: path, detail: "unknown panel-of-normals format '\(pon.format)' (this g2t reads \(PanelOfNormals.readableFormats.joined(separator: ", ")))")
            }
            guard !pon.targets.isEmpty else { throw PipelineError.badInput(path: path, detail: "the panel of normals has no targets") }
            return pon
        } catch let e as PipelineError {
            throw e
        } catch {
            throw PipelineError.badInput(path: path, detail: "not a g2t panel of normals (make one with `g2t pon build`): \(JSONErrorText.describe(error, bytes: Array(data)))")
        }
    }

    /// A panel of normals from normal samples' alignments (same panel, same build): target depths,
    /// off-target counts, and the alternate alleles the normals support (`NormalSites.rule`). `parameters`
    /// (`--config`) give the read filters and the site-support rule (`normalPanel`).
    package static func buildPanelOfNormals(_ paths: [String], reference: String? = nil, threads: Int = 2,
                                           parameters: CallingParameters = .init(),
                                           log: (String) -> Void = { _ in }) throws -> PanelOfNormals {
        var normals: [CopyNumberEstimator.Normal] = []
        var calls: [[VariantCall]] = []
        var build: GenomeBuild?
        for path in paths {
            let a = try call(CallOptions(input: path, reference: reference, threads: threads,
                                         parameters: NormalSites.parameters(from: parameters)), log: log)
            guard !a.qc.targets.isEmpty else { throw PipelineError.badInput(path: path, detail: "a panel of normals needs reads (BAM/CRAM), not variants") }
            if let b = build, b != a.reference.build {
                throw PipelineError.badInput(path: path, detail: "is \(a.reference.build.rawValue) but the first normal is \(b.rawValue)")
            }
            build = a.reference.build
            normals.append(.init(id: a.sample.id, targets: a.qc.targets, offTarget: a.qc.offTarget))
            calls.append(a.variants)
            let offTarget = a.qc.offTarget.map { "\($0.otherAutosomes) off-target reads on other autosomes" } ?? "no off-target counts in the index"
            log("\(path): \(a.sample.id), mean target depth \(Int(a.qc.meanTargetDepth.rounded()))×, \(offTarget), \(a.variants.count) alleles with support")
        }
        do {
            return try CopyNumberEstimator.panel(build: build?.rawValue ?? "", normals: normals,
                                                 sites: NormalSites.sites(perNormal: calls, settings: parameters.normalPanel),
                                                 siteRule: NormalSites.rule(parameters.normalPanel))
        } catch let e as CopyNumberError {
            throw PipelineError.badInput(path: paths.first ?? "", detail: e.description)
        }
    }
}

extension PanelOfNormals {
    /// Writes the panel as key-sorted JSON, atomically (temporary file, then rename).
    package func write(to path: String) throws {
        try OutputWriter.writeFile(try JSONCoding.encode(self, .document), to: path)
    }
}
