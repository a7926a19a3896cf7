import Calling
import G2TCore
import HTS
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Stages {
    /// Classifies every variant's origin (germline resource, allele fraction, panel of normals,
    /// matched normal), sets the purity and the somatic variants' CCF (docs/germline.md).
    /// `tumourCounts`: the tumour's per-target counts when it was called from reads (nil for a VCF).
    static func addOrigin(_ a: inout Analysis, _ o: CallOptions, panel: Panel, pon: PanelOfNormals?, tumourCounts: [TargetCounts]?,
                          log: (String) -> Void) throws {
        let build = a.reference.build
        let resource = try germlineResource(o, build: build, panel: panel)
        if let r = resource {
            if o.germlineResource != nil { a.inputs.append(InputFile(path: r.file, format: "germline-resource", sha256: try FileDigest.sha256(path: r.file))) }
        } else {
            a.notes.append("No germline resource for \(build.rawValue): population frequencies were not used to tell germline from somatic variants.")
        }

        // Panel of normals, site level.
        var sites: (any NormalSiteSupport)?
        if let path = o.pon, let pon {
            if pon.hasSiteData { sites = pon }
            else { a.notes.append("\(path): the panel of normals has no site data (format 1); site-level filtering of germline variants and recurrent artefacts was not available.") }
        } else {
            a.notes.append("No panel of normals: site-level filtering of germline variants and recurrent artefacts was not available.")
        }

        // Matched normal.
        var normalCounts: [TargetCounts]?
        if let normalPath = o.normal {
            let (counts, format) = try countNormal(normalPath, tumour: a, o: o, panel: panel, log: log)
            normalCounts = counts
            a.inputs.append(InputFile(path: normalPath, format: "\(format) \(InputFile.matchedNormalTag)", sha256: try FileDigest.sha256(path: normalPath)))
            let identity = try checkIdentity(tumour: a, tumourCounts: tumourCounts, o: o, normal: counts, normalPath: normalPath,
                                             panel: panel, resource: resource)
            a.notes.append(identity)
        }

        var classifier = OriginClassifier(panel: panel, resource: resource, copyNumber: a.copyNumber, givenPurity: o.purity,
                                          thresholds: a.parameters.origin, puritySettings: a.parameters.purity)
        classifier.threads = o.threads
        // In place: the analysis's variants are the only copy.
        let result = classifier.classify(
            &a.variants,
            ponSupport: { v in sites?.normalsWithSupport(chrom: v.chrom, pos: v.pos, ref: v.ref, alt: v.alt) },
            normal: normalCounts.map { counts in { v in NormalCounting.support(for: v, in: counts) } })
        a.sample.purity = result.purity
        a.notes.append(contentsOf: result.notes)
        for n in result.notes { log(n) }
        if o.normal == nil {
            a.notes.append("Tumour-only analysis: germline and somatic origin are inferred from population frequency and allele fraction, not proven (give a matched normal with --normal).")
        }
    }

    /// The germline resource: --germline-resource, else the bundled one for the build.
    static func germlineResource(_ o: CallOptions, build: GenomeBuild, panel: Panel) throws -> GermlineResource? {
        guard let path = o.germlineResource else { return try GermlineResource.bundled(build: build, panel: panel) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw PipelineError.badInput(path: path, detail: "cannot read the germline resource (no such file?)")
        }
        do {
            return try GermlineResource.parse(text, file: path, build: build, reference: panel.reference)
        } catch let e as DataFileError {
            throw PipelineError.badInput(path: path, detail: e.description.hasPrefix(path) ? String(e.description.dropFirst(path.count + 2)) : e.description)
        }
    }

    /// Counts the matched normal over the panel targets after checking its build against the tumour's.
    static func countNormal(_ path: String, tumour a: Analysis, o: CallOptions, panel: Panel, log: (String) -> Void) throws -> (counts: [TargetCounts], format: String) {
        guard case .alignments = try FileKind.of(path) else {
            throw PipelineError.badInput(path: path, detail: "the matched normal must be aligned reads (BAM/CRAM/SAM)")
        }
        let file = try AlignmentFile(path: path, reference: o.reference)
        let (build, naming, _) = try BuildDetector.detect(file.header, path: path, panels: try o.panelSet())
        guard build == a.reference.build else {
            throw PipelineError.badInput(path: path, detail: "the normal is \(build.rawValue) but the tumour \(o.input) is \(a.reference.build.rawValue)")
        }
        if try file.prepareIndex() == .temporary { log("\(path): no index found; indexed in a temporary place for this run") }
        let p = o.parameters
        let filter = ReadFilter(minMappingQuality: UInt8(clamping: p.minMappingQuality), minBaseQuality: UInt8(clamping: p.minBaseQuality),
                                countFragmentsOnce: p.countFragmentsOnce)
        let counts = try TargetCounter.count(file: file, reference: o.reference,
                                             targets: countable(panel.targets, naming: naming, header: file.header),
                                             naming: naming, filter: filter, threads: o.threads, bases: panel.reference)
        guard counts.contains(where: { $0.counts.reads > 0 }) else { throw CallerError.noReadsInTargets(path: path) }
        return (counts, file.format.rawValue)
    }

    /// Tumour and normal must come from one person: at the panel's common SNP sites the tumour may
    /// lose an allele (LOH) but never shows one the normal lacks. Returns a note for the report.
    static func checkIdentity(tumour a: Analysis, tumourCounts: [TargetCounts]?, o: CallOptions, normal: [TargetCounts], normalPath: String,
                              panel: Panel, resource: GermlineResource?) throws -> String {
        let settings = a.parameters.identity
        let sites = IdentityCheck.sites(panel: panel, resource: resource, commonSiteAF: settings.commonSiteAF)
        let normalGT = IdentityCheck.genotypes(sites, counts: normal, genotyping: a.parameters.genotyping)
        var tumourGT: [IdentityCheck.SiteKey: Set<String>]
        switch tumourCounts {
        case .some(let counts):
            // The call stage's counts: every panel target, same read filter, panel naming.
            tumourGT = IdentityCheck.genotypes(sites, counts: counts, genotyping: a.parameters.genotyping)
        case .none:
            // A VCF lists only the alleles it called: an alternate allele it lists (at a germline-like
            // fraction) is present in the tumour; whether the reference allele is, it does not say.
            tumourGT = [:]
            for s in sites {
                if let v = a.variants.first(where: { ChromosomeLengths.panelName($0.chrom) == s.chrom && $0.pos == s.pos && $0.ref == s.ref
                    && s.alts.contains($0.alt) && $0.passed && ($0.vaf ?? 0) >= settings.vcfPresentVAF }) {
                    tumourGT[IdentityCheck.SiteKey(chrom: s.chrom, pos: s.pos)] = [v.alt]
                }
            }
        }
        let r = IdentityCheck.compare(tumour: tumourGT, normal: normalGT)
        if r.mismatch(sites: settings.mismatchSites) {
            throw PipelineError.badInput(path: normalPath,
                detail: "the normal and the tumour \(o.input) are not from the same person: \(r.discordant) of \(r.compared) common SNP sites carry a tumour allele the normal lacks (\(r.examples.joined(separator: ", ")))")
        }
        return "Matched normal \(normalPath): same person as the tumour by \(r.compared) common SNP site\(r.compared == 1 ? "" : "s") (\(r.discordant) discordant)\(r.compared < settings.fewSites ? "; few sites, so the check is weak" : "")."
    }
}
