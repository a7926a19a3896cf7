import HTS
import Knowledge
@testable import Pipeline
import Testing
import TestSupport
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Sample-sheet column `umi_tag`: validated as a SAM tag name when the sheet is read and passed to
/// the sample's run as --umi-tag; an empty cell leaves UMI detection automatic.
@Suite struct UMISheetTests {
    @Test func umiTagColumnIsPassedOn() throws {
        let dir = try TestSupport.tempDir()
        let bam = TestSupport.testData("samples/cfdna/cfdna-simplex.bam")
        let path = dir + "/sheet.csv"
        try "sample,input,tumor_type,umi_tag\nA,\(bam),LUAD,ZU\nB,\(bam),LUAD,\n".write(toFile: path, atomically: true, encoding: .utf8)
        let sheet = try SampleSheet.load(path)
        #expect(sheet.rows[0].umiTag == "ZU" && sheet.rows[1].umiTag == nil)
        let runner = BatchRunner(out: dir + "/out", jobs: 1, kb: try KnowledgeBaseLoader.bundled(), environment: [:], executable: TestSupport.g2tBinary)
        let args = runner.arguments(sheet.rows[0], dir: "x")
        #expect(args.firstIndex(of: "--umi-tag").map { args[$0 + 1] } == "ZU")
        #expect(!runner.arguments(sheet.rows[1], dir: "x").contains("--umi-tag"))
        #expect(runner.options(sheet.rows[0]).umiTag == "ZU" && runner.options(sheet.rows[1]).umiTag == nil)
    }

    @Test func malformedTagIsALineNumberedError() throws {
        let dir = try TestSupport.tempDir()
        let bam = TestSupport.testData("samples/cfdna/cfdna-simplex.bam")
        let path = dir + "/sheet.csv"
        try "sample,input,tumor_type,umi_tag\nA,\(bam),LUAD,RX\nB,\(bam),LUAD,R\nC,\(bam),LUAD,1X\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try SampleSheet.load(path)
            Issue.record("a sheet with umi_tag 'R' and '1X' was accepted")
        } catch let e as SampleSheetError {
            #expect(e.problems == [
                "line 3: umi_tag 'R' is not a SAM tag name (two characters, a letter then a letter or digit, e.g. RX)",
                "line 4: umi_tag '1X' is not a SAM tag name (two characters, a letter then a letter or digit, e.g. RX)",
            ])
        }
    }
}
