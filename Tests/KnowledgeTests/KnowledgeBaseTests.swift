import Foundation
import G2TCore
@testable import Knowledge
import Testing
import TestSupport

@Suite struct KnowledgeBaseTests {
    @Test func bundledIsValidAndHashed() throws {
        let k = try KnowledgeBaseLoader.bundled()
        #expect(k.kb.version == "2027.3")
        #expect(k.sha256.count == 64)
        // The hash is of the file's bytes: the same as sha256sum over the data file.
        let file = TestSupport.root + "/Sources/Knowledge/Data/g2t-kb.json"
        let sum = try TestSupport.run("sha256sum", [file]).stdout.split(separator: " ").first.map(String.init)
        #expect(k.sha256 == sum)
        #expect(try KnowledgeBaseLoader.load(path: file).sha256 == k.sha256)
    }

    /// A knowledge base that breaks a rule is rejected with file, key path and problem.
    @Test(arguments: ["unknown drug", "unknown level", "unknown rule kind", "missing key", "combination cycle",
                      "bad phase", "unknown combination part", "bad context role", "unknown OncoTree code", "mdr thresholds",
                      "negative outside factor", "outside factor above 1", "positive resistance weight", "mdr weight", "alias clash",
                      "bad P-gp status", "setting after unknown drug", "panel limit drug", "unknown SO term",
                      "wild type of an unknown panel limit", "wild type gene outside the limit", "wild type without a limit"])
    func malformedIsRejectedPrecisely(breakage: String) throws {
        let data = try #require(FileManager.default.contents(atPath: TestSupport.root + "/Sources/Knowledge/Data/g2t-kb.json"))
        var kb = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var effects = try #require(kb["effects"] as? [[String: Any]])
        var biomarkers = try #require(kb["biomarkers"] as? [[String: Any]])
        var drugs = try #require(kb["drugs"] as? [[String: Any]])
        let keyPath: String
        switch breakage {
        case "unknown drug":
            effects[10]["drug"] = "osimertinibb"
            keyPath = "effects[10].drug"
        case "unknown level":
            effects[0]["oncokbLevel"] = "9"
            keyPath = "effects[0].oncokbLevel"
        case "unknown rule kind":
            var rule = try #require(biomarkers[0]["rule"] as? [String: Any])
            rule["kind"] = "codonRange"
            biomarkers[0]["rule"] = rule
            keyPath = "biomarkers[0].rule.kind"
        case "combination cycle", "bad phase", "unknown combination part":
            let i = try #require(biomarkers.firstIndex { $0["id"] as? String == "EGFR_T790M_C797S_CIS" })
            var rule = try #require(biomarkers[i]["rule"] as? [String: Any])
            if breakage == "combination cycle" { rule["allOf"] = ["EGFR_T790M", "EGFR_T790M_C797S_CIS"]; keyPath = "biomarkers[\(i)].rule" }
            else if breakage == "bad phase" { rule["phase"] = "same-read"; keyPath = "biomarkers[\(i)].rule.phase" }
            else { rule["allOf"] = ["EGFR_T790M", "EGFR_C797X"]; keyPath = "biomarkers[\(i)].rule" }
            biomarkers[i]["rule"] = rule
        case "wild type of an unknown panel limit", "wild type gene outside the limit", "wild type without a limit":
            let i = try #require(biomarkers.firstIndex { ($0["rule"] as? [String: Any])?["kind"] as? String == "wildType" })
            if breakage == "wild type of an unknown panel limit" {
                biomarkers[i]["rule"] = ["kind": "wildType", "panelLimit": "COADREAD_ANTI_EGFR_RAS"] as [String: Any]
                keyPath = "biomarkers[\(i)].rule.panelLimit"
            } else if breakage == "wild type gene outside the limit" {
                biomarkers[i]["gene"] = "EGFR"
                keyPath = "biomarkers[\(i)].gene"
            } else {
                biomarkers[i]["rule"] = ["kind": "wildType"] as [String: Any]
                keyPath = "biomarkers[\(i)].rule.panelLimit"
            }
        case "unknown SO term":
            // A misspelt term would never match a variant: refused, not silently inert.
            biomarkers[0]["rule"] = ["kind": "exon", "exon": 19, "consequence": "inframe_del"] as [String: Any]
            keyPath = "biomarkers[0].rule.consequence"
        case "bad context role":
            var ctx = try #require(kb["tumorTypeContext"] as? [[String: Any]])
            ctx[1]["role"] = "recommended"
            kb["tumorTypeContext"] = ctx
            keyPath = "tumorTypeContext[1].role"
        case "unknown OncoTree code":
            effects[2]["tumorTypes"] = ["LUNG_ADENO"]
            keyPath = "effects[2].tumorTypes"
        case "mdr thresholds":
            var mdr = try #require(kb["mdr"] as? [String: Any])
            mdr["highCopies"] = 2.5
            kb["mdr"] = mdr
            keyPath = "mdr.highCopies"
        case "negative outside factor", "outside factor above 1", "positive resistance weight":
            var w = try #require(kb["levelWeights"] as? [String: Any])
            if breakage == "positive resistance weight" {
                var o = try #require(w["oncokb"] as? [String: Any])
                o["R1"] = 3.0
                w["oncokb"] = o
                keyPath = "levelWeights.oncokb.R1"
            } else {
                w["outsideTumorTypeFactor"] = breakage == "negative outside factor" ? -100 : 1.5
                keyPath = "levelWeights.outsideTumorTypeFactor"
            }
            kb["levelWeights"] = w
        case "mdr weight":
            var mdr = try #require(kb["mdr"] as? [String: Any])
            mdr["highWeight"] = -2
            kb["mdr"] = mdr
            keyPath = "mdr.highWeight"
        case "alias clash":
            let i = try #require(drugs.firstIndex { $0["name"] as? String == "doxorubicin" })
            drugs[i]["aliases"] = ["ADM", "gefitinib"]
            keyPath = "drugs[\(i)].aliases"
        case "bad P-gp status":
            drugs[0]["pgpSubstrate"] = "maybe"
            keyPath = "drugs[0].pgpSubstrate"
        case "setting after unknown drug":
            let i = try #require(effects.firstIndex { ($0["setting"] as? [String: Any])?["after"] != nil })
            effects[i]["setting"] = ["line": "later-line", "after": ["osimertinibb"]]
            keyPath = "effects[\(i)].setting.after"
        case "panel limit drug":
            var limits = try #require(kb["panelLimits"] as? [[String: Any]])
            limits[0]["drugs"] = ["cetuximabb"]
            kb["panelLimits"] = limits
            keyPath = "panelLimits[0].drugs"
        default:
            drugs[0]["nam"] = drugs[0].removeValue(forKey: "name")
            keyPath = "drugs[0].name"
        }
        kb["effects"] = effects
        kb["biomarkers"] = biomarkers
        kb["drugs"] = drugs
        let path = try TestSupport.tempDir() + "/kb.json"
        try JSONSerialization.data(withJSONObject: kb).write(to: URL(fileURLWithPath: path))
        do {
            _ = try KnowledgeBaseLoader.load(path: path)
            Issue.record("accepted a broken knowledge base (\(breakage))")
        } catch let KnowledgeBaseError.invalid(file, kp, problem) {
            #expect(file == path)
            #expect(kp == keyPath)
            // Rule kinds and phases are closed sets: the message names the accepted values.
            if breakage == "unknown rule kind" { #expect(problem.contains("unknown rule kind 'codonRange'") && problem.contains("wildType"), "\(problem)") }
            if breakage == "bad phase" { #expect(problem.contains("unknown phase 'same-read' (expected cis or trans)"), "\(problem)") }
        }
    }

    /// Every rule kind round-trips through the knowledge-base JSON with its own spelling.
    @Test func ruleKindsRoundTrip() throws {
        let rules: [BiomarkerRule] = [
            .proteinChange(["L858R"]), .inframeDeletion(firstCodon: 729, lastCodon: 761, except: ["L747P"]),
            .inframeInsertion(firstCodon: 762, lastCodon: 823, except: []), .missenseAtCodon(codon: 12, from: "G"),
            .exon(exon: 14, consequence: .spliceDonorVariant), .amplification(minCopies: 5), .overExpression(minTPM: 50),
            .germlineGenotype(rsid: "rs1045642", allele: "A", minCount: 2),
            .combination(allOf: ["A", "B"], noneOf: [], phase: .trans), .wildType(panelLimit: "LIMIT"),
        ]
        #expect(Set(rules.map(\.kind)) == Set(BiomarkerRule.Kind.allCases))
        for r in rules {
            let data = try JSONEncoder().encode(r)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["kind"] as? String == r.kind.rawValue)
            #expect(try JSONDecoder().decode(BiomarkerRule.self, from: data) == r)
        }
        let cis = try JSONDecoder().decode(BiomarkerRule.self, from: Data(#"{"kind":"combination","allOf":["A","B"],"phase":"cis"}"#.utf8))
        #expect(cis == .combination(allOf: ["A", "B"], noneOf: [], phase: .cis))
    }
}

@Suite struct DuplicateKeyTests {
    /// Foundation would keep one value and Python's json the other: a repeated key is refused with its path.
    @Test func duplicateKeysAreRejectedWithTheirPath() throws {
        let text = try String(contentsOfFile: TestSupport.root + "/Sources/Knowledge/Data/g2t-kb.json", encoding: .utf8)
        let twice = text.replacingOccurrences(of: "\"outsideTumorTypeFactor\": 0.5", with: "\"outsideTumorTypeFactor\": 0.5, \"outsideTumorTypeFactor\": 0.9")
        #expect(twice != text)
        let path = try TestSupport.tempDir() + "/dup.json"
        try twice.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try KnowledgeBaseLoader.load(path: path)
            Issue.record("accepted a duplicate key")
        } catch let KnowledgeBaseError.invalid(file, kp, problem) {
            #expect(file == path && kp == "levelWeights" && problem.contains("duplicate key 'outsideTumorTypeFactor'"))
        }
        // The same key in two different objects is fine; escaped quotes inside strings do not confuse the scan.
        let ok = #"{"a": {"k": 1}, "b": {"k": "x\"k\": 2"}, "c": [{"k": 1}, {"k": 2}]}"#
        #expect(DuplicateKeyScanner.firstDuplicate(in: Array(ok.utf8)) == nil)
        let bad = #"{"c": [{"k": 1}, {"k": 2, "k": 3}]}"#
        #expect(DuplicateKeyScanner.firstDuplicate(in: Array(bad.utf8))?.path == "c[1]")
    }

    /// The bundled knowledge base is not scanned for duplicate keys at start-up: this is that scan.
    @Test func bundledHasNoDuplicateKeys() throws {
        let bytes = Array((EmbeddedData.files["g2t-kb.json"] ?? "").utf8)
        #expect(!bytes.isEmpty)
        #expect(DuplicateKeyScanner.firstDuplicate(in: bytes) == nil)
    }
}

@Suite struct BiomarkerMatcherTests {
    func variant(_ short: String, _ consequence: Consequence, gene: String = "EGFR") -> VariantCall {
        var v = VariantCall(gene: gene, chrom: "chr7", pos: 1, ref: "A", alt: "G", vaf: 0.3, depth: 100, altDepth: 30,
                            altForward: 15, altReverse: 15, filter: "PASS")
        v.annotation = VariantAnnotation(transcript: "NM_TEST.1", hgvsc: "c.?", hgvspShort: short, consequence: consequence)
        return v
    }

    @Test func rulesAreProteinLogic() throws {
        let kb = try KnowledgeBaseLoader.bundled().kb
        let ex19 = try #require(kb.biomarker(id: "EGFR_EX19DEL"))
        let l858r = try #require(kb.biomarker(id: "EGFR_L858R"))
        // Any in-frame deletion within exon 19's codons, whatever its exact extent.
        #expect(BiomarkerMatcher.matches(variant("p.E746_A750del", "inframe_deletion"), ex19))
        #expect(BiomarkerMatcher.matches(variant("p.L747_P753delinsS", "inframe_deletion"), ex19))
        #expect(!BiomarkerMatcher.matches(variant("p.E746fs*7", "frameshift_variant"), ex19))
        #expect(!BiomarkerMatcher.matches(variant("p.D770_N771insSVD", "inframe_insertion"), ex19))
        #expect(BiomarkerMatcher.matches(variant("p.L858R", "missense_variant"), l858r))
        #expect(!BiomarkerMatcher.matches(variant("p.L858Q", "missense_variant"), l858r))
        #expect(!BiomarkerMatcher.matches(variant("p.L858R", "missense_variant", gene: "ABCB1"), l858r))
    }
}

@Suite struct CodonRuleTests {
    @Test func anyMissenseAtACodon() throws {
        let rule = KnowledgeBase.Biomarker(id: "G719X", name: "EGFR G719X", gene: "EGFR", rule: .missenseAtCodon(codon: 719, from: "G"))
        func v(_ p: String, _ c: Consequence) -> VariantCall {
            var x = VariantCall(gene: "EGFR", chrom: "chr7", pos: 1, ref: "G", alt: "A", vaf: 0.2, depth: 100, altDepth: 20,
                                altForward: 10, altReverse: 10, filter: "PASS")
            x.annotation = VariantAnnotation(transcript: "NM_TEST.1", hgvsc: "c.?", hgvspShort: p, consequence: c)
            return x
        }
        for p in ["p.G719S", "p.G719A", "p.G719C", "p.G719D"] { #expect(BiomarkerMatcher.matches(v(p, "missense_variant"), rule)) }
        #expect(!BiomarkerMatcher.matches(v("p.G719=", "synonymous_variant"), rule))
        #expect(!BiomarkerMatcher.matches(v("p.G71S", "missense_variant"), rule))
        #expect(!BiomarkerMatcher.matches(v("p.G7190S", "missense_variant"), rule))
        // The rule round-trips through the knowledge-base JSON.
        let data = try JSONEncoder().encode(rule.rule)
        #expect(try JSONDecoder().decode(BiomarkerRule.self, from: data) == rule.rule)
    }
}
