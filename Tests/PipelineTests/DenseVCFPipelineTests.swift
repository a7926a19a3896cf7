import Foundation
import G2TCore
import Knowledge
import Pipeline
import Reporting
import Testing
import TestSupport

/// Issue 13: a dense VCF (every record inside the panel's targets, as `scripts/make-dense-panel-vcf.py`
/// makes for the benchmark, here small enough for the suite) through every stage, run in place as
/// `g2t pipeline` runs them: every record comes out once, annotated and tiered, in every output file,
/// and the in-place stages give exactly the analyses of the copying ones.
@Suite struct DenseVCFPipelineTests {
    /// The 3 SNVs at every `step`-th position of every GRCh38 panel target whose base the bundled
    /// sequence knows, sorted by chromosome and position, with varied AD/DP (seeded, deterministic).
    static func denseVCF(step: Int, in dir: String) throws -> (path: String, records: Int) {
        let panel = try PanelSet.bundled().panel(.grch38)
        var lines: [String] = []
        var seed: UInt64 = 13
        func next(_ n: Int) -> Int {  // a small LCG: the same records on every run
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var sites = Set<String>()
        let targets = panel.targets.sorted { ($0.interval.chrom, $0.interval.start) < ($1.interval.chrom, $1.interval.start) }
        for t in targets {
            for pos in stride(from: t.interval.start, through: t.interval.end, by: step) {
                guard let b = panel.reference.base(chrom: t.interval.chrom, pos: pos), sites.insert("\(t.interval.chrom):\(pos)").inserted else { continue }
                let ref = String(UnicodeScalar(b))
                guard "ACGT".contains(ref) else { continue }
                for alt in ["A", "C", "G", "T"] where alt != ref {
                    let (r, a) = (20 + next(380), 1 + next(79))
                    lines.append("\(t.interval.chrom)\t\(pos)\t.\t\(ref)\t\(alt)\t50\tPASS\t.\tGT:AD:DP\t0/1:\(r),\(a):\(r + a)")
                }
            }
        }
        // Targets may overlap or interleave across genes: sorted as a VCF is.
        lines.sort { x, y in
            let (a, b) = (x.split(separator: "\t"), y.split(separator: "\t"))
            return (a[0], Int(a[1]) ?? 0, a[4]) < (b[0], Int(b[1]) ?? 0, b[4])
        }
        // Contigs named without lengths: the build is given (`--build GRCh38`).
        let contigs = panel.chromosomes.map { "##contig=<ID=\($0)>\n" }.joined()
        let header = "##fileformat=VCFv4.2\n" + contigs + """
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        ##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">
        ##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tDENSE

        """
        let path = dir + "/dense.vcf"
        try (header + lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (path, lines.count)
    }

    @Test func everyRecordOfADenseVCFIsInEveryOutput() throws {
        let dir = try TestSupport.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (path, records) = try Self.denseVCF(step: 40, in: dir)
        #expect(records > 600, "\(records) records: enough to summarise the page (> 300 variants)")
        let kb = try KnowledgeBaseLoader.bundled()
        var a = try Stages.call(CallOptions(input: path, tumorType: "LUAD", build: .grch38, threads: 2, environment: ["SOURCE_DATE_EPOCH": "0"]))
        #expect(a.variants.count == records, "every record is inside the targets: each is one variant")
        #expect(Set(a.variants.map(\.key)).count == records)
        // The copying stages, for comparison with the in-place ones `g2t pipeline` uses.
        let annotated = try Stages.annotate(a)
        let scored = try Stages.score(annotated, kb: kb, threads: 2)
        // In place on two threads in small chunks (as `g2t pipeline` with --threads 2): the same analysis.
        try Stages.annotate(&a, threads: 2, chunk: 50)
        #expect(a == annotated)
        try Stages.score(&a, kb: kb, threads: 2)
        #expect(a == scored)
        #expect(a.stages == [.call, .annotate, .score])
        #expect(a.variants.allSatisfy { $0.gene != nil && $0.annotation != nil && $0.origin != nil }, "annotated and classified")
        #expect(a.variants.filter(\.passed).allSatisfy { $0.tier != nil }, "every passing variant tiered")
        #expect(a.sample.purity?.value != nil, "purity estimated from the somatic candidates")

        let out = dir + "/out"
        let w = try ReportFiles.write(a, to: out)
        let tsv = try TestSupport.readText("\(out)/\(a.sample.id).variants.tsv")
        #expect(tsv.split(separator: "\n").count == records + 1, "header and one row per record")
        let json = try [UInt8](Data(contentsOf: URL(fileURLWithPath: w.json)))
        let back = try JSONCoding.decode(Analysis.self, from: json)
        #expect(back.variants.count == records)
        #expect(back.variants.map(\.key) == a.variants.map(\.key))
        let html = try TestSupport.readText(w.html)
        // "Showing 300 of 1,234 variants" for the somatic and the germline list where a list is cut.
        let totals = html.components(separatedBy: "Showing ").dropFirst().compactMap { part -> Int? in
            let words = part.split(separator: " ", maxSplits: 4)
            return words.count > 3 && words[1] == "of" ? Int(words[2]) : nil
        }
        #expect(!totals.isEmpty, "the page summarises")
        #expect(totals.allSatisfy { $0 < records })
        #expect(html.utf8.count < 2_000_000, "page of \(html.utf8.count) bytes")
        let vcf = try TestSupport.run("bcftools", ["view", "-H", w.vcf])
        #expect(vcf.status == 0)
        #expect(vcf.stdout.split(separator: "\n").count == records, "the report VCF lists every variant")
    }
}
