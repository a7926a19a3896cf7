/// Builds a `Panel` from its data files (by default those compiled into g2t).
package enum PanelLoader {
    /// The panel bundled with g2t, on `build` (parsed once per process: `PanelSet.bundled()`).
    package static func bundled(build: GenomeBuild) throws -> Panel {
        try PanelSet.bundled().panel(build)
    }

    /// The bundled data files, by name (a test panel adds its rows to copies of these).
    package static var bundledFiles: [String: String] { EmbeddedData.files }

    /// The raw text of a bundled data file (for `g2t panel` and provenance).
    package static func bundledFile(_ name: String) -> String? { EmbeddedData.files[name] }

    /// Names of the bundled data files.
    package static var bundledFileNames: [String] { EmbeddedData.files.keys.sorted() }

    /// Parses `genes.tsv`, `exons.tsv`, `hotspots.tsv` and every `GENE.BUILD*.fa` in `files`.
    package static func load(files: [String: String], build: GenomeBuild) throws -> Panel {
        func file(_ name: String) throws -> String {
            guard let t = files[name] else { throw DataFileError.missing(file: name) }
            return t
        }
        let genesTable = try TSVTable(file: "genes.tsv", text: try file("genes.tsv"))
        var genes: [PanelGene] = []
        var info: [String: (refseq: String, ensembl: String, protein: String, chrom: String, strand: Strand)] = [:]
        for row in genesTable.rows {
            let symbol = try genesTable.value("gene", in: row)
            let strandText = try genesTable.value("strand", in: row)
            guard let strand = Strand(rawValue: strandText) else {
                throw DataFileError.malformed(file: "genes.tsv", line: row.line, problem: "strand must be + or -, not '\(strandText)'")
            }
            let refseq = try genesTable.value("transcript_refseq", in: row)
            let roles = try genesTable.value("role", in: row).split(separator: ",").map { r in
                guard let role = PanelGene.Role(rawValue: String(r)) else {
                    throw DataFileError.malformed(file: "genes.tsv", line: row.line,
                        problem: "role '\(r)' is not one of \(PanelGene.Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return role
            }
            genes.append(PanelGene(symbol: symbol, transcript: refseq, roles: roles))
            info[symbol] = (refseq, try genesTable.value("transcript_ensembl", in: row),
                            try genesTable.value("protein_refseq", in: row), try genesTable.value("chrom", in: row), strand)
        }

        let exonTable = try TSVTable(file: "exons.tsv", text: try file("exons.tsv"))
        var exons: [String: [Exon]] = [:]
        for row in exonTable.rows where try exonTable.value("assembly", in: row) == build.rawValue {
            let gene = try exonTable.value("gene", in: row)
            guard info[gene] != nil else { continue }
            let cs = try exonTable.value("cds_start", in: row), ce = try exonTable.value("cds_end", in: row)
            exons[gene, default: []].append(Exon(number: try exonTable.int("exon_number", in: row),
                                                 start: try exonTable.int("exon_start", in: row),
                                                 end: try exonTable.int("exon_end", in: row),
                                                 cdsStart: Int(cs), cdsEnd: Int(ce)))
        }
        var transcripts: [Transcript] = []
        for g in genes {
            guard let i = info[g.symbol], let ex = exons[g.symbol], !ex.isEmpty else {
                throw DataFileError.malformed(file: "exons.tsv", line: 0, problem: "no \(build.rawValue) exons for \(g.symbol)")
            }
            transcripts.append(Transcript(gene: g.symbol, refseq: i.refseq, ensembl: i.ensembl, protein: i.protein,
                                          build: build, chrom: i.chrom, strand: i.strand,
                                          exons: ex.sorted { $0.number < $1.number }))
        }

        let hotspots = try parseHotspots(try file("hotspots.tsv"), build: build, genes: Set(info.keys))

        var blocks: [PanelReference.Block] = []
        for name in files.keys.sorted() where name.hasSuffix(".fa") && name.contains(".\(build.rawValue).") {
            blocks += try PanelReference.parseFASTA(files[name] ?? "", file: name)
        }
        let lengths = try ChromosomeLengths.parse(try file("assemblies.tsv"))
        var chromLengths: [String: Int] = [:]
        for t in transcripts {
            guard let l = lengths.length(t.chrom, on: build) else {
                throw DataFileError.malformed(file: "genes.tsv", line: 0, problem: "\(t.gene) is on \(t.chrom), which assemblies.tsv does not list")
            }
            chromLengths[t.chrom] = l
        }
        let predisposition = try TSVTable(file: "germline-predisposition.tsv", text: try file("germline-predisposition.tsv"))
        var predisposed: Set<String> = []
        for row in predisposition.rows {
            let name = "\(try predisposition.value("gene", in: row)) \(try predisposition.value("name", in: row))"
            // A name that is no hotspot would silently protect nothing.
            guard hotspots.contains(where: { $0.name == name }) else {
                if info[try predisposition.value("gene", in: row)] == nil { continue }
                throw DataFileError.malformed(file: "germline-predisposition.tsv", line: row.line, problem: "'\(name)' is not a hotspot in hotspots.tsv")
            }
            predisposed.insert(name)
        }
        return Panel(build: build, genes: genes, transcripts: transcripts, hotspots: hotspots,
                     reference: PanelReference(blocks: blocks), chromosomeLengths: chromLengths, predispositionHotspots: predisposed)
    }

    static func parseHotspots(_ text: String, build: GenomeBuild, genes: Set<String>) throws -> [Hotspot] {
        let table = try TSVTable(file: "hotspots.tsv", text: text)
        let column = build == .grch38 ? "grch38" : "grch37"
        var out: [Hotspot] = []
        for row in table.rows {
            let gene = try table.value("gene", in: row)
            guard genes.contains(gene) else { continue }
            // "chr7:55191822 T>G"
            let loc = try table.value(column, in: row)
            let parts = loc.split(separator: " ")
            let cp = parts.first?.split(separator: ":") ?? []
            let alleles = parts.count == 2 ? parts[1].split(separator: ">") : []
            guard cp.count == 2, let pos = Int(cp[1]), alleles.count == 2 else {
                throw DataFileError.malformed(file: "hotspots.tsv", line: row.line, problem: "\(column) is not 'chrom:pos REF>ALT': '\(loc)'")
            }
            let rawName = try table.value("name", in: row)
            let short = rawName.split(separator: " ").first.map(String.init) ?? rawName
            let rsid = try table.value("rsid", in: row)
            let hgvsc = try table.value("hgvs_c", in: row)
            out.append(Hotspot(gene: gene, name: "\(gene) \(short)",
                               hgvsc: hgvsc.split(separator: ":").last.map(String.init) ?? hgvsc,
                               hgvsp: try table.value("hgvs_p", in: row).split(separator: ":").last.map(String.init) ?? "",
                               chrom: String(cp[0]), pos: pos, ref: String(alleles[0]), alt: String(alleles[1]),
                               rsid: rsid == "." ? nil : rsid))
        }
        // Two alleles of one named change (C797S by TGC>TCC or TGC>AGC) get the c. change added.
        let counts = Dictionary(grouping: out, by: \.name).mapValues(\.count)
        return out.map { h in
            var h = h
            if (counts[h.name] ?? 0) > 1 { h.name += " (\(h.hgvsc))" }
            return h
        }
    }
}
