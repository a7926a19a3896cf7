import Foundation
import G2TCore
import Testing
import TestSupport

@Suite struct PanelTests {
    @Test(arguments: GenomeBuild.allCases)
    func bundledPanelLoads(build: GenomeBuild) throws {
        let p = try PanelLoader.bundled(build: build)
        #expect(p.genes.map(\.symbol) == ["EGFR", "ABCB1", "KRAS", "NRAS", "BRAF", "MET", "PIK3CA"])
        #expect(p.chromosomes == ["chr1", "chr12", "chr3", "chr7"])
        // Issue 18 genes: CDS = protein length (KRAS 188, NRAS 189, BRAF 766, MET 1390, PIK3CA 1068 aa) + stop.
        for (gene, aa) in [("KRAS", 188), ("NRAS", 189), ("BRAF", 766), ("MET", 1390), ("PIK3CA", 1068)] {
            #expect(p.transcript(of: gene)?.cdsLength == 3 * (aa + 1), "\(gene)")
        }
        #expect(p.transcript(of: "EGFR")?.refseq == "NM_005228.5")
        #expect(p.transcript(of: "ABCB1")?.refseq == "NM_001348946.2")
        #expect(p.transcript(of: "EGFR")?.cdsLength == 3633)   // 1,210 codons + stop
        #expect(p.transcript(of: "ABCB1")?.cdsLength == 3843)  // 1,280 codons + stop
        // 28 EGFR coding exons, 27 ABCB1 coding exons (exon 1 is UTR only).
        #expect(p.targets.filter { $0.gene == "EGFR" }.count == 28)
        #expect(p.targets.filter { $0.gene == "ABCB1" }.count == 27)
        #expect(p.hotspots.count == 62)  // 17 EGFR/ABCB1 + 45 issue-18 rows
        #expect(Set(p.hotspots.map(\.name)).count == p.hotspots.count, "hotspot names must be unique")
    }

    /// Every hotspot's REF allele is the bundled reference base on both builds.
    @Test(arguments: GenomeBuild.allCases)
    func hotspotsMatchBundledReference(build: GenomeBuild) throws {
        let p = try PanelLoader.bundled(build: build)
        for h in p.hotspots {
            let seq = p.reference.sequence(GenomicInterval(chrom: h.chrom, start: h.pos, end: h.pos + h.ref.count - 1))
            #expect(seq == h.ref, "\(h.name) on \(build)")
        }
    }

    /// The compiled-in data equals the files in Sources/G2TCore/Data (run `make embed` after editing).
    @Test func embeddedDataIsCurrent() throws {
        let dir = TestSupport.root + "/Sources/G2TCore/Data"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(names == PanelLoader.bundledFileNames)
        for n in names {
            #expect(PanelLoader.bundledFile(n) == (try TestSupport.readText(dir + "/" + n)), "\(n) differs from the embedded copy")
        }
    }

    @Test func buildFromEveryPanelChromosome() throws {
        let lengths = try PanelSet.bundled().lengths
        func detect(_ contigs: [(String, Int)], panel: [String] = ["chr7", "chr12"]) -> Result<BuildDetection.Match, BuildDetection.DetectionFailure> {
            BuildDetection.detect(panelChromosomes: panel, contigs: contigs.map { .init(name: $0.0, length: $0.1) }, lengths: lengths)
        }
        // Naming per contig; a panel chromosome the header lacks is simply absent.
        #expect(try detect([("chr7", 159_345_973), ("12", 133_275_309)]).get() == .init(build: .grch38, inputNames: ["chr7": "chr7", "chr12": "12"]))
        #expect(try detect([("7", 159_138_663)]).get() == .init(build: .grch37, inputNames: ["chr7": "7"]))
        // Another species or build: the contig and both known lengths are named.
        guard case .failure(let f) = detect([("chr7", 144_995_196)]) else { Issue.record("unknown length accepted"); return }
        #expect(f.problem.text == "chr7 has length 144995196, which is neither GRCh38 (159345973) nor GRCh37 (159138663)")
        // chr7 of one build and chr12 of the other: a mixed header is refused, naming both.
        guard case .failure(let c) = detect([("chr7", 159_345_973), ("chr12", 133_851_895)]) else { Issue.record("mixed builds accepted"); return }
        #expect(c.problem.text.contains("chr7 is GRCh38") && c.problem.text.contains("chr12 is GRCh37"))
        guard case .failure(let none) = detect([("chr1", 248_956_422)]) else { Issue.record("no panel chromosome accepted"); return }
        #expect(none.problem.text == "no chromosome 12, 7 in the header")
        // Every bundled panel chromosome has both builds' lengths.
        for p in try PanelSet.bundled().panels.values { #expect(Set(p.chromosomeLengths.keys) == Set(p.chromosomes)) }
    }

    @Test func malformedPanelDataNamesFileAndLine() throws {
        var files: [String: String] = [:]
        for n in PanelLoader.bundledFileNames { files[n] = PanelLoader.bundledFile(n) }
        files["hotspots.tsv"] = (files["hotspots.tsv"] ?? "").replacingOccurrences(of: "chr7:55191822 T>G", with: "chr7-55191822")
        #expect(throws: DataFileError.self) { try PanelLoader.load(files: files, build: .grch38) }
        files["genes.tsv"] = nil
        #expect(throws: DataFileError.missing(file: "genes.tsv")) { try PanelLoader.load(files: files, build: .grch38) }
    }

    /// Per-gene roles are data: an unknown one is refused with its line; predisposition sites are read.
    @Test func rolesAndPredispositionAreData() throws {
        var files = PanelLoader.bundledFiles
        let p = try PanelLoader.load(files: files, build: .grch38)
        #expect(p.genes(with: .summary) == ["EGFR"] && p.genes(with: .mdr) == ["ABCB1"] && p.genes(with: .pgx) == ["ABCB1"])
        #expect(p.predispositionHotspots == ["EGFR T790M"])
        files["genes.tsv"] = (files["genes.tsv"] ?? "").replacingOccurrences(of: "somatic,summary", with: "somatic,sumary")
        #expect(throws: DataFileError.malformed(file: "genes.tsv", line: 8, problem: "role 'sumary' is not one of somatic, pgx, summary, mdr")) {
            try PanelLoader.load(files: files, build: .grch38)
        }
        files = PanelLoader.bundledFiles
        files["germline-predisposition.tsv"] = (files["germline-predisposition.tsv"] ?? "") + "EGFR\tT791M\n"
        #expect(throws: DataFileError.self) { try PanelLoader.load(files: files, build: .grch38) }
    }

    /// Adding a gene is a data change: a toy gene appears as a target without code changes.
    @Test func panelIsData() throws {
        var files: [String: String] = [:]
        for n in PanelLoader.bundledFileNames { files[n] = PanelLoader.bundledFile(n) }
        files["genes.tsv"]! += "TOY\tNM_000001.1\tENST00000000001.1\tNP_000001.1\tchr7\t+\tsomatic\ttest\n"
        files["exons.tsv"]! += "TOY\tNM_000001.1\tENST00000000001.1\tGRCh38\tchr7\t+\t1\t1\t1000\t1100\t101\t1010\t1090\tc.1\tc.81\ttest\n"
        let p = try PanelLoader.load(files: files, build: .grch38)
        #expect(p.targets.contains { $0.gene == "TOY" && $0.interval.start == 990 && $0.interval.end == 1110 })
    }
}

@Suite struct TumorTypeTests {
    @Test func resolvesCodesAndNames() throws {
        let types = try TumorType.catalogue()
        #expect(try TumorType.resolve("luad", in: types).code == "LUAD")
        #expect(try TumorType.resolve("Pancreatic Adenocarcinoma", in: types).code == "PAAD")
        #expect(try TumorType.resolve("LUAD", in: types).lineage(in: types).prefix(2) == ["LUAD", "NSCLC"])
    }

    @Test func unknownSuggestsClosest() throws {
        let types = try TumorType.catalogue()
        do {
            _ = try TumorType.resolve("LAUD", in: types)
            Issue.record("LAUD accepted")
        } catch let TumorTypeError.unknown(_, suggestions) {
            #expect(suggestions.first?.hasPrefix("LUAD") == true)
        }
    }

    @Test func intervalsMerge() {
        let m = GenomicInterval.merge([.init(chrom: "chr7", start: 10, end: 20), .init(chrom: "chr7", start: 21, end: 30),
                                       .init(chrom: "chr7", start: 50, end: 60), .init(chrom: "chr7", start: 5, end: 12)])
        #expect(m == [.init(chrom: "chr7", start: 5, end: 30), .init(chrom: "chr7", start: 50, end: 60)])
    }
}

@Suite struct DetectionLimitTests {
    /// The fact sheet's table (§E4): VAF detectable with 95% power at depth D with ≥ k reads.
    @Test(arguments: [(100, 3, 0.062), (100, 5, 0.089), (250, 5, 0.036), (500, 5, 0.018), (1000, 3, 0.0063), (2000, 5, 0.0046)])
    func matchesTheFactSheet(depth: Int, k: Int, expected: Double) throws {
        let lod = try #require(DetectionLimit.lod(depth: depth, minAlt: k))
        #expect(abs(lod - expected) / expected < 0.05, "depth \(depth) k \(k): \(lod)")
    }

    @Test func edges() {
        #expect(DetectionLimit.lod(depth: 0, minAlt: 5) == nil)
        #expect(DetectionLimit.lod(depth: 3, minAlt: 5) == nil)
        #expect(DetectionLimit.detectionProbability(depth: 100, fraction: 0.5, minAlt: 5) > 0.999)
    }
}

@Suite struct AlleleLikelihoodTests {
    @Test func realAllelesPassErrorsDoNot() {
        // 2% at 2000x with Q30 bases: 40 alternate fragments is overwhelming evidence.
        #expect(AlleleLikelihood.lod(alt: 40, altError: 0.001, other: 1960, otherError: 0.001) > 30)
        // Three Q20 errors among 300 fragments look like errors.
        #expect(AlleleLikelihood.lod(alt: 3, altError: 0.01, other: 297, otherError: 0.01) < 3)
        // Four at Q40 are real; three at Q40 pass the hotspot threshold but fall short of Mutect2's 6.3.
        #expect(AlleleLikelihood.lod(alt: 4, altError: 0.0001, other: 296, otherError: 0.0001) > 6.3)
        let threeAtQ40 = AlleleLikelihood.lod(alt: 3, altError: 0.0001, other: 297, otherError: 0.0001)
        #expect(threeAtQ40 > 3 && threeAtQ40 < 6.3, "a hotspot allele (3.0) but not a novel one (6.3)")
        #expect(AlleleLikelihood.lod(alt: 0, altError: 0.001, other: 100, otherError: 0.001) == 0)
    }

    @Test func moreEvidenceMoreConfidence() {
        let lods = (1...20).map { AlleleLikelihood.lod(alt: $0, altError: 0.001, other: 1000 - $0, otherError: 0.001) }
        #expect(zip(lods, lods.dropFirst()).allSatisfy { $0 < $1 })
        let k500 = AlleleLikelihood.minAlt(depth: 500, error: 0.001, threshold: 6.3, floor: 3)
        let k2000 = AlleleLikelihood.minAlt(depth: 2000, error: 0.001, threshold: 6.3, floor: 3)
        #expect(k500 != nil && k2000 != nil && k500! <= k2000!)
        #expect(AlleleLikelihood.minAlt(depth: 0, error: 0.001, threshold: 6.3, floor: 3) == nil)
    }
}
