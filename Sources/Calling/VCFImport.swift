import G2TCore
import HTS

/// Turns another caller's VCF/BCF into g2t's calls: the chosen sample, every ALT split out,
/// alleles checked against the reference and left-normalised, depth and allele fraction from the
/// caller's own fields. Only records in the panel targets are kept.
public enum VCFImport {
    /// What the import found.
    public struct Result: Sendable {
        public var build: GenomeBuild
        public var chrom7: String
        public var sample: String
        public var format: String
        public var variants: [VariantCall]
        public var notes: [String]
        public var genotypes: [GermlineGenotype]
    }

    /// Reads the header: build (from chr7's ##contig length, or `build`), and the sample to use.
    public static func open(path: String, sample: String?, build given: GenomeBuild?) throws
        -> (reader: VCFReader, build: GenomeBuild, chrom7: String, sampleIndex: Int?, notes: [String]) {
        let reader = try VCFReader(path: path)
        let chr7 = reader.contigs.first { $0.name == "chr7" || $0.name == "7" }
        var build: GenomeBuild
        if let len = chr7?.length, len > 0 {
            guard let b = GenomeBuild.forChr7(length: len) else {
                throw VCFImportError.unknownBuild(path: path, length: len)
            }
            if let given, given != b { throw VCFImportError.buildConflict(path: path, header: b, given: given) }
            build = b
        } else if let given {
            build = given
        } else {
            throw VCFImportError.noBuild(path: path)
        }
        var notes: [String] = []
        var index: Int?
        if let sample {
            guard let i = reader.samples.firstIndex(of: sample) else {
                throw VCFImportError.noSuchSample(path: path, sample: sample, samples: reader.samples)
            }
            index = i
        } else if reader.samples.count == 1 {
            index = 0
        } else if !reader.samples.isEmpty {
            // Mutect2 names the tumour in the header; Strelka2 calls its column TUMOR.
            let tumor = reader.metaLines.first { $0.hasPrefix("##tumor_sample=") }.map { String($0.dropFirst(15)) }
            index = tumor.flatMap(reader.samples.firstIndex(of:)) ?? reader.samples.firstIndex(of: "TUMOR") ?? 0
            notes.append("\(path): \(reader.samples.count) samples; used '\(reader.samples[index ?? 0])' (choose with --vcf-sample)")
        }
        return (reader, build, chr7?.name ?? "chr7", index, notes)
    }

    /// Reads every record in the panel's targets.
    public static func read(path: String, sample: String?, build given: GenomeBuild?, panelFor: (GenomeBuild) throws -> Panel) throws -> Result {
        let (reader, build, chrom7, sampleIndex, headerNotes) = try open(path: path, sample: sample, build: given)
        var notes = headerNotes
        let panel = try panelFor(build)
        let ref = panel.reference
        let targets = panel.targets.map(\.interval)
        // Records are kept a little beyond the targets: a left-normalised indel may be anchored before one.
        let margin = 60
        let lo = (targets.map(\.start).min() ?? 0) - margin, hi = (targets.map(\.end).max() ?? 0) + margin
        func inTargets(_ pos: Int, margin m: Int) -> Bool { targets.contains { pos >= $0.start - m && pos <= $0.end + m } }
        var variants: [VariantCall] = []
        var gtRecords: [(pos: Int, ref: String, alts: [String], gt: [Int?], depth: Int)] = []
        let pgxPositions = Set(GermlineGenotyper.sites(panel).map(\.pos))
        var styles = Set<String>()
        var seenChrom = chrom7
        var refUnchecked: [String] = []
        var depthFixed: [Int] = []
        var firstLine: [String: Int] = [:]
        while let r = try reader.next(where: { chrom, pos in
            (chrom == "chr7" || chrom == "7") && pos >= lo && pos <= hi && inTargets(pos, margin: margin)
        }) {
            seenChrom = r.chrom
            let line = reader.lineNumber
            // REF must be the reference's bases wherever g2t knows them; an N (or another IUPAC code)
            // where the reference has a base is refused, not waved through: such a record could
            // be annotated as a hotspot change that the hotspot check then misses.
            var unchecked = false
            for (i, b) in r.ref.utf8.enumerated() {
                guard let known = ref.base(chrom: "chr7", pos: r.position + i) else { unchecked = true; continue }
                if known != (b & 0xDF) {
                    throw VCFImportError.refMismatch(path: path, line: line, chrom: r.chrom, pos: r.position, ref: r.ref,
                                                     expected: ref.sequence(GenomicInterval(chrom: "chr7", start: r.position, end: r.position + r.ref.count - 1)) ?? "?",
                                                     build: build)
                }
            }
            if unchecked { refUnchecked.append("\(r.chrom):\(r.position)") }
            let filter: FilterStatus = r.filters.isEmpty || r.filters == ["PASS"] ? .pass : .failed(r.filters.map(FailedFilter.init(name:)))
            if pgxPositions.contains(r.position), let s = sampleIndex, s < r.genotypes.count {
                let depth = try evidence(r, sample: s, of: reader.samples.count, alt: 0, path: path, line: line).0.depth
                gtRecords.append((r.position, r.ref.uppercased(), r.alts.map { $0.uppercased() }, r.genotypes[s], depth))
            }
            for (a, alt) in r.alts.enumerated() {
                // Symbolic and missing alleles (<DEL>, *, .) are not sequence changes g2t can name.
                guard !alt.isEmpty, alt.allSatisfy({ "ACGTNacgtn".contains($0) }), alt.uppercased() != r.ref.uppercased() else { continue }
                let (e, style) = try evidence(r, sample: sampleIndex ?? 0, of: sampleIndex == nil ? 0 : reader.samples.count, alt: a, path: path, line: line)
                if e.depthFromAlleles { depthFixed.append(line) }
                styles.insert(style.rawValue)
                let n = Normalization.normalize(.init(pos: r.position, ref: r.ref.uppercased(), alt: alt.uppercased()), chrom: "chr7", reference: ref)
                guard inTargets(n.pos, margin: 1) || inTargets(n.pos + n.ref.count - 1, margin: 0) else { continue }
                var v = VariantCall(gene: panel.gene(at: "chr7", n.pos), chrom: r.chrom, pos: n.pos, ref: n.ref, alt: n.alt,
                                    vaf: e.vaf, depth: e.depth, altDepth: e.alt, altForward: e.forward, altReverse: e.reverse, filter: filter)
                v.hotspot = panel.hotspots.first { $0.pos == n.pos && $0.ref == n.ref && $0.alt == n.alt }?.name
                // The same change twice (repeated records, or two that normalise alike) would be
                // counted twice: refused, since which record's evidence holds is unknowable.
                let key = "\(n.pos) \(n.ref) \(n.alt)"
                if let first = firstLine[key] {
                    throw VCFImportError.duplicate(path: path, line: line, firstLine: first, change: "\(r.chrom):\(n.pos) \(n.ref)>\(n.alt)")
                }
                firstLine[key] = line
                variants.append(v)
            }
        }
        variants.sort { ($0.pos, $0.ref, $0.alt) < ($1.pos, $1.ref, $1.alt) }
        if styles.contains(AlleleEvidence.Style.none.rawValue) {
            notes.append("\(path): some records carry no depth fields; their VAF is reported as unknown")
        }
        if !styles.isEmpty { notes.append("\(path): depth and allele fraction read from \(styles.sorted().joined(separator: "; "))") }
        if !depthFixed.isEmpty {
            notes.append("\(path): line\(depthFixed.count == 1 ? "" : "s") \(depthFixed.prefix(5).map(String.init).joined(separator: ", "))\(depthFixed.count > 5 ? ", …" : ""): the depth was below the alternate count; the sum of the allele counts is used as the depth")
        }
        if !refUnchecked.isEmpty {
            notes.append("\(path): REF not checked against the reference at \(refUnchecked.prefix(5).joined(separator: ", "))\(refUnchecked.count > 5 ? ", …" : "") (outside the bundled sequence)")
        }
        notes.append("VCF input: hotspots absent from the VCF are reported as not-detected; their depth is unknown")
        let name = sampleIndex.map { reader.samples[$0] } ?? TextFormat.stem(path, extensions: [".vcf.gz", ".vcf.bgz", ".vcf", ".bcf"])
        return Result(build: build, chrom7: seenChrom, sample: name, format: path.hasSuffix(".bcf") ? "BCF" : "VCF",
                      variants: variants, notes: notes,
                      genotypes: GermlineGenotyper.fromVCF(gtRecords, panel: panel, chrom7: seenChrom))
    }

    /// `AlleleEvidence.read`, with a refused value reported against the file and line.
    static func evidence(_ r: VCFRecord, sample s: Int, of n: Int, alt a: Int, path: String, line: Int) throws -> (AlleleEvidence, AlleleEvidence.Style) {
        do {
            return try AlleleEvidence.read(r, sample: s, of: n, alt: a)
        } catch {
            throw VCFImportError.badValue(path: path, line: line, detail: error.detail)
        }
    }

    /// Hotspot statuses from imported calls: detected when a passing variant is the hotspot.
    public static func hotspots(_ variants: [VariantCall], panel: Panel, chrom7: String) -> [HotspotCall] {
        panel.hotspots.map { h in
            if let v = variants.first(where: { $0.passed && $0.pos == h.pos && $0.ref == h.ref && $0.alt == h.alt }) {
                return HotspotCall(hotspot: h, chrom: chrom7, status: .detected, depth: v.depth, altDepth: v.altDepth, minAlt: 3)
            }
            return HotspotCall(hotspot: h, chrom: chrom7, status: .notDetected, depth: 0, altDepth: 0)
        }
    }
}

/// Problems with a VCF given as input; each names the file (and line where there is one).
public enum VCFImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case noBuild(path: String)
    case unknownBuild(path: String, length: Int)
    case buildConflict(path: String, header: GenomeBuild, given: GenomeBuild)
    case noSuchSample(path: String, sample: String, samples: [String])
    case refMismatch(path: String, line: Int, chrom: String, pos: Int, ref: String, expected: String, build: GenomeBuild)
    case badValue(path: String, line: Int, detail: String)
    case duplicate(path: String, line: Int, firstLine: Int, change: String)

    public var description: String {
        switch self {
        case .noBuild(let p):
            return "\(p): cannot tell the build (no ##contig line with chromosome 7's length); give --build GRCh38 or GRCh37"
        case .unknownBuild(let p, let l):
            return "\(p): chromosome 7 has length \(l) in the header, which is neither GRCh38 (159345973) nor GRCh37 (159138663)"
        case .buildConflict(let p, let h, let g):
            return "\(p): the header says \(h.rawValue), but --build says \(g.rawValue)"
        case .noSuchSample(let p, let s, let all):
            return "\(p): no sample '\(s)' (samples: \(all.joined(separator: ", ")))"
        case .refMismatch(let p, let line, let c, let pos, let ref, let exp, let b):
            if ref.uppercased().contains(where: { !"ACGT".contains($0) }) {
                return "\(p): line \(line): REF \(ref.prefix(20)) at \(c):\(pos) is not the \(b.rawValue) reference (\(exp.prefix(20))): REF must spell the reference's bases (no N or IUPAC codes)"
            }
            return "\(p): line \(line): REF \(ref.prefix(20)) at \(c):\(pos) does not match \(b.rawValue) (\(exp.prefix(20))): another build, or a wrong file"
        case .badValue(let p, let line, let detail):
            return "\(p): line \(line): \(detail)"
        case .duplicate(let p, let line, let first, let change):
            return "\(p): line \(line): \(change) is already at line \(first); remove duplicate records (e.g. bcftools norm -d exact)"
        }
    }
}
