import G2TCore
import Knowledge
@testable import Pipeline
import Testing
import TestSupport

/// A worker of `g2t rescore` keeps one `Memo` for the whole run (parameters, lineages, tier
/// indexes: `ScoringContext.Cache`): its lines must be those of a fresh memo per line, in any
/// order of tumour types, and a memo used with a context of another knowledge base starts again.
@Suite struct RescoreMemoTests {
    /// The annotated test samples in several tumour types (one unknown: its error every time) as lines.
    static func lines() throws -> [[UInt8]] {
        var out: [[UInt8]] = []
        for (n, (_, a)) in try ScoredLineTests.annotatedSamples().prefix(10).enumerated() {
            out.append(try ScoredLineTests.line(a))
            if n % 4 == 0 {
                var unknown = a
                unknown.sample.tumorType = "NOT-A-TYPE"
                out.append(try ScoredLineTests.line(unknown))
            }
        }
        return out
    }

    static func same(_ a: Result<[UInt8], CohortRescorer.Message>, _ b: Result<[UInt8], CohortRescorer.Message>) -> Bool {
        switch (a, b) {
        case (.success(let x), .success(let y)): return x == y
        case (.failure(let x), .failure(let y)): return x.text == y.text
        default: return false
        }
    }

    @Test func oneMemoForAllLinesGivesTheLinesOfFreshOnes() throws {
        let rescorer = try ScoredLineTests.rescorer()
        let lines = try Self.lines()
        let fresh = lines.map { rescorer.scoreLine($0, rescorer.context, CohortRescorer.Memo()) }
        #expect(fresh.contains { if case .failure = $0 { return true } else { return false } })
        let memo = CohortRescorer.Memo()
        for (order, indices) in [("in order", Array(lines.indices)), ("reversed", lines.indices.reversed()), ("again", Array(lines.indices))] {
            for i in indices {
                #expect(Self.same(rescorer.scoreLine(lines[i], rescorer.context, memo), fresh[i]), "line \(i), \(order)")
            }
        }
    }

    /// Another knowledge base (every statement in every tumour type, so tiers and calls change):
    /// one memo alternating between the two contexts gives each context's own lines.
    @Test func aMemoStartsAgainForAnotherKnowledgeBase() throws {
        let loaded = try KnowledgeBaseLoader.bundled()
        var everywhere = loaded.kb
        for i in everywhere.effects.indices { everywhere.effects[i].tumorTypes = [] }
        let other = try ScoringContext(kb: LoadedKnowledgeBase(kb: everywhere, sha256: "test-everywhere", origin: "test"))
        let rescorer = try ScoredLineTests.rescorer()
        let lines = try Self.lines()
        let mine = lines.map { rescorer.scoreLine($0, rescorer.context, CohortRescorer.Memo()) }
        let theirs = lines.map { rescorer.scoreLine($0, other, CohortRescorer.Memo()) }
        #expect(zip(mine, theirs).contains { !Self.same($0, $1) }, "the two knowledge bases score differently")
        let memo = CohortRescorer.Memo()
        for i in lines.indices {
            #expect(Self.same(rescorer.scoreLine(lines[i], rescorer.context, memo), mine[i]), "line \(i), bundled")
            #expect(Self.same(rescorer.scoreLine(lines[i], other, memo), theirs[i]), "line \(i), other")
        }
    }

    /// The memo's comparison of `parameters` bytes (memcmp) against the bytes themselves.
    @Test func parametersAreComparedByTheirBytes() {
        let a: [UInt8] = Array("{\"x\":1}".utf8), b: [UInt8] = Array("{\"x\":2}".utf8)
        a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in
                #expect(CohortRescorer.Memo.same(pa, pa) && !CohortRescorer.Memo.same(pa, pb))
                #expect(!CohortRescorer.Memo.same(pa, UnsafeRawBufferPointer(rebasing: pa[0..<3])))
                #expect(CohortRescorer.Memo.same(UnsafeRawBufferPointer(rebasing: pa[0..<0]), UnsafeRawBufferPointer(rebasing: pb[0..<0])))
            }
        }
    }
}
