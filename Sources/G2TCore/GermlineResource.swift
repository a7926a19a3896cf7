/// Population allele frequencies of known germline variants in the panel targets (the bundled
/// `germline-resource.<build>.tsv`, see Data/PROVENANCE.md), looked up by position and alleles.
///
/// Format: tab-separated, header `#chrom pos ref alt rsid gene af af_popmax popmax_population source`,
/// 1-based VCF-style positions and alleles; `.` for an unknown rsID, population or global AF.
package struct GermlineResource: Sendable {
    package struct Entry: Sendable, Equatable {
        package var chrom: String
        package var pos: Int
        package var ref: String
        package var alt: String
        package var gene: String?
        package var frequency: PopulationFrequency
    }

    package let build: GenomeBuild
    /// File name (bundled) or path, for messages and provenance.
    package let file: String
    package let entries: [Entry]
    private let index: [VariantKey: Int]

    package init(build: GenomeBuild, file: String, entries: [Entry]) {
        self.build = build
        self.file = file
        self.entries = entries
        var idx: [VariantKey: Int] = [:]
        for (i, e) in entries.enumerated() {
            let k = Self.key(ChromosomeLengths.panelName(e.chrom), e.pos, e.ref, e.alt)
            idx[k] = idx[k] ?? i
        }
        index = idx
    }

    static func key(_ chrom: String, _ pos: Int, _ ref: String, _ alt: String) -> VariantKey {
        VariantKey(chrom: chrom, pos: pos, ref: ref.uppercased(), alt: alt.uppercased())
    }

    /// The entry for this allele on `chrom` ("7" and "chr7" are the same chromosome).
    package func lookup(chrom: String, pos: Int, ref: String, alt: String) -> Entry? {
        index[Self.key(ChromosomeLengths.panelName(chrom), pos, ref, alt)].map { entries[$0] }
    }

    /// Bundled file name for a build.
    package static func bundledName(_ build: GenomeBuild) -> String { "germline-resource.\(build.rawValue).tsv" }

    /// The resource bundled for `build`; nil when g2t was built without one.
    package static func bundled(build: GenomeBuild, panel: Panel) throws -> GermlineResource? {
        guard let text = PanelLoader.bundledFile(bundledName(build)) else { return nil }
        return try parse(text, file: bundledName(build), build: build, reference: panel.reference)
    }

    /// Parses a resource and checks it is on `build`: its reference alleles must agree with the
    /// panel's sequence (a resource of the other build disagrees at most sites), and a
    /// `##build=` line, if present, must name the build.
    package static func parse(_ text: String, file: String, build: GenomeBuild, reference: PanelReference?) throws -> GermlineResource {
        var header: [String]?
        var entries: [Entry] = []
        var checked = 0, disagree = 0
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.isEmpty { continue }
            if line.hasPrefix("##") {
                if let v = line.split(separator: "=", maxSplits: 1).last, line.lowercased().hasPrefix("##build="),
                   let b = GenomeBuild(name: String(v)), b != build {
                    throw DataFileError.malformed(file: file, line: i + 1, problem: "germline resource is for \(b.rawValue), the sample is \(build.rawValue)")
                }
                continue
            }
            if line.hasPrefix("#") && header == nil {
                header = line.dropFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                continue
            }
            if line.hasPrefix("#") { continue }
            guard let header else { throw DataFileError.malformed(file: file, line: i + 1, problem: "no '#chrom' header line before the data") }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func col(_ name: String) throws -> String {
                guard let c = header.firstIndex(of: name) else { throw DataFileError.malformed(file: file, line: 0, problem: "missing column '\(name)'") }
                guard c < f.count else { throw DataFileError.malformed(file: file, line: i + 1, problem: "missing value for '\(name)'") }
                return f[c]
            }
            func freq(_ name: String) throws -> Double? {
                let s = try col(name)
                if s == "." || s.isEmpty { return nil }
                guard let v = Double(s), v >= 0, v <= 1 else {
                    throw DataFileError.malformed(file: file, line: i + 1, problem: "'\(name)' is not a frequency between 0 and 1: '\(s)'")
                }
                return v
            }
            guard let pos = Int(try col("pos")), pos > 0 else {
                throw DataFileError.malformed(file: file, line: i + 1, problem: "'pos' is not a positive whole number")
            }
            let ref = try col("ref").uppercased(), alt = try col("alt").uppercased()
            guard !ref.isEmpty, !alt.isEmpty, (ref + alt).allSatisfy({ "ACGTN".contains($0) }) else {
                throw DataFileError.malformed(file: file, line: i + 1, problem: "alleles must be A, C, G, T or N: '\(ref)>\(alt)'")
            }
            let af = try freq("af")
            guard let popmax = try freq("af_popmax") ?? af else {
                throw DataFileError.malformed(file: file, line: i + 1, problem: "neither 'af' nor 'af_popmax' is given")
            }
            let rsid = try col("rsid"), gene = try col("gene"), pop = try col("popmax_population")
            let chrom = try col("chrom")
            entries.append(Entry(chrom: chrom, pos: pos, ref: ref, alt: alt, gene: gene == "." || gene.isEmpty ? nil : gene,
                                 frequency: PopulationFrequency(rsid: rsid == "." || rsid.isEmpty ? nil : rsid, af: af,
                                                                afPopmax: max(af ?? 0, popmax),
                                                                popmaxPopulation: pop == "." || pop.isEmpty ? nil : pop,
                                                                source: try col("source"))))
            // Reference check wherever the panel knows the bases (not in exon-only slices' introns).
            if let reference {
                let panelChrom = ChromosomeLengths.panelName(chrom)
                var known = true, same = true
                for (k, c) in ref.utf8.enumerated() {
                    guard let b = reference.base(chrom: panelChrom, pos: pos + k) else { known = false; break }
                    if b != c { same = false }
                }
                if known { checked += 1; if !same { disagree += 1 } }
            }
        }
        guard header != nil else { throw DataFileError.malformed(file: file, line: 0, problem: "no '#chrom' header line") }
        // More than a fifth of reference alleles disagreeing is not a few errata but another build.
        if checked >= 3 && Double(disagree) > 0.2 * Double(checked) {
            throw DataFileError.malformed(file: file, line: 0,
                problem: "germline resource is not on \(build.rawValue): \(disagree) of \(checked) reference alleles differ from the \(build.rawValue) sequence (another build?)")
        }
        return GermlineResource(build: build, file: file, entries: entries)
    }
}
