import Foundation
import G2TCore
import Knowledge
@testable import Pipeline
import Testing
import TestSupport

/// The report set's files are written on `--threads` workers and checksummed as they are written
/// (`StagedSet.write(_:threads:)`, `StagingFolder`): the same bytes and manifest as one thread, a
/// manifest whose checksums are the files', and nothing published when one writer fails.
@Suite struct ConcurrentReportFilesTests {
    func scored() throws -> Analysis {
        let a = try Stages.call(CallOptions(input: TestSupport.testData("vcf/mutect2.vcf"), tumorType: "LUAD", environment: ["SOURCE_DATE_EPOCH": "0"]))
        return try Stages.score(try Stages.annotate(a), kb: try KnowledgeBaseLoader.bundled())
    }

    func files(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for n in try FileManager.default.contentsOfDirectory(atPath: dir) where !n.hasPrefix(".") {
            out[n] = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(n)"))
        }
        return out
    }

    @Test func twoThreadsWriteTheFilesAndManifestOfOne() throws {
        let a = try scored()
        let dir = try TestSupport.tempDir()
        let one = try ReportFiles.write(a, to: dir + "/one", threads: 1)
        let two = try ReportFiles.write(a, to: dir + "/two", threads: 2)
        let four = try ReportFiles.write(a, to: dir + "/four", threads: 4)
        let first = try files(dir + "/one")
        #expect(first.count == 9, "\(first.keys.sorted())")
        #expect(try files(dir + "/two") == first)
        #expect(try files(dir + "/four") == first)
        #expect([one, two, four].allSatisfy { $0.manifest.hasSuffix("/\(a.sample.id).manifest.json") })
        // The checksums and sizes taken while writing are those of the files on disk.
        let manifest = try #require(ReportManifest.read(directory: dir + "/two", id: a.sample.id))
        #expect(manifest.files.map(\.name) == ["vcf.gz", "vcf.gz.tbi", "report.json", "report.html", "variants.tsv", "hotspots.tsv",
                                               "therapies.tsv", "g2t_mqc.tsv"].map { n in n.hasPrefix("vcf") ? "\(a.sample.id).g2t.\(n)" : "\(a.sample.id).\(n)" })
        #expect(manifest.verify(in: dir + "/two"))
        for e in manifest.files {
            #expect(e.sha256 == (try FileDigest.sha256(path: "\(dir)/two/\(e.name)")), "\(e.name)")
            #expect(e.bytes == first[e.name]?.count, "\(e.name)")
        }
    }

    /// A file written, emptied (`restart`) and written again: its entry is the final content's.
    @Test func checksumWhileWritingFollowsARestart() throws {
        let dir = try TestSupport.tempDir()
        let folder = StagingFolder(path: dir)
        let e = try folder.create("x.json") { write, restart in
            try write(Array("discarded, longer than what follows".utf8))
            try restart()
            try write(Array("kept ".utf8))
            try write(Array("bytes".utf8))
        }
        #expect(try TestSupport.readText(dir + "/x.json") == "kept bytes")
        #expect(e == ReportManifest.Entry(name: "x.json", sha256: try FileDigest.sha256(path: dir + "/x.json"), bytes: 10))
    }

    struct WriterFailed: Error {}

    /// One writer failing: the error comes back, the set is abandoned, and the set already published in
    /// the directory stays as it was, complete and verifiable.
    @Test(arguments: [1, 2])
    func aFailingWriterPublishesNothing(threads: Int) throws {
        let a = try scored()
        let out = try TestSupport.tempDir() + "/out"
        _ = try ReportFiles.write(a, to: out, threads: threads)
        let before = try files(out)
        let set = try StagedSet(directory: try OutputDirectory.open(out), id: a.sample.id)
        #expect(throws: WriterFailed.self) {
            try set.write([
                { f in [try f.create("\(a.sample.id).report.html", Array("new page".utf8))] },
                { _ in throw WriterFailed() },
                { f in [try f.create("\(a.sample.id).variants.tsv", Array("new table".utf8))] },
            ], threads: threads)
        }
        set.abandon()
        #expect(try files(out) == before, "the published set is untouched")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasPrefix(OutputDirectory.stagingPrefix) }, "staging removed")
        #expect(try #require(ReportManifest.read(directory: out, id: a.sample.id)).verify(in: out))
    }
}
