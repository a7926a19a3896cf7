import Foundation
@testable import G2TCore
import Knowledge
@testable import Pipeline
import Testing
import TestSupport

/// `g2t rescore`'s scored line (format "g2t-scored-line/2"): its hand-written encoder and its
/// decoder of annotated lines (`JSONMembers` plus the members scoring reads) against the `Codable`
/// path that scores whole analyses (`g2t score`, the report).
@Suite struct ScoredLineTests {
    /// The annotated analyses of the committed test samples, in several tumour types, with and
    /// without prior therapy and ABCB1 expression (MDR evidence), so every kind of evidence occurs.
    static func annotatedSamples() throws -> [(label: String, analysis: Analysis)] {
        let samples = try FileManager.default.contentsOfDirectory(atPath: TestSupport.testData("samples"))
            .filter { $0.hasSuffix(".bam") }.sorted()
        #expect(samples.count >= 15)
        let settings: [(tumor: String?, prior: [String]?, tpm: Double?)] = [
            ("LUAD", nil, nil), ("COADREAD", nil, 900), (nil, nil, nil), ("NSCLC", ["gefitinib"], 120), ("LUSC", ["osimertinib"], nil),
        ]
        var out: [(String, Analysis)] = []
        for (n, s) in samples.enumerated() {
            let called = try Stages.call(CallOptions(input: TestSupport.testData("samples/" + s), environment: ["SOURCE_DATE_EPOCH": "0"]))
            var a = try Stages.annotate(called)
            let set = settings[n % settings.count]
            a.sample.tumorType = set.tumor
            a.sample.priorTherapies = set.prior
            if let tpm = set.tpm { a.expression = [GeneExpression(gene: "ABCB1", tpm: tpm, source: "test")] }
            out.append(("\(s) \(set.tumor ?? "no tumour type")", a))
        }
        return out
    }

    static func line(_ a: Analysis) throws -> [UInt8] { Array(try JSONCoding.encode(a, .line).dropLast()) }

    static func rescorer() throws -> CohortRescorer {
        try CohortRescorer(context: try ScoringContext(kb: try KnowledgeBaseLoader.bundled()), threads: 1)
    }

    /// What the `Codable` path would write for the same line: the hand-written line must be these bytes.
    struct CodableLine: Encodable {
        var annotated: Analysis
        var format = ScoredLine.format
        var informational: [InformationalFinding]
        var knowledgeBase: KnowledgeBaseInfo
        var mdr: MDRAssessment
        var panelLimits: [PanelLimitFinding]
        var therapies: [ScoredLine.Therapy]
        var tiers: [Tier?]
    }

    /// Every sample scored both ways: the scored line's content equals the scored analysis's (each
    /// reference resolved in the knowledge base gives the report's text), its bytes equal the
    /// `Codable` encoding of the same content, and its annotated member is the input, byte for byte.
    @Test func theScoredLineCarriesWhatTheCodablePathScores() throws {
        let loaded = try KnowledgeBaseLoader.bundled()
        let kb = loaded.kb
        let rescorer = try Self.rescorer()
        var evidenceSeen = 0, mdrSeen = 0, limitsSeen = 0
        for (label, annotated) in try Self.annotatedSamples() {
            let input = try Self.line(annotated)
            let scored = try Stages.score(annotated, kb: loaded, threads: 1)
            let out = try rescorer.scoreLine(input, rescorer.context).get()
            #expect(out.last == 10 && !out.dropLast().contains(10), "\(label): one line")
            let decoded = try JSONCoding.foundationDecode(ScoredLine.Decoded.self, from: out)
            #expect(decoded.format == "g2t-scored-line/2")
            #expect(decoded.annotated == annotated, "\(label)")
            let top = try #require(JSONMembers(out, in: 0..<(out.count - 1)))
            #expect(top.keys == ["annotated", "format", "informational", "knowledgeBase", "mdr", "panelLimits", "therapies", "tiers"])
            #expect(Array(out[try #require(top.range(of: "annotated"))]) == input, "\(label): annotated copied as read")
            let scoring = try #require(scored.scoring)
            #expect(decoded.knowledgeBase == scoring.knowledgeBase && decoded.mdr == scoring.mdr, "\(label)")
            #expect(decoded.informational == scoring.informational && decoded.panelLimits == scoring.panelLimits, "\(label)")
            limitsSeen += decoded.panelLimits.count
            #expect(decoded.tiers == scored.variants.map(\.tier), "\(label)")
            #expect(decoded.therapies.map(\.drug) == scored.therapies.map(\.drug), "\(label)")
            for (lean, full) in zip(decoded.therapies, scored.therapies) {
                #expect(lean.call == full.call && lean.score == full.score && lean.mdrRisk == full.mdrRisk, "\(label) \(full.drug)")
                #expect(lean.setting == full.setting && lean.inSetting == full.inSetting, "\(label) \(full.drug)")
                #expect(lean.evidence.count == full.evidence.count, "\(label) \(full.drug)")
                for (e, f) in zip(lean.evidence, full.evidence) {
                    #expect(e.effect == f.effect && e.oncokbLevel == f.oncokbLevel && e.ampLevel == f.ampLevel && e.matchedBy == f.matchedBy)
                    #expect(e.weight == f.weight && e.counted == f.counted && e.inTumorType == f.inTumorType)
                    #expect(e.clonality == f.clonality && e.ccf == f.ccf && (e.variants ?? []) == f.variants && (e.kind ?? .biomarker) == f.kind)
                    // Resolved in the knowledge base: the report's statement, biomarker and citations.
                    #expect(kb.sourceLabels(e.sources) == f.sources, "\(label) \(full.drug): sources")
                    if let s = e.statement {
                        let effect = kb.effects[s]
                        #expect(effect.drug == full.drug && effect.summary == f.summary && effect.tumorTypes == f.tumorTypes)
                        #expect(effect.biomarker == e.biomarker && kb.biomarker(id: effect.biomarker)?.name == f.biomarker)
                        #expect(effect.sources == e.sources && effect.setting?.text == f.setting)
                        evidenceSeen += 1
                    } else {
                        #expect(e.kind == .mdr && e.biomarker == nil && f.summary == kb.mdr?.statement && e.sources == kb.mdr?.sources)
                        mdrSeen += 1
                    }
                }
            }
            let codable = CodableLine(annotated: annotated, informational: scoring.informational, knowledgeBase: scoring.knowledgeBase,
                                      mdr: scoring.mdr, panelLimits: scoring.panelLimits,
                                      therapies: try scored.therapies.map { try #require(ScoredLine.Therapy($0)) },
                                      tiers: scored.variants.map(\.tier))
            #expect(try JSONCoding.encode(codable, .line) == out, "\(label): hand-written bytes differ from Codable's")
            #expect(try ScoredLine.therapiesJSON(scored.therapies) == Array(try JSONCoding.encode(codable.therapies, .line).dropLast()))
        }
        #expect(evidenceSeen > 50 && mdrSeen > 0 && limitsSeen > 0, "evidence \(evidenceSeen), MDR \(mdrSeen), panel limits \(limitsSeen)")
    }

    /// The same line from every input form: an annotated line (fast path), the same analysis as a
    /// pretty document and as a version-1 scored line (general path), and the scored line itself.
    @Test func everyAcceptedFormGivesTheSameLine() throws {
        let loaded = try KnowledgeBaseLoader.bundled()
        let rescorer = try Self.rescorer()
        for (label, annotated) in try Self.annotatedSamples().prefix(6) {
            // The general path re-encodes the analysis: prior therapies are written by their knowledge-base names.
            let input = try Self.line(annotated)
            let fast = try rescorer.scoreLine(input, rescorer.context).get()
            let document = try JSONCoding.encode(annotated, .document)
            #expect(rescorer.fastLine(document, rescorer.context) == nil, "a pretty document takes the general path")
            #expect(try rescorer.scoreLine(document, rescorer.context).get() == fast, "\(label): document")
            let version1 = try Self.line(try Stages.score(annotated, kb: loaded, threads: 1))
            if annotated.sample.priorTherapies == nil {
                #expect(try rescorer.scoreLine(version1, rescorer.context).get() == fast, "\(label): version-1 scored line")
            }
            let again = try #require(rescorer.fastLine(Array(fast.dropLast()), rescorer.context), "a scored line takes the fast path")
            #expect(try again.get() == fast, "\(label): re-scoring a scored line")
        }
    }

    /// Malformed lines are refused with the general path's message (Foundation's decoder), whichever
    /// member is broken, including members the fast path does not decode.
    @Test func malformedLinesAreRefused() throws {
        let rescorer = try Self.rescorer()
        let (_, annotated) = try #require(try Self.annotatedSamples().first)
        let good = String(decoding: try Self.line(annotated), as: UTF8.self)
        func message(_ line: String) -> String? {
            if case .failure(let m) = rescorer.scoreLine(Array(line.utf8), rescorer.context) { return m.text }
            return nil
        }
        #expect(message(good) == nil)
        let cases: [(String, String)] = [
            (String(good.dropLast(5)), "not an analysis JSON"),
            (good.replacingOccurrences(of: "\"qc\":{", with: "\"qc\":{\"x\":01,"), "not an analysis JSON"),
            (good.replacingOccurrences(of: "\"qc\":{", with: "\"qc\":{\"x\":\"\u{1}\","), "not an analysis JSON"),
            (good.replacingOccurrences(of: "\"notes\":[", with: "\"notes\":[nul,"), "not an analysis JSON"),
            (good.replacingOccurrences(of: "\"qc\":", with: "\"qc\":5,\"qc2\":"), "not an analysis JSON"),
            (good.replacingOccurrences(of: "\"date\":", with: "\"date\":[],\"date2\":"), "not an analysis JSON"),
            (good.replacingOccurrences(of: "\"stages\":", with: "\"stagez\":"), "missing key 'stages'"),
            (good.replacingOccurrences(of: "\"annotate\"", with: "\"call\""), "not annotated"),
            ("{\"not\": \"an analysis\"}", "not an analysis JSON"),
            ("{\"annotated\":{},\"format\":\"g2t-scored-line/2\"}", "not an analysis JSON"),
        ]
        for (line, expected) in cases {
            let m = message(line)
            #expect(m?.contains(expected) == true, "\(expected): \(m ?? "accepted"): \(line.prefix(80)) … \(line.count)")
            #expect(m.map { !$0.contains("\n") } ?? true)
        }
        // Invalid UTF-8 inside a member the fast path only checks.
        let parts = good.components(separatedBy: "\"qc\":{")
        try #require(parts.count == 2)
        let bytes = Array((parts[0] + "\"qc\":{\"").utf8) + [0xC0, 0xAF] + Array(("\":1," + parts[1]).utf8)
        if case .success = rescorer.scoreLine(bytes, rescorer.context) { Issue.record("invalid UTF-8 accepted") }
    }

    /// `JSONMembers` accepts exactly what `JSONSyntax` (RFC 8259) accepts, except what it leaves to
    /// Foundation (escaped keys, a key twice, surrogate escapes), on corner cases of every token.
    @Test func membersAgreeWithTheSyntaxCheck() throws {
        let valid = [#"{}"#, #" { "a" : [ 1 , -0.5e+3 , true , false , null , "x\"\\\/\b\f\n\r\t\u00e9" , { } , [ ] ] } "#,
                     #"{"a":0,"b":-0,"c":1E5,"d":"é漢🧬"}"#, #"{"a":{"b":{"c":[[[]]]}}}"#]
        for v in valid {
            let b = Array(v.utf8)
            #expect(JSONSyntax.firstError(in: b) == nil)
            #expect(JSONMembers(b, in: 0..<b.count) != nil, "\(v)")
        }
        let invalid = [#""#, #"[]"#, #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":1e}"#, #"{"a":-}"#, #"{"a":tru}"#, #"{"a":[1,]}"#,
                       #"{"a":1,}"#, #"{"a" 1}"#, #"{"a":"\x"}"#, #"{"a":"\u12g4"}"#, #"{"a":1}x"#, #"{"a":"x}"#, "{\"a\":\"\u{1}\"}",
                       #"{"a":[1}"#, #"{a:1}"#]
        for v in invalid {
            let b = Array(v.utf8)
            #expect(JSONMembers(b, in: 0..<b.count) == nil, "\(v)")
            // (`JSONSyntax` does not check escapes: Foundation refuses those.)
            if v != "[]" && !v.contains("\\") { #expect(JSONSyntax.firstError(in: b) != nil, "\(v): not JSON") }
        }
        for bad: [UInt8] in [[0xFF], [0xE6, 0xBC], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]] {
            let b = Array(#"{"a":""#.utf8) + bad + Array(#""}"#.utf8)
            #expect(JSONMembers(b, in: 0..<b.count) == nil, "\(bad)")
        }
        let left = [#"{"a":1,"a":2}"#, #"{"\u0061":1}"#, #"{"a":"\ud83e\uddec"}"#]
        for v in left {
            let b = Array(v.utf8)
            #expect(JSONSyntax.firstError(in: b) == nil && JSONMembers(b, in: 0..<b.count) == nil, "\(v): left to Foundation")
        }
        let deep = Array((String(repeating: "[", count: 600) + String(repeating: "]", count: 600)).utf8)
        let nested = Array("{\"a\":".utf8) + deep + Array("}".utf8)
        #expect(JSONMembers(nested, in: 0..<nested.count) == nil)
        let kv = Array(#"{"k":[1, 2] ,"s":"v"}"#.utf8)
        let m = try #require(JSONMembers(kv, in: 0..<kv.count))
        #expect(m.keys == ["k", "s"] && m.range(of: "k") == 5..<11 && m.range(of: "s") == 17..<20 && m.range(of: "x") == nil)
    }
}
