import G2TCore
import Knowledge
import Pipeline
import Testing

/// The bundled panel parsed on a thread of its own at start-up, for `pipeline` and `call` only.
@Suite struct PanelPrefetchTests {
    @Test func onlyPipelineAndCallPrefetch() {
        #expect(ProcessSetup.needsPanelFirst(["g2t", "pipeline", "x.bam"]))
        #expect(ProcessSetup.needsPanelFirst(["/usr/bin/g2t", "call", "x.bam", "--threads", "2"]))
        for other in [["g2t"], ["g2t", "--version"], ["g2t", "kb", "show"], ["g2t", "batch", "s.tsv"], ["g2t", "tumor-types"],
                      ["g2t", "--help", "pipeline"], ["g2t", "x.bam", "pipeline"]] {
            #expect(!ProcessSetup.needsPanelFirst(other), "\(other)")
        }
    }

    /// `pipeline` without `--kb` also parses the bundled knowledge base on the start-up thread.
    @Test func onlyPipelineWithTheBundledKnowledgeBasePrefetchesIt() {
        #expect(ProcessSetup.needsBundledKnowledgeBase(["g2t", "pipeline", "x.bam", "--threads", "2"]))
        for other in [["g2t", "pipeline", "x.bam", "--kb", "lab.json"], ["g2t", "pipeline", "--kb=lab.json", "x.bam"],
                      ["g2t", "call", "x.bam"], ["g2t", "score", "a.json"], ["g2t"], ["g2t", "--version"]] {
            #expect(!ProcessSetup.needsBundledKnowledgeBase(other), "\(other)")
        }
    }

    /// A prefetch racing the first use gives the same knowledge base as the loader.
    @Test func prefetchedKnowledgeBaseIsTheBundledOne() throws {
        ProcessSetup.prefetchBundledPanel(arguments: ["g2t", "pipeline", "x.bam"])
        let k = try KnowledgeBaseLoader.bundled()
        #expect(k.origin == "bundled" && k.kb.version == "2027.3" && k.sha256.count == 64)
    }

    /// A prefetch racing the first use gives the same panel as parsing it here.
    @Test func prefetchedPanelIsTheBundledOne() throws {
        ProcessSetup.prefetchBundledPanel(arguments: ["g2t", "pipeline"])
        let p = try PanelSet.bundled().panel(.grch38)
        let eager = try PanelSet(files: PanelLoader.bundledFiles).panel(.grch38)
        #expect(p.hotspots == eager.hotspots && p.transcripts == eager.transcripts)
    }
}
