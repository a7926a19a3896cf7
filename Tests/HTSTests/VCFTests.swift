import HTS
import Testing
import TestSupport

/// VCF writing and reading through htslib, checked with bcftools.
@Suite struct VCFTests {
    let spec = VCFHeaderSpec(
        contigs: [.init(name: "chr7", length: 159_345_973)],
        infos: [.init(id: "GENE", number: "1", type: "String", description: "Gene"),
                .init(id: "DPS", number: "2", type: "Integer", description: "Depth per strand"),
                .init(id: "HS", number: "0", type: "Flag", description: "Hotspot")],
        formats: [.init(id: "GT", number: "1", type: "String", description: "Genotype"),
                  .init(id: "AD", number: "R", type: "Integer", description: "Allele depths"),
                  .init(id: "AF", number: "A", type: "Float", description: "Allele fraction")],
        filters: [.init(id: "lowq", description: "Low quality")],
        samples: ["S1"])

    func records() -> [VCFRecord] {
        (0..<50).map { i in
            VCFRecord(chrom: "chr7", position: 55_000_000 + i * 5000, ref: "A", alts: i % 2 == 0 ? ["G"] : ["G", "T"],
                      qual: i % 3 == 0 ? nil : Float(i), filters: i % 5 == 0 ? ["lowq"] : ["PASS"],
                      info: [("GENE", .string("EGFR")), ("DPS", .integers([Int32(i), Int32(2 * i)]))] + (i % 4 == 0 ? [("HS", .flag)] : []),
                      genotypes: [[0, 1]], phased: [false],
                      format: [("AD", .integers(i % 2 == 0 ? [10, Int32(i)] : [10, Int32(i), 1])), ("AF", .floats(i % 2 == 0 ? [0.5] : [0.25, 0.125]))])
        }
    }

    /// The index built after closing and the one built in memory while writing both serve region queries.
    @Test(arguments: [(VCFWriter.Index.tbi, false), (.csi, false), (.tbi, true), (.csi, true)])
    func roundTripAndBcftoolsAgree(index: VCFWriter.Index, whileWriting: Bool) throws {
        let path = try TestSupport.tempDir() + "/t.vcf.gz"
        let w = try VCFWriter(path: path, header: spec, indexWhileWriting: whileWriting ? index : .none)
        for r in records() { try w.write(r) }
        try w.close(index: index)
        #expect(TestSupport.exists(path + (index == .tbi ? ".tbi" : ".csi")))

        let back = try VCFReader(path: path).readAll()
        #expect(back == records())
        let r = GenomicRegion(contig: "chr7", start: 55_050_000, end: 55_100_000)
        let ours = try VCFReader(path: path).records(in: r)
        let theirs = try TestSupport.run("bcftools", ["view", "-H", "-r", r.description, path])
        #expect(theirs.status == 0)
        #expect(ours.count == theirs.stdout.split(separator: "\n").count)
        #expect(ours.count == 10)
        #expect(try TestSupport.run("bcftools", ["view", "-H", path]).stdout.split(separator: "\n").count == 50)
    }

    @Test func bcfRoundTrip() throws {
        let path = try TestSupport.tempDir() + "/t.bcf"
        let w = try VCFWriter(path: path, header: spec, mode: "wb")
        for r in records() { try w.write(r) }
        try w.close(index: .csi)
        let reader = try VCFReader(path: path)
        #expect(reader.samples == ["S1"])
        #expect(reader.contigs == [.init(name: "chr7", length: 159_345_973)])
        #expect(try reader.readAll() == records())
        #expect(try VCFReader(path: path).records(in: GenomicRegion(contig: "chr7", start: 55_000_000, end: 55_010_000)).count == 2)
    }

    @Test func readsTruthVCFs() throws {
        let truth = try VCFReader(path: TestSupport.testData("truth/demo-nsclc.truth.vcf.gz")).readAll()
        #expect(truth.map(\.position) == [55_191_822, 87_509_329, 87_550_285])
        #expect(truth.first?.info("NAME") == .string("L858R"))
    }

    @Test func malformedVCFIsAnError() throws {
        let path = try TestSupport.tempDir() + "/bad.vcf"
        try "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr7\tabc\t.\tA\tG\t.\tPASS\t.\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: HTSError.self) { _ = try VCFReader(path: path).readAll() }
        #expect(throws: HTSError.self) { try VCFWriter(path: path + ".out", header: spec).write(VCFRecord(chrom: "chr1", position: 1, ref: "A", alts: ["G"])) }
    }
}
