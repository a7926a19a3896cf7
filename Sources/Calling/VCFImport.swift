import G2TCore
import HTS

/// Turns another caller's VCF/BCF into g2t's calls: the chosen sample, every ALT split out,
/// alleles checked against the reference and left-normalised, depth and allele fraction from the
/// caller's own fields. Only records in the panel targets are kept.
package enum VCFImport {
    /// What the import found.
    package struct Result: Sendable {
        package var build: GenomeBuild
        /// The input's name of the panel's first chromosome ("chr7" or "7"), for `ReferenceInfo`.
        package var chrom: String
        /// The input's name of each panel chromosome (from the header's contigs, else the records).
        package var naming: ContigNaming
        package var sample: String
        package var format: String
        package var variants: [VariantCall]
        package var notes: [String]
        package var genotypes: [GermlineGenotype]
        /// Which column of a multi-sample VCF was used, and how to choose another (also in `notes`):
        /// the one note the pipeline also prints while it runs.
        package var columnChoice: String? = nil
    }

    /// Reads the header: build (from the ##contig lengths of the panel's chromosomes, or `build`),
    /// the input's names of those chromosomes, and the sample to use.
    package static func open(path: String, sample: String?, build given: GenomeBuild?, panels: PanelSet) throws
        -> (reader: VCFReader, build: GenomeBuild, inputNames: [String: String], sampleIndex: Int?, columnChoice: String?) {
        let reader = try VCFReader(path: path)
        let contigs = reader.contigs.map { BuildDetection.Contig(name: $0.name, length: $0.length) }
        var build: GenomeBuild
        var names: [String: String] = [:]
        switch panels.detect(contigs: contigs) {
        case .success(let m):
            if let given, given != m.build { throw VCFImportError.buildConflict(path: path, header: m.build, given: given) }
            build = m.build
            names = m.inputNames
        case .failure(let f):
            guard case .noPanelChromosome = f.problem else { throw VCFImportError.unknownBuild(path: path, problem: f.problem.text) }
            guard let given else { throw VCFImportError.noBuild(path: path) }
            build = given
            // Contigs named without a length still tell the naming.
            for c in panels.chromosomes { if let m = BuildDetection.contig(for: c, in: contigs) { names[c] = m.name } }
        }
        var columnChoice: String?
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
            columnChoice = "\(path): \(reader.samples.count) samples; used '\(reader.samples[index ?? 0])' (choose with --vcf-sample)"
        }
        return (reader, build, names, index, columnChoice)
    }

    /// Reads every record in the panel's targets, on every panel chromosome.
    package static func read(path: String, sample: String?, build given: GenomeBuild?, panels: PanelSet,
                            reference: ((Panel) throws -> Panel)? = nil) throws -> Result {
        let (reader, build, headerNames, sampleIndex, columnChoice) = try open(path: path, sample: sample, build: given, panels: panels)
        var notes = columnChoice.map { [$0] } ?? []
        var panel = try panels.panel(build)
        if let reference { panel = try reference(panel) }
        let ref = panel.reference
        // Records are kept a little beyond the targets: a left-normalised indel may be anchored before one.
        let margin = 60
        var targets: [String: [GenomicInterval]] = [:]
        for t in panel.targets { targets[t.interval.chrom, default: []].append(t.interval) }
        var bounds: [String: (lo: Int, hi: Int)] = [:]
        for (c, ivs) in targets { bounds[c] = ((ivs.map(\.start).min() ?? 0) - margin, (ivs.map(\.end).max() ?? 0) + margin) }
        func inTargets(_ chrom: String, _ pos: Int, margin m: Int) -> Bool {
            (targets[chrom] ?? []).contains { pos >= $0.start - m && pos <= $0.end + m }
        }
        // A record's chromosome in panel naming, if it is a panel chromosome ("7" or "chr7" → "chr7").
        func panelChrom(_ chrom: String) -> String? {
            let c = ChromosomeLengths.panelName(chrom)
            return bounds[c] == nil ? nil : c
        }
        // `panel.gene(at:)` and the hotspot search, with the spans and hotspots indexed once rather
        // than rebuilt or scanned for each of up to hundreds of thousands of records.
        let geneSpans = panel.transcripts.map { t in
            (chrom: t.chrom, lo: (t.exons.map(\.start).min() ?? 0) - panel.targetFlank, hi: (t.exons.map(\.end).max() ?? 0) + panel.targetFlank, gene: t.gene)
        }
        func gene(_ chrom: String, _ pos: Int) -> String? { geneSpans.first { $0.chrom == chrom && pos >= $0.lo && pos <= $0.hi }?.gene }
        let hotspotsAt = Dictionary(grouping: panel.hotspots, by: \.pos)
        var variants: [VariantCall] = []
        var gtRecords: [(chrom: String, pos: Int, ref: String, alts: [String], gt: [Int?], depth: Int)] = []
        let pgxSites = Set(GermlineGenotyper.sites(panel).map { "\($0.chrom):\($0.pos)" })
        // Their positions: a record elsewhere (nearly all) is passed over without a key string formatted for it.
        let pgxPositions = Set(GermlineGenotyper.sites(panel).map(\.pos))
        var styles = Set<String>()
        var seenNames = headerNames
        var refUnchecked: [String] = []
        var depthFixed: [Int] = []
        // The line of each variant (in the order appended): repeated changes are found after the sort,
        // where equal keys are neighbours, instead of through a dictionary of 200,000 keys (`firstDuplicate`).
        var lines: [Int] = []
        // The records in the targets counted first, from their positions only (no record parsed), so the
        // variants' array is made once at about its size: growing it held an old and a new copy of up to
        // 200,000 variants (~440 bytes each) at once, the peak of the whole call stage. Errors are left
        // to the reading below (which reports the first one in file order).
        var inTargetRecords = 0
        if let counter = try? VCFReader(path: path) {
            _ = try? counter.next(where: { chrom, pos in
                if let c = panelChrom(chrom), let b = bounds[c], pos >= b.lo && pos <= b.hi && inTargets(c, pos, margin: margin) { inTargetRecords += 1 }
                return false
            })
        }
        variants.reserveCapacity(inTargetRecords)
        lines.reserveCapacity(inTargetRecords)
        do {
            while let r = try reader.next(where: { chrom, pos in
                guard let c = panelChrom(chrom), let b = bounds[c] else { return false }
                return pos >= b.lo && pos <= b.hi && inTargets(c, pos, margin: margin)
            }) {
                guard let chrom = panelChrom(r.chrom) else { continue }
                seenNames[chrom] = r.chrom
                let line = reader.lineNumber
                // REF must be the reference's bases wherever g2t knows them; an N (or another IUPAC code)
                // where the reference has a base is refused, not waved through: such a record could
                // be annotated as a hotspot change that the hotspot check then misses.
                var unchecked = false
                for (i, b) in r.ref.utf8.enumerated() {
                    guard let known = ref.base(chrom: chrom, pos: r.position + i) else { unchecked = true; continue }
                    if known != (b & 0xDF) {
                        throw VCFImportError.refMismatch(path: path, line: line, chrom: r.chrom, pos: r.position, ref: r.ref,
                                                         expected: ref.sequence(GenomicInterval(chrom: chrom, start: r.position, end: r.position + r.ref.count - 1)) ?? "?",
                                                         build: build)
                    }
                }
                if unchecked { refUnchecked.append("\(r.chrom):\(r.position)") }
                let filter: FilterStatus = r.filters.isEmpty || r.filters == ["PASS"] ? .pass : .failed(r.filters.map(FailedFilter.init(name:)))
                let refUpper = r.ref.uppercased()
                if pgxPositions.contains(r.position), pgxSites.contains("\(chrom):\(r.position)"), let s = sampleIndex, s < r.genotypes.count {
                    let depth = try evidence(r, sample: s, of: reader.samples.count, alt: 0, path: path, line: line).0.depth
                    gtRecords.append((r.chrom, r.position, refUpper, r.alts.map { $0.uppercased() }, r.genotypes[s], depth))
                }
                for (a, alt) in r.alts.enumerated() {
                    // Symbolic and missing alleles (<DEL>, *, .) are not sequence changes g2t can name. Checked
                    // by byte: any other byte (non-ASCII included) is no base, as it is no base Character.
                    guard !alt.isEmpty, alt.utf8.allSatisfy(Self.isBaseLetter) else { continue }
                    let altUpper = alt.uppercased()
                    guard altUpper != refUpper else { continue }
                    let (e, style) = try evidence(r, sample: sampleIndex ?? 0, of: sampleIndex == nil ? 0 : reader.samples.count, alt: a, path: path, line: line)
                    if e.depthFromAlleles { depthFixed.append(line) }
                    styles.insert(style.rawValue)
                    let n = Normalization.normalize(.init(pos: r.position, ref: refUpper, alt: altUpper), chrom: chrom, reference: ref)
                    guard inTargets(chrom, n.pos, margin: 1) || inTargets(chrom, n.pos + n.ref.count - 1, margin: 0) else { continue }
                    var v = VariantCall(gene: gene(chrom, n.pos), chrom: r.chrom, pos: n.pos, ref: n.ref, alt: n.alt,
                                        vaf: e.vaf, depth: e.depth, altDepth: e.alt, altForward: e.forward, altReverse: e.reverse, filter: filter)
                    v.hotspot = hotspotsAt[n.pos]?.first { $0.chrom == chrom && $0.ref == n.ref && $0.alt == n.alt }?.name
                    // Beyond the count above (records with several ALTs): grown by a quarter, not doubled, which
                    // would leave up to half of a 200,000-variant array unused for the whole run.
                    if variants.count == variants.capacity { variants.reserveCapacity(max(1024, variants.count + variants.count / 4)) }
                    variants.append(v)
                    lines.append(line)
                }
            }
        } catch {
            // A repeated change earlier in the file than this error was the first problem, as reading reports them.
            let sortKeys = Self.sortKeys(variants)
            if let d = firstDuplicate(sortKeys, order: variants.indices.sorted { sortKeys[$0] < sortKeys[$1] }) {
                throw duplicateError(variants[d.later], path: path, line: lines[d.later], firstLine: lines[d.first])
            }
            throw error
        }
        // Sort keys made once per variant, not twice per comparison.
        let sortKeys = Self.sortKeys(variants)
        let order = variants.indices.sorted { sortKeys[$0] < sortKeys[$1] }
        // The same change twice (repeated records, or two that normalise alike) would be counted
        // twice: refused, since which record's evidence holds is unknowable.
        if let d = firstDuplicate(sortKeys, order: order) {
            throw duplicateError(variants[d.later], path: path, line: lines[d.later], firstLine: lines[d.first])
        }
        lines = []
        permute(&variants, into: order)
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
        // A chromosome neither the header nor any record names keeps the panel's name.
        var map: [String: String] = [:]
        for c in panel.chromosomes { map[c] = seenNames[c] ?? c }
        let naming = ContigNaming(inputName: map)
        return Result(build: build, chrom: naming.input(panel.chromosomes.first ?? ""), naming: naming, sample: name,
                      format: path.hasSuffix(".bcf") ? "BCF" : "VCF", variants: variants, notes: notes,
                      genotypes: GermlineGenotyper.fromVCF(gtRecords, panel: panel, naming: naming), columnChoice: columnChoice)
    }

    /// A base letter of an ALT allele (N included), either case.
    static func isBaseLetter(_ b: UInt8) -> Bool {
        switch b | 0x20 {
        case UInt8(ascii: "a"), UInt8(ascii: "c"), UInt8(ascii: "g"), UInt8(ascii: "t"), UInt8(ascii: "n"): return true
        default: return false
        }
    }

    /// The order of variants and the key duplicates are found by: panel chromosome, position, REF, ALT.
    static func sortKeys(_ variants: [VariantCall]) -> [(String, Int, String, String)] {
        variants.map { (ChromosomeLengths.panelName($0.chrom), $0.pos, $0.ref, $0.alt) }
    }

    /// The change a reading in file order would have refused first: of the variants (indices in the order
    /// read) whose key an earlier one has, the earliest (`later`), with the first variant of that key
    /// (`first`). `order` sorts `keys`, so equal keys are neighbours in it.
    static func firstDuplicate(_ keys: [(String, Int, String, String)], order: [Int]) -> (later: Int, first: Int)? {
        var best: (later: Int, first: Int)?
        var k = 0
        while k < order.count {
            // The run of equal keys from k: its smallest and second-smallest index.
            var lo = order[k], second = Int.max
            var e = k + 1
            while e < order.count && keys[order[e]] == keys[order[k]] {
                let i = order[e]
                if i < lo { (lo, second) = (i, lo) } else if i < second { second = i }
                e += 1
            }
            if second != Int.max && second < (best?.later ?? Int.max) { best = (second, lo) }
            k = e
        }
        return best
    }

    static func duplicateError(_ v: VariantCall, path: String, line: Int, firstLine: Int) -> VCFImportError {
        .duplicate(path: path, line: line, firstLine: firstLine, change: "\(v.chrom):\(v.pos) \(v.ref)>\(v.alt)")
    }

    /// Reorders `items` so that `items[i]` becomes the old `items[order[i]]` (`order` a permutation of
    /// the indices), in place by following each cycle: no second array of a dense VCF's 200,000 variants.
    static func permute<T>(_ items: inout [T], into order: [Int]) {
        var placed = [Bool](repeating: false, count: order.count)
        for start in order.indices where !placed[start] {
            var i = start
            while true {
                placed[i] = true
                let j = order[i]
                if j == start { break }
                items.swapAt(i, j)
                i = j
            }
        }
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
    package static func hotspots(_ variants: [VariantCall], panel: Panel, naming: ContigNaming, minAlt: Int) -> [HotspotCall] {
        // Passing variants at hotspot positions, in input order: one pass over the variants, not one per hotspot.
        let positions = Set(panel.hotspots.map(\.pos))
        var atPosition: [Int: [VariantCall]] = [:]
        for v in variants where v.passed && positions.contains(v.pos) { atPosition[v.pos, default: []].append(v) }
        return panel.hotspots.map { h in
            let chrom = naming.input(h.chrom)
            if let v = atPosition[h.pos]?.first(where: { $0.chrom == chrom && $0.ref == h.ref && $0.alt == h.alt }) {
                return HotspotCall(hotspot: h, chrom: chrom, status: .detected, depth: v.depth, altDepth: v.altDepth, minAlt: minAlt)
            }
            return HotspotCall(hotspot: h, chrom: chrom, status: .notDetected, depth: 0, altDepth: 0, minAlt: minAlt)
        }
    }
}

/// Problems with a VCF given as input; each names the file (and line where there is one).
package enum VCFImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case noBuild(path: String)
    case unknownBuild(path: String, problem: String)
    case buildConflict(path: String, header: GenomeBuild, given: GenomeBuild)
    case noSuchSample(path: String, sample: String, samples: [String])
    case refMismatch(path: String, line: Int, chrom: String, pos: Int, ref: String, expected: String, build: GenomeBuild)
    case badValue(path: String, line: Int, detail: String)
    case duplicate(path: String, line: Int, firstLine: Int, change: String)

    package var description: String {
        switch self {
        case .noBuild(let p):
            return "\(p): cannot tell the build (no ##contig line with the length of a panel chromosome); give --build GRCh38 or GRCh37"
        case .unknownBuild(let p, let problem):
            return "\(p): \(problem) (in the ##contig lines)"
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
