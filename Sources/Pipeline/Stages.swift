import Annotation
import Calling
import G2TCore
import HTS
import Knowledge
import Scoring

/// The stages, each a pure step from one `Analysis` to the next (the call stage from reads).
package enum Stages {
    /// Reads the alignments, counts the panel targets and calls variants and hotspots.
    /// `log` receives one-line notices (e.g. that the input had no index).
    package static func call(_ o: CallOptions, log: (String) -> Void = { _ in }) throws -> Analysis {
        try RunDate.validate(environment: o.environment)
        HTSEnvironment.configure()
        let tumor = try o.tumorType.map { try TumorType.resolve($0, in: try TumorType.catalogue()) }
        // Loaded once and handed to every step that needs it.
        let pon = try o.pon.map { try loadPanelOfNormals($0) }
        let kind = try FileKind.of(o.input)
        if let path = o.amplicons, case .variants = kind { throw AmpliconError.variantInput(path: path, input: o.input) }
        // Read (and syntax-checked) before the reads, so a bad file fails at once.
        let amplicons = try o.amplicons.map(AmpliconFile.read(path:))
        switch kind {
        case .alignments:
            // The input's checksum is computed on another thread while the reads are counted.
            let digest = BackgroundDigest(path: o.input)
            var (a, panel, counts) = try callReads(o, tumor: tumor, digest: digest, amplicons: amplicons, log: log)
            try addSomaticContext(&a, o, panel: panel, pon: pon, fromReads: true)
            // The tumour's target counts are kept for the matched normal's identity check (no second pass).
            try addOrigin(&a, o, panel: panel, pon: pon, tumourCounts: counts, log: log)
            try correctCopyNumberForPurity(&a, o, pon: pon)
            return a
        case .variants:
            // As for reads: the checksum on another thread while the records are imported.
            var (a, panel) = try importVCF(o, tumor: tumor, digest: BackgroundDigest(path: o.input), log: log)
            try addSomaticContext(&a, o, panel: panel, pon: pon, fromReads: false)
            try addOrigin(&a, o, panel: panel, pon: pon, tumourCounts: nil, log: log)
            return a
        case .other(let found):
            throw HTSError.wrongFormat(path: o.input, expected: "BAM/CRAM/SAM or VCF/BCF", found: found)
        }
    }

    /// Whether `path` holds variants (VCF/BCF) rather than reads or an analysis JSON.
    package static func isVariantFile(_ path: String) throws -> Bool {
        if case .variants = try FileKind.of(path) { return true }
        return false
    }

    /// Another caller's VCF/BCF as the calls: depth and VAF from its fields, hotspots from its records.
    static func importVCF(_ o: CallOptions, tumor: TumorType?, digest: BackgroundDigest, log: (String) -> Void) throws -> (Analysis, Panel) {
        var panel: Panel?
        let panels = try o.panelSet()
        let load = { (column: String?) in
            try VCFImport.read(path: o.input, sample: column, build: o.build, panels: panels) { p in
                var p = p
                if let ref = o.reference { p = p.with(reference: try FastaPanelReference.load(path: ref, panel: p)) }
                panel = p
                return p
            }
        }
        var r: VCFImport.Result
        if let column = o.vcfSample {
            r = try load(column)
        } else {
            // --sample is the report ID; it picks the column only when the VCF has one so named.
            do { r = try load(o.sampleID) } catch VCFImportError.noSuchSample where o.sampleID != nil { r = try load(nil) }
        }
        if let id = o.sampleID { r.sample = id }
        guard let panel else { throw PipelineError.output(path: o.input, detail: "no panel for the build") }
        if let n = r.columnChoice { log(n) }
        return (Analysis(
            sample: SampleInfo(id: r.sample, tumorType: tumor?.code, tumorTypeName: tumor?.name, fields: o.fields,
                              priorTherapies: o.priorTherapies.isEmpty ? nil : o.priorTherapies),
            reference: ReferenceInfo(build: r.build, chrom: r.chrom, source: o.reference ?? "bundled panel sequence"),
            software: SoftwareInfo(version: G2TVersion.current, htslib: G2TVersion.htslib, commit: G2TVersion.commit),
            date: RunDate.iso8601(environment: o.environment),
            inputs: [InputFile(path: o.input, format: r.format, sha256: try digest.value())],
            parameters: o.parameters, variants: r.variants,
            hotspots: VCFImport.hotspots(r.variants, panel: panel, naming: r.naming, minAlt: o.parameters.hotspotMinAltFragments),
            qc: QCSummary(readsInTargets: 0, meanTargetDepth: 0, targets: []), stages: [.call], notes: r.notes,
            genotypes: r.genotypes), panel)
    }

    /// Reads, counts the panel targets and calls.
    /// The analysis, the panel of the detected build and the per-target counts it was called from.
    static func callReads(_ o: CallOptions, tumor: TumorType?, digest: BackgroundDigest, amplicons: AmpliconSet? = nil,
                          log: (String) -> Void) throws -> (Analysis, Panel, [TargetCounts]) {
        let file = try AlignmentFile(path: o.input, reference: o.reference)
        let (build, naming, firstChrom) = try BuildDetector.detect(file.header, path: o.input, panels: try o.panelSet())
        let panel = try o.panel(build)
        var notes: [String] = []
        let contigs = Set(file.header.references.map(\.name))
        for c in panel.chromosomes where !contigs.contains(naming.input(c)) {
            let genes = panel.transcripts.filter { $0.chrom == c }.map { $0.gene }
            notes.append("\(o.input): no \(c) in the header: \(genes.joined(separator: ", ")) not assessed (no reads)")
        }
        if try file.prepareIndex() == .temporary {
            let note = "\(o.input): no index found; indexed in a temporary place for this run"
            notes.append(note)
            log(note)
        }
        var p = o.parameters
        var filter = ReadFilter(minMappingQuality: UInt8(clamping: p.minMappingQuality), minBaseQuality: UInt8(clamping: p.minBaseQuality),
                                countFragmentsOnce: p.countFragmentsOnce)
        let targets = countable(panel.targets, naming: naming, header: file.header)
        var trim: AmpliconTrim?
        if let amplicons {
            try AmpliconFile.check(amplicons, header: file.header, naming: naming, panel: panel, build: build,
                                   others: try o.panelSet().panels)
            if p.amplicon == nil { p.amplicon = CallingParameters.AmpliconMode() }  // recorded in the report
            filter = filter.keepingDuplicates
            trim = AmpliconFile.trim(amplicons, naming: naming, tolerance: p.amplicon?.matchTolerance ?? 5)
        } else {
            p.amplicon = nil  // a configuration's amplicon group (as `g2t config show` lists it) applies only with --amplicons
        }
        let umi = try decideUMI(o, file: file, targets: targets, naming: naming, filter: filter)
        notes += umi.notes
        for n in umi.notes { log(n) }
        if umi.active, let amplicons {
            // Not silently one or the other: consensus of primer-trimmed amplicon reads is not built yet.
            throw PipelineError.badInput(path: amplicons.path, detail: "the reads carry UMIs (tag \(umi.tag)) and amplicon mode does not build UMI consensus reads yet: collapse the UMI families first (e.g. fgbio), or call without --amplicons")
        }
        // UMI mode: duplicates are family members, so the raw counts include them.
        var rawFilter = filter
        if umi.active { rawFilter.excludeFlags &= ~ReadFilter.duplicateFlag }
        // Where the index keeps per-contig counts, the counting pass also tallies the records starting
        // near the targets, for the off-target counts (no second read of the target reads).
        let offTargetMargin = try file.mappedRecordsPerContig() != nil ? OffTargetCounts.defaultMargin : nil
        let counts: [TargetCounts], starts: RecordStarts?
        var molecules: ConsensusCounter.Result?
        if umi.active {
            // One read of the targets gives the molecules and the raw counts (each record decoded once).
            let shared = try ConsensusCounter.countWithRaw(file: file, reference: o.reference, targets: targets, naming: naming,
                                                           options: moleculeCounting(o, decision: umi, filter: filter), rawFilter: rawFilter,
                                                           threads: o.threads, bases: panel.reference, startMargin: offTargetMargin,
                                                           flank: BackgroundFlank(maxVAF: o.parameters.umi.backgroundMaxVAF, exclude: umiBackgroundExclusions(panel)))
            (counts, starts, molecules) = (shared.raw, shared.starts, shared.molecules)
        } else {
            (counts, starts) = try TargetCounter.count(file: file, reference: o.reference,
                                                       targets: targets, naming: naming,
                                                       filter: rawFilter, threads: o.threads,
                                                       bases: panel.reference, amplicons: trim, startMargin: offTargetMargin)
        }
        let withoutBases = counts.reduce(0) { $0 + $1.counts.readsWithoutBases }
        guard counts.contains(where: { $0.counts.reads > 0 }) else {
            if withoutBases > 0 { throw PipelineError.badInput(path: o.input, detail: "the \(withoutBases) reads in the panel targets store no bases (SEQ '*', or a CIGAR longer than the sequence); g2t needs read sequences") }
            throw CallerError.noReadsInTargets(path: o.input)
        }
        if withoutBases > 0 { notes.append("\(o.input): \(withoutBases) read(s) in the targets store no bases (SEQ '*', or a CIGAR longer than the sequence) and were left out of every count") }
        var result: PanelCaller.Result
        if umi.active, let molecules {
            let (r, umiNotes) = try callMolecules(o, decision: umi, panel: panel, naming: naming, counted: molecules, raw: counts)
            result = r
            notes += umiNotes
        } else {
            var caller = PanelCaller(panel: panel, naming: naming, parameters: p)
            caller.amplicons = amplicons
            result = caller.call(counts, reference: panel.reference)
            if let aq = result.qc.amplicons {
                for a in aq.amplicons where a.dropout {
                    notes.append("\(aq.file): amplicon \(a.name) dropped out (\(a.fragments) fragments): hotspots only it reads are low-coverage")
                }
                if aq.unmatchedReads > 0 {
                    notes.append("\(o.input): \(aq.unmatchedReads) read(s) in the targets matched no amplicon of \(aq.file) and were not counted")
                }
            }
        }
        result.qc.offTarget = try OffTargetCounter.count(file, targets: panel.targets, naming: naming, counted: starts)
        // In UMI mode the calls count molecules: so do phasing and MNV merging (one PCR jackpot is one molecule).
        let phaser = Phaser(p.phasing)
        let phased: [PhaseCall]
        if umi.active, let counted = molecules?.molecules {
            // Each molecule's allele at the sites is its consensus from the calling pass (branch ph2): no second read.
            phased = try phaser.phase(result.variants, molecules: counted)
        } else {
            phased = try phaser.phase(result.variants, file: file, filter: filter)
        }
        var (variants, phases) = MNVMerger(p.mnv).merge(result.variants, phases: phased, reference: panel.reference, panelChrom: naming.panel)
        // A merged MNV can itself be a panel hotspot (BRAF V600K, c.1798_1799delinsAA): name it, and mark
        // that hotspot detected (the caller saw only its two SNVs).
        for i in variants.indices where variants[i].hotspot == nil && variants[i].ref.count > 1 && variants[i].ref.count == variants[i].alt.count {
            let v = variants[i]
            guard let h = panel.hotspots.first(where: { naming.input($0.chrom) == v.chrom && $0.pos == v.pos && $0.ref == v.ref && $0.alt == v.alt }) else { continue }
            variants[i].hotspot = h.name
            if v.passed, let j = result.hotspots.firstIndex(where: { $0.name == h.name }) {
                result.hotspots[j] = HotspotCall(hotspot: h, chrom: v.chrom, status: .detected, depth: max(v.depth, v.altDepth),
                                                 altDepth: v.altDepth, minAlt: p.hotspotMinAltFragments)
            }
        }

        let sampleID = o.sampleID ?? file.header.readGroups.compactMap(\.sample).first ?? TextFormat.stem(o.input, extensions: [".bam", ".cram", ".sam"])
        return (Analysis(
            sample: SampleInfo(id: sampleID, tumorType: tumor?.code, tumorTypeName: tumor?.name, fields: o.fields,
                              priorTherapies: o.priorTherapies.isEmpty ? nil : o.priorTherapies),
            reference: ReferenceInfo(build: build, chrom: firstChrom, source: o.reference ?? "bundled panel sequence"),
            software: SoftwareInfo(version: G2TVersion.current, htslib: G2TVersion.htslib, commit: G2TVersion.commit),
            date: RunDate.iso8601(environment: o.environment),
            inputs: [InputFile(path: o.input, format: file.format.rawValue, sha256: try digest.value())],
            parameters: p, variants: variants, hotspots: result.hotspots, qc: result.qc,
            stages: [.call], notes: notes, genotypes: result.genotypes, phases: phases), panel, counts)
    }

    /// Adds HGVS, consequence and exon to every variant. `panels`: nil = the bundled panel.
    package static func annotate(_ a: Analysis, panels: PanelSet? = nil, threads: Int = 1) throws -> Analysis {
        var out = a
        try annotate(&out, panels: panels, threads: threads)
        return out
    }

    /// As `annotate(_:panels:)`, in place: the variants are annotated where they are, not copied into
    /// a second list (a dense VCF has 200,000).
    /// `threads`: the variants are annotated in chunks on up to this many threads, and the results set in
    /// input order (the same values as one thread: each variant's annotation depends on it alone).
    /// `chunk`: variants per work item (tests make it small).
    package static func annotate(_ a: inout Analysis, panels: PanelSet? = nil, threads: Int = 1, chunk: Int = annotateChunk) throws {
        let panel = try (panels ?? PanelSet.bundled()).panel(a.reference.build)
        // Each variant names its chromosome as the input did ("7" or "chr7").
        let annotator = try VariantAnnotator(panel: panel, panelChrom: { ChromosomeLengths.panelName($0) })
        let chunk = max(1, chunk)
        if threads <= 1 || a.variants.count <= chunk {
            for i in a.variants.indices { annotator.annotate(&a.variants[i]) }
        } else {
            // A batch of 8 chunks per thread at a time: the results wait for their variants a batch at a
            // time, not 200,000 at once (this stage must not raise the run's peak memory).
            var start = 0
            while start < a.variants.count {
                let end = min(a.variants.count, start + chunk * threads * 8)
                // The workers read the variants through a second reference to the array, dropped before the
                // variants are set (else setting the first would copy all 200,000).
                let chunks: [[(gene: String, annotation: VariantAnnotation)?]] = { [variants = a.variants, start] in
                    ParallelMap.map((end - start + chunk - 1) / chunk, threads: threads) { c in
                        (start + c * chunk..<min(end, start + (c + 1) * chunk)).map { annotator.fields(variants[$0]) }
                    }
                }()
                var i = start
                for f in chunks.joined() {
                    if let (gene, annotation) = f {
                        a.variants[i].gene = gene
                        a.variants[i].annotation = annotation
                    }
                    i += 1
                }
                start = end
            }
        }
        // Phase pairs are named after their variants once those have names ("EGFR T790M").
        // Only the phased variants are named (not each of a dense VCF's 200,000).
        let phased = Set(a.phases.flatMap(\.keys))
        let names = Dictionary(a.variants.lazy.filter { phased.contains($0.key) }.map { ($0.key, Self.shortName($0)) }, uniquingKeysWith: { a, _ in a })
        a.phases = a.phases.map { ph in
            var p = ph
            p.variants = zip(ph.keys, ph.variants).map { names[$0] ?? $1 }
            return p
        }
        a.stages.append(.annotate)
    }

    /// Variants per annotate work item: large enough that claiming one costs nothing, small enough
    /// that two threads finish together (a dense VCF's 200,000 make ~200 items).
    static let annotateChunk = 1024

    /// Scores the knowledge-base drugs against the annotated sample.
    package static func score(_ a: Analysis, kb: LoadedKnowledgeBase, threads: Int = 2, panels: PanelSet? = nil) throws -> Analysis {
        try ScoringContext(kb: kb, panels: panels).score(a, threads: threads)
    }

    /// As `score(_:kb:threads:panels:)`, in place (no second list of the variants).
    package static func score(_ a: inout Analysis, kb: LoadedKnowledgeBase, threads: Int = 2, panels: PanelSet? = nil) throws {
        try ScoringContext(kb: kb, panels: panels).score(&a, threads: threads)
    }

    /// The targets on chromosomes the input's header has (the others cannot be queried; their
    /// genes are noted as not assessed and their hotspots come out as low coverage).
    static func countable(_ targets: [Target], naming: ContigNaming, header: AlignmentHeader) -> [Target] {
        let contigs = Set(header.references.map(\.name))
        return targets.filter { contigs.contains(naming.input($0.interval.chrom)) }
    }

    /// "EGFR T790M", or the c. change where there is no protein change.
    static func shortName(_ v: VariantCall) -> String {
        let change = v.annotation?.hgvspShort.map { String($0.dropFirst(2)) } ?? v.annotation?.hgvsc ?? "\(v.pos)\(v.ref)>\(v.alt)"
        return "\(v.gene ?? v.chrom) \(change)"
    }

}
