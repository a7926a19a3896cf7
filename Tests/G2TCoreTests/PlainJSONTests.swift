@testable import G2TCore
import Foundation
import Testing
import TestSupport

/// `HotspotCall.plainList` (no `Codable`) must give the hotspot calls `Codable` gives, or nil (the
/// caller then decodes with `Codable`): never another value, never a value where `Codable` fails.
/// `PanelLimitAssessment.asciiCodonLabel` must equal the Character walk on ASCII names.
/// `ScoredLine`'s hand-written findings must be `Codable`'s bytes.
@Suite struct PlainJSONTests {
    /// The tree decoder `g2t rescore` used for the member (`JSONCoding.decodeTree`), or nil when it throws.
    static func reference(_ text: String) -> [HotspotCall]? {
        let b = Array(text.utf8)
        return try? JSONCoding.decodeTree([HotspotCall].self, from: b, in: 0..<b.count)
    }

    static func plain(_ text: String) -> [HotspotCall]? {
        let b = Array(text.utf8)
        return HotspotCall.plainList(b, in: 0..<b.count)
    }

    /// nil or the reference's value; nil whenever the reference fails.
    static func check(_ text: String, mustRead: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let r = reference(text), p = plain(text)
        if let p { #expect(p == r, "\(text)", sourceLocation: sourceLocation) }
        if r == nil { #expect(p == nil, "\(text)", sourceLocation: sourceLocation) }
        if mustRead { #expect(p != nil, "\(text)", sourceLocation: sourceLocation) }
    }

    static let statuses: [HotspotCall.Status] = [.detected, .notDetected, .lowCoverage]

    static func randomText(_ rng: inout SplitMix64, plain: Bool) -> String {
        let ascii = Array("ACGTKRASBRAF V600E p.(Gly12Cys) c.35G>T_del ins 0123456789-+:/")
        let special: [String] = ["é", "\"", "\\", "\n", "\u{2028}", "😀", "/", "\t", "\u{01}", "e\u{301}"]
        var s = ""
        for _ in 0..<Int.random(in: 0...14, using: &rng) {
            if !plain, Int.random(in: 0..<6, using: &rng) == 0 { s += special.randomElement(using: &rng) ?? "" }
            else { s.append(ascii.randomElement(using: &rng) ?? "A") }
        }
        return s
    }

    static func randomDouble(_ rng: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return Double(Int.random(in: -1000...1000, using: &rng))
        case 1: return (Double.random(in: 0...1, using: &rng) * 10_000).rounded() / 10_000
        case 2: return [0, -0.0, 5e-324, 1e21, 1e300, Double.greatestFiniteMagnitude, 0.1, 1e-7].randomElement(using: &rng) ?? 0
        default:
            let d = Double(bitPattern: rng.next())
            return d.isFinite ? d : 0.5
        }
    }

    static func randomCall(_ rng: inout SplitMix64, plain: Bool) -> HotspotCall {
        func int() -> Int {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return Int.random(in: 0...5000, using: &rng)
            case 1: return [Int.max, Int.min, -1, 0, 999_999_999_999_999_999, 1_000_000_000_000_000_000].randomElement(using: &rng) ?? 0
            default: return Int(truncatingIfNeeded: rng.next())
            }
        }
        func maybe<T>(_ v: T) -> T? { Bool.random(using: &rng) ? v : nil }
        return HotspotCall(name: randomText(&rng, plain: plain), gene: randomText(&rng, plain: plain), chrom: randomText(&rng, plain: plain),
                           pos: int(), ref: randomText(&rng, plain: plain), alt: randomText(&rng, plain: plain),
                           hgvsc: randomText(&rng, plain: plain), hgvsp: randomText(&rng, plain: plain),
                           status: statuses.randomElement(using: &rng) ?? .detected, depth: int(), altDepth: int(),
                           vaf: randomDouble(&rng), lod: maybe(randomDouble(&rng)), readDepth: maybe(int()),
                           duplexAltDepth: maybe(int()), duplexDepth: maybe(int()), duplexMinAlt: maybe(int()))
    }

    @Test func generatedListsReadAsCodableDoes() throws {
        var rng = SplitMix64(seed: 20261203)
        for round in 0..<400 {
            let plain = round % 2 == 0
            let calls = (0..<Int.random(in: 0...6, using: &rng)).map { _ in Self.randomCall(&rng, plain: plain) }
            let text = String(decoding: try JSONCoding.encode(calls, .line), as: UTF8.self)
            // g2t's own plain form is read here (strings without escapes).
            Self.check(text, mustRead: plain)
            #expect(Self.reference(text) == calls)
        }
    }

    @Test func thePanelsHotspotsAreRead() throws {
        let report = try Data(contentsOf: URL(fileURLWithPath: TestSupport.root + "/Tests/g2tTests/Golden/DEMO-NSCLC.report.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any])
        let analysis = try #require((object["analysis"] as? [String: Any]) ?? object)
        let hotspots = try #require(analysis["hotspots"] as? [Any])
        #expect(hotspots.count > 10)
        let text = String(decoding: try JSONSerialization.data(withJSONObject: hotspots, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        Self.check(text, mustRead: true)
    }

    static let base = #"{"alt":"T","altDepth":3,"chrom":"chr12","depth":300,"gene":"KRAS","hgvsc":"c.35G>T","hgvsp":"p.(Gly12Val)","lod":0.02,"name":"KRAS G12V","pos":25245350,"ref":"C","status":"detected","vaf":0.01}"#

    @Test func edgeCasesAreCodablesOrRefused() {
        let one = Self.base
        Self.check("[\(one)]", mustRead: true)
        Self.check(" [ \(one) , \(one) ] ", mustRead: true)
        Self.check("[]", mustRead: true)
        let replacements: [(String, String)] = [
            (#""altDepth":3"#, #""altDepth":3.0"#), (#""altDepth":3"#, #""altDepth":3e0"#), (#""altDepth":3"#, #""altDepth":-0"#),
            (#""altDepth":3"#, #""altDepth":-3"#), (#""altDepth":3"#, #""altDepth":9223372036854775807"#),
            (#""altDepth":3"#, #""altDepth":9223372036854775808"#), (#""altDepth":3"#, #""altDepth":-9223372036854775808"#),
            (#""altDepth":3"#, #""altDepth":"3""#), (#""altDepth":3"#, #""altDepth":null"#), (#""altDepth":3,"#, ""),
            (#""lod":0.02"#, #""lod":null"#), (#""lod":0.02,"#, ""), (#""lod":0.02"#, #""lod":2"#), (#""lod":0.02"#, #""lod":-0"#),
            (#""lod":0.02"#, #""lod":1e400"#), (#""lod":0.02"#, #""lod":"x""#), (#""lod":0.02"#, #""lod":12345678901234567890123"#),
            (#""vaf":0.01"#, #""vaf":null"#), (#""vaf":0.01"#, #""vaf":1E-2"#), (#""vaf":0.01"#, #""vaf":01"#),
            (#""gene":"KRAS""#, #""gene":"K\u0052AS""#), (#""gene":"KRAS""#, #""gene":"KR\"AS""#), (#""gene":"KRAS""#, #""gene":"KRÄS""#),
            (#""gene":"KRAS""#, #""gene":null"#), (#""gene":"KRAS""#, #""gene":7"#), (#""gene":"KRAS","#, ""),
            (#""status":"detected""#, #""status":"unknown""#), (#""status":"detected""#, #""status":"low-coverage""#),
            (#""status":"detected""#, #""status":"not-detected""#), (#""status":"detected""#, #""status":"detect\u0065d""#),
            (#""pos":25245350"#, #""pos":25245350,"pos":1"#), (#""alt":"T""#, #""zzz":1,"alt":"T""#), (#""vaf":0.01"#, #""vaf":0.01,"zzz":[1,{"a":null}]"#),
            (#""readDepth":1,"#, ""), (#""pos":"#, #""readDepth":7,"pos":"#), (#""ref":"C","#, #""readDepth":7,"ref":"C","#),
            (#""ref":"C","#, #""readDepth":null,"ref":"C","#), (#""ref":"C","#, #""readDepth":7.5,"ref":"C","#),
            (#""vaf":0.01"#, #""vaf":0.01,"duplexAltDepth":2,"duplexDepth":9,"duplexMinAlt":2"#),
            (#""alt":"T","altDepth":3,"chrom":"chr12","depth":300,"duplexAltDepth":1,"duplexDepth":5,"duplexMinAlt":2,"#, #""alt":"T","altDepth":3,"chrom":"chr12","depth":300,"duplexAltDepth":1,"duplexDepth":5,"duplexMinAlt":2,"#),
            (#"{"alt":"T","#, #"{"a\u006ct":"T","#), (#"{"alt":"T","#, #"{ "alt" : "T" , "#), (#""chrom":"chr12","#, #""chrom":"chr12",,"#),
        ]
        for (old, new) in replacements {
            let edited = one.replacingOccurrences(of: old, with: new)
            Self.check("[\(edited)]")
        }
        // Keys in another order (the tree decoder reads them through its index); not g2t's form.
        Self.check(#"[{"vaf":0.01,"alt":"T","altDepth":3,"chrom":"chr12","depth":300,"gene":"KRAS","hgvsc":"c.35G>T","hgvsp":"p.(Gly12Val)","lod":0.02,"name":"KRAS G12V","pos":25245350,"ref":"C","status":"detected"}]"#)
        for bad in ["", "[", "[\(one)", "[\(one)]]", "[\(one),]", "{}", "[1]", "[null]", "[[]]", "[\(one)] x", "null", #"["a"]"#,
                    "[\(one.dropLast())]", "[\(one.replacingOccurrences(of: "KRAS", with: "K\u{01}AS"))]"] {
            Self.check(bad)
            #expect(Self.plain(bad) == nil, "\(bad)")
        }
    }

    @Test func asciiCodonLabelsAreTheCharacterWalks() {
        for name in ["KRAS G12C", "BRAF V600K (GTG>AAG)", "EGFR E746_A750del (c.2235_2249del)", "NRAS Q61", "KRAS", "", " ", "  KRAS   G12C  x",
                     "KRAS 12", "KRAS G", "A B C", "X\r\nY 1a2", "KRAS G12\r\n", "KRAS \r\n12"] {
            #expect(PanelLimitAssessment.asciiCodonLabel(name) == PanelLimitAssessment.characterCodonLabel(name), "\(name)")
        }
        var rng = SplitMix64(seed: 61)
        let alphabet = Array("AG1 29\r\n.x_(>")
        for _ in 0..<3000 {
            let name = String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "A" })
            #expect(PanelLimitAssessment.asciiCodonLabel(name) == PanelLimitAssessment.characterCodonLabel(name), "\(name.debugDescription)")
        }
        // Not ASCII: the Character walk ("٣" is a number to it, not a digit here).
        for name in ["KRAS G١٢C", "KRÄS G12C", "KRAS G12C é", "é", "KRAS e\u{301}12"] {
            #expect(PanelLimitAssessment.asciiCodonLabel(name) == nil, "\(name)")
            #expect(PanelLimitAssessment.codonLabel(name) == PanelLimitAssessment.characterCodonLabel(name))
        }
    }

    @Test func handWrittenFindingsAreCodablesBytes() throws {
        var rng = SplitMix64(seed: 7)
        let line = SortedJSONEncoder(.line)
        for round in 0..<300 {
            func text() -> String { Self.randomText(&rng, plain: round % 3 == 0) }
            func texts() -> [String] { (0..<Int.random(in: 0...3, using: &rng)).map { _ in text() } }
            let mdr = MDRAssessment(assessed: Bool.random(using: &rng), risk: MDRRisk.allCases.randomElement(using: &rng) ?? .none,
                                    evidence: texts(), notAssessed: texts(), level: text(), sources: texts())
            let informational = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                InformationalFinding(biomarker: text(), matchedBy: text(), statement: text(), level: text(), sources: texts())
            }
            let kb = KnowledgeBaseInfo(name: text(), version: text(), sha256: text(), oncokbDataDate: Bool.random(using: &rng) ? text() : nil)
            let limits = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                PanelLimitFinding(drugs: texts(), genes: texts(), statement: text(), sources: texts(), assessment: Bool.random(using: &rng) ? nil
                    : PanelLimitCodons(codons: (0..<Int.random(in: 0...4, using: &rng)).map { _ in
                        CodonAssessment(gene: text(), codon: text(), depth: Int(truncatingIfNeeded: rng.next()) >> Int.random(in: 0...62, using: &rng),
                                        lod: Bool.random(using: &rng) ? nil : Self.randomDouble(&rng), assessed: Bool.random(using: &rng))
                    }, mutated: texts(), maxLOD: Self.randomDouble(&rng)))
            }
            let hand = try ScoredLine.findingsJSON(mdr: mdr, informational: informational, knowledgeBase: kb, panelLimits: limits)
            #expect(hand.mdr == (try line.encode(mdr)))
            #expect(hand.informational == (try line.encode(informational)))
            #expect(hand.knowledgeBase == (try line.encode(kb)))
            #expect(hand.panelLimits == (try line.encode(limits)))
        }
    }
}
