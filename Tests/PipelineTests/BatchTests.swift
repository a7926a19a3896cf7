import Foundation
import G2TCore
import Knowledge
@testable import Pipeline
import Reporting
import Testing
import TestSupport

@Suite struct SampleSheetTests {
    func sheet(_ text: String) throws -> String {
        let path = try TestSupport.tempDir() + "/sheet.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theBundledSheetIsValid() throws {
        let s = try SampleSheet.load(TestSupport.testData("samplesheet.csv"))
        #expect(s.rows.count == 9)
        #expect(s.rows.first { $0.sample == "LUSC-EXPR" }?.abcb1Expression == 250)
        #expect(s.rows.allSatisfy { FileManager.default.fileExists(atPath: $0.input) })
    }

    @Test func everyProblemIsListedWithItsLine() throws {
        let demo = TestSupport.testData("samples/demo-nsclc.bam")
        let path = try sheet("""
            sample,input,tumor_type,abcb1_expression
            A,\(demo),LUAD,
            A,\(demo),LUAD,
            B,/nowhere/b.bam,LUAD,
            C,\(demo),LUNG_ADENO,
            D,\(demo),LUSC,high
            """)
        do {
            _ = try SampleSheet.load(path)
            Issue.record("accepted a broken sheet")
        } catch let e as SampleSheetError {
            #expect(e.problems.contains("line 3: duplicate sample 'A' (first on line 2)"))
            #expect(e.problems.contains("line 4: input file '/nowhere/b.bam' not found"))
            #expect(e.problems.contains { $0.hasPrefix("line 5: unknown tumour type 'LUNG_ADENO'") })
            #expect(e.problems.contains("line 6: abcb1_expression 'high' is not a TPM value from 0 to 1000000"))
            #expect(e.problems.count == 4)
        }
        #expect(throws: SampleSheetError.self) { try SampleSheet.load(try sheet("sample,input\nA,x\n")) }
    }

    /// Column `config`: a thresholds file per sample, checked with the sheet and passed to the sample's run.
    @Test func configColumnIsCheckedAndPassedOn() throws {
        let demo = TestSupport.testData("samples/demo-nsclc.bam")
        let dir = try TestSupport.tempDir()
        try #"{"minLOD": 8}"#.write(toFile: dir + "/strict.json", atomically: true, encoding: .utf8)
        try #"{"minLod": 8}"#.write(toFile: dir + "/typo.json", atomically: true, encoding: .utf8)
        let good = try SampleSheet.load(try sheet("sample,input,tumor_type,config\nA,\(demo),LUAD,\(dir)/strict.json\nB,\(demo),LUAD,\n"))
        #expect(good.rows[0].parameters?.minLOD == 8 && good.rows[1].parameters == nil)
        let runner = BatchRunner(out: dir + "/out", jobs: 1, kb: try KnowledgeBaseLoader.bundled(), environment: [:], executable: TestSupport.g2tBinary)
        #expect(runner.options(good.rows[0]).parameters.minLOD == 8 && runner.options(good.rows[1]).parameters == CallingParameters())
        let args = runner.arguments(good.rows[0], dir: "x")
        #expect(args.firstIndex(of: "--config").map { args[$0 + 1] } == dir + "/strict.json")
        #expect(!runner.arguments(good.rows[1], dir: "x").contains("--config"))
        do {
            _ = try SampleSheet.load(try sheet("sample,input,tumor_type,config\nA,\(demo),LUAD,\(dir)/typo.json\n"))
            Issue.record("accepted a sheet with a bad config")
        } catch let e as SampleSheetError {
            #expect(e.problems == ["line 2: config: \(dir)/typo.json: minLod: unknown key (`g2t config show` lists every key)"])
        }
    }
}

@Suite struct BatchRunnerTests {
    @Test func aCorruptSampleFailsAloneAndARerunResumes() throws {
        let dir = try TestSupport.tempDir()
        // A BAM cut short: htslib reads the header, then hits the truncated BGZF stream.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: TestSupport.testData("samples/egfr-ex20ins.bam")))
        try bytes.prefix(40_000).write(to: URL(fileURLWithPath: dir + "/corrupt.bam"))
        let path = dir + "/sheet.csv"
        try """
            sample,input,tumor_type
            GOOD-1,\(TestSupport.testData("samples/egfr-t790m-c797s-cis.bam")),LUAD
            BROKEN,\(dir)/corrupt.bam,LUAD
            GOOD-2,\(TestSupport.testData("samples/egfr-l858r-mnv.bam")),LUAD

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let runner = BatchRunner(out: dir + "/out", jobs: 2, kb: try KnowledgeBaseLoader.bundled(), environment: ["SOURCE_DATE_EPOCH": "0"], executable: TestSupport.g2tBinary)
        let first = try runner.run(try SampleSheet.load(path))
        #expect(first.map(\.sample) == ["GOOD-1", "BROKEN", "GOOD-2"], "sheet order")
        #expect(first.map(\.status) == [.done, .failed, .done])
        #expect(first[1].error.contains("corrupt.bam"))
        #expect(first[0].keyFindings.contains("p.Thr790Met") && first[0].resistance.contains("osimertinib"))
        // L858R in LUAD: the first sensitive drug in the knowledge base's order, with its counted level.
        #expect(first[2].topTherapy == "afatinib (sensitive; OncoKB 1)")
        for f in ["batch-summary.tsv", "batch-summary.json", "cohort.html", "GOOD-1/GOOD-1.report.html", "GOOD-2/GOOD-2.report.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/out/\(f)"), "\(f)")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out/BROKEN/BROKEN.report.json"), "no partial outputs")
        let tsv = try TestSupport.readText(dir + "/out/batch-summary.tsv")
        #expect(tsv.split(separator: "\n").count == 4 && tsv.contains("BROKEN\tfailed"))
        let html = try TestSupport.readText(dir + "/out/cohort.html")
        #expect(html.contains("href=\"GOOD-1/GOOD-1.report.html\"") && html.contains("failed: "))
        let report = try TestSupport.readText(dir + "/out/GOOD-1/GOOD-1.report.json")
        // The re-run skips what is up to date and tries the failed sample again.
        let second = try runner.run(try SampleSheet.load(path))
        #expect(second.map(\.status) == [.skipped, .failed, .skipped])
        #expect(try TestSupport.readText(dir + "/out/GOOD-1/GOOD-1.report.json") == report)
        #expect(second[0].keyFindings == first[0].keyFindings)
    }
}
