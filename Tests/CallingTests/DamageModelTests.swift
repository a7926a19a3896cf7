import Calling
import Foundation
import G2TCore
import HTS
import Testing
import TestSupport

/// The per-sample damage model on the FFPE-like samples (TestData/samples/ffpe, scripts/simulate_ffpe.py):
/// C>T/G>A (and G>T/C>A) damage at 1–5% per site, 90% in one pair orientation, damage at the T790M and
/// G719S sites, true SNVs at 2/5/20%, and traps on both sides of the damage and strand-bias tests.
@Suite struct DamageModelTests {
    struct Site: Hashable { var pos: Int; var ref: String; var alt: String; var name: String; var kind: String; var af: Double }

    /// The rows of a truth (or artefacts) VCF the simulator wrote.
    static func sites(_ file: String) throws -> [Site] {
        try TestSupport.readText(TestSupport.testData("samples/ffpe/\(file)")).split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t").map(String.init)
            var info: [String: String] = [:]
            for kv in f[7].split(separator: ";") { let p = kv.split(separator: "="); info[String(p[0])] = String(p[1]) }
            return Site(pos: Int(f[1]) ?? 0, ref: f[3], alt: f[4], name: info["NAME"] ?? "", kind: info["KIND"] ?? "", af: Double(info["AF"] ?? "") ?? 0)
        }
    }

    static let samples = ["ffpe-deam", "ffpe-oxo"]

    @Test(arguments: samples) func noDamageDrivenHotspotCall(sample: String) throws {
        let r = try CallingSetup.counted("ffpe/\(sample)").call()
        let damaged = try Self.sites("\(sample).artefacts.vcf").filter { $0.kind == "damage-hotspot" }
        #expect(damaged.count == 2)
        for s in damaged {
            let h = try #require(r.hotspots.first { $0.pos == s.pos && $0.alt == s.alt }, "\(s.name)")
            #expect(h.altDepth > 0, "the simulated damage at \(s.name) should be seen")
            #expect(h.status != .detected, "\(s.name): damage called as a hotspot")
            let v = r.variants.first { $0.pos == s.pos && $0.alt == s.alt }
            #expect(v.map { !$0.passed } ?? true)
        }
        #expect(!r.hotspots.contains { $0.status == .detected }, "no hotspot is simulated as a real variant")
    }

    @Test(arguments: samples) func trueSNVsAtFivePercentAndAboveAreCalled(sample: String) throws {
        let r = try CallingSetup.counted("ffpe/\(sample)").call()
        let truth = try Self.sites("\(sample).truth.vcf").filter { $0.kind == "snv" && $0.af >= 0.05 }
        #expect(truth.count == 6 && truth.filter { $0.ref == "C" && $0.alt == "T" }.count == 2)
        for s in truth {
            let v = r.variants.first { $0.pos == s.pos && $0.alt == s.alt }
            #expect(v?.passed == true, "\(s.name) \(s.ref)>\(s.alt) at \(s.af): \(v.map { "\($0.filter.text) \($0.altDepth)/\($0.depth)" } ?? "not called")")
        }
    }

    /// At 2% (about 20 fragments at 1000×) chance orientation or strand imbalance can cost a call:
    /// the benchmark measures the rate; here at least three of the four must pass.
    @Test(arguments: samples) func mostTrueSNVsAtTwoPercentAreCalled(sample: String) throws {
        let r = try CallingSetup.counted("ffpe/\(sample)").call()
        let truth = try Self.sites("\(sample).truth.vcf").filter { $0.kind == "snv" && $0.af < 0.05 }
        let called = truth.filter { s in r.variants.contains { $0.pos == s.pos && $0.alt == s.alt && $0.passed } }
        #expect(truth.count == 4 && called.count >= 3, "called \(called.map(\.name)) of \(truth.map(\.name))")
    }

    @Test(arguments: samples) func trapsOnBothSidesOfTheRules(sample: String) throws {
        let r = try CallingSetup.counted("ffpe/\(sample)").call()
        func call(_ name: String, _ file: String) throws -> VariantCall? {
            let s = try #require(try Self.sites(file).first { $0.name == name })
            return r.variants.first { $0.pos == s.pos && $0.alt == s.alt }
        }
        // 80% (not 90–100%) of the damage-like allele's fragments in F1R2: still damage.
        let d = try #require(try call("TRAP_DAMAGE80", "\(sample).artefacts.vcf"))
        #expect(d.filter.failedFilters.contains(.call(.damage)), "\(d.filter.text)")
        #expect((d.damagePosterior ?? 0) > CallingParameters().damage.maxPosterior, "the posterior the filter rests on is reported")
        // About 91% of the alternate reads on one strand: strand_bias.
        let s = try #require(try call("TRAP_STRAND91", "\(sample).artefacts.vcf"))
        #expect(s.filter.failedFilters.contains(.call(.strandBias)), "\(s.filter.text) \(s.altForward)/\(s.altReverse)")
        // A true C>T at 5% on a site damaged at 5% too (fragments ~70% F1R2, a mixture), and a true
        // allele on ~71% forward reads: both pass.
        for name in ["TRUE_ON_DAMAGE", "TRUE_STRAND71"] {
            let v = try #require(try call(name, "\(sample).truth.vcf"), "\(name) not called")
            #expect(v.passed, "\(name): \(v.filter.text)")
            #expect(try #require(v.damagePosterior) <= CallingParameters().damage.maxPosterior)
        }
    }

    /// Everything passing is a simulated true variant: damage sites whose fragments chance leaves near
    /// orientation balance are held back by the class's learned prior (almost every C is damaged).
    @Test(arguments: samples) func noFalsePositives(sample: String) throws {
        let r = try CallingSetup.counted("ffpe/\(sample)").call()
        let truth = Set(try Self.sites("\(sample).truth.vcf").map { "\($0.pos)\($0.alt)" })
        let extra = r.variants.filter { $0.passed && !truth.contains("\($0.pos)\($0.alt)") }
        #expect(extra.isEmpty, "\(extra.map { "\($0.pos) \($0.ref)>\($0.alt) \($0.altDepth)/\($0.depth)" })")
        let filtered = r.variants.filter { $0.filter.failedFilters.contains(.call(.damage)) }
        #expect(filtered.count > 10, "damage should be seen and filtered at many sites, not just fall below the test")
    }

    /// The learned rate is near the simulated mean damage fraction (scripts/simulate_ffpe.py rate).
    @Test(arguments: samples) func damageRateNearTheSimulatedOne(sample: String) throws {
        let r = try CallingSetup.counted("ffpe/\(sample)").call()
        let d = try #require(r.qc.damage)
        let expected = try TestSupport.readText(TestSupport.testData("samples/ffpe/\(sample).damage-rate.tsv")).split(separator: "\n")
        #expect(!expected.isEmpty)
        for line in expected {
            let f = line.split(separator: "\t")
            let artefact = try #require(DamageArtefact(rawValue: String(f[0])))
            let want = try #require(Double(f[1]))
            let got = try #require(d.rate(of: artefact))
            #expect(abs(got.rate - want) <= 0.25 * want, "\(artefact): learned \(got.rate), simulated \(want)")
            #expect(got.orientationShare > 0.8 && got.orientationShare < 0.97, "\(artefact): orientation share \(got.orientationShare) (simulated 0.9)")
            #expect(got.orientation == (artefact == .deamination ? "F1R2" : "F1R2"), "C>T and C>A as simulated: in F1R2 pairs")
        }
        #expect(d.ffpeDamageHigh)
        #expect(d.warnings.contains("FFPE damage high"))
    }

    /// The learned per-class prior is reported: in an FFPE sample nearly every C>T/G>A candidate is
    /// damage (simulated on almost every C), in a clean one the prior stays near the configured neutral one.
    @Test(arguments: samples) func learnedPriorIsReported(sample: String) throws {
        let d = try #require(try CallingSetup.counted("ffpe/\(sample)").call().qc.damage)
        let deamRate = try #require(d.rate(of: .deamination))
        let deam = try #require(deamRate.prior, "prior absent from qc.damage")
        #expect(deam.candidateSites > 50, "C>T/G>A candidates: \(deam.candidateSites)")
        #expect(deam.damage > 0.9, "C>T/G>A prior of damage \(deam.damage)")
        #expect(abs(deam.damage + deam.real - 1) < 0.001 && abs(deam.f1r2 + deam.f2r1 - deam.damage) < 0.0002)
        #expect(deam.f1r2 > deam.f2r1, "damage simulated in F1R2 pairs (as the C/T-strand change)")
        // T>C/A>G is never simulated as damage: its prior of damage stays below the neutral one.
        let tc = try #require(d.classes.first { $0.substitution == "T>C/A>G" }?.prior)
        #expect(tc.damage <= CallingParameters().damage.prior + 0.05, "T>C/A>G prior of damage \(tc.damage)")
        let clean = try #require(try CallingSetup.counted("egfr-ex19del-t790m").call().qc.damage)
        let cleanDeam = try #require(clean.rate(of: .deamination)?.prior)
        #expect(cleanDeam.damage < deam.damage - 0.2, "clean sample C>T/G>A prior \(cleanDeam.damage)")
    }

    @Test func cleanSampleHasNoDamage() throws {
        let d = try #require(try CallingSetup.counted("egfr-ex19del-t790m").call().qc.damage)
        #expect(!d.ffpeDamageHigh && !d.oxidationHigh)
        #expect(try #require(d.rate(of: .deamination)).rate < 0.001)
        #expect(d.classes.count == 6 && d.classes.allSatisfy { $0.fragments > 100_000 })
    }

    @Test func damageFilterInTheVCFAndWarningInTheReport() throws {
        let dir = try TestSupport.tempDir()
        let out = try TestSupport.run(TestSupport.g2tBinary, ["pipeline", TestSupport.testData("samples/ffpe/ffpe-deam.bam"), "--out", dir])
        #expect(out.status == 0, "\(out.stderr)")
        let vcf = dir + "/FFPE-DEAM.g2t.vcf.gz"
        #expect(try TestSupport.run("bcftools", ["view", "-h", vcf]).stdout.contains("##FILTER=<ID=damage,"))
        let damaged = try TestSupport.run("bcftools", ["view", "-H", "-f", "damage", vcf]).stdout
        #expect(damaged.split(separator: "\n").count > 10)
        // The posterior per SNV: INFO DMG, declared, above maxPosterior on every damage-filtered record.
        #expect(try TestSupport.run("bcftools", ["view", "-h", vcf]).stdout.contains("##INFO=<ID=DMG,Number=1,Type=Float,"))
        let dmg = try TestSupport.run("bcftools", ["query", "-i", "FILTER~\"damage\"", "-f", "%INFO/DMG\n", vcf]).stdout
            .split(separator: "\n").map { Double($0) ?? -1 }
        #expect(dmg.count > 10 && dmg.allSatisfy { $0 > 0.5 && $0 <= 1 }, "\(dmg.prefix(5))")
        let json = try TestSupport.readText(dir + "/FFPE-DEAM.report.json")
        #expect(json.contains("\"ffpeDamageHigh\" : true") && json.contains("\"damagePosterior\" : "))
        let html = try TestSupport.readText(dir + "/FFPE-DEAM.report.html")
        #expect(html.contains("FFPE damage high"))
        // The learned prior per class in the JSON and on the QC damage line.
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let classes = try #require(((report["qc"] as? [String: Any])?["damage"] as? [String: Any])?["classes"] as? [[String: Any]])
        let deam = try #require(classes.first { $0["artefact"] as? String == "deamination" }?["prior"] as? [String: Any])
        #expect(try #require(deam["damage"] as? Double) > 0.9 && (deam["candidateSites"] as? Int ?? 0) > 0)
        #expect(html.contains("prior of damage learned from its "), "the HTML QC damage line names the learned prior")
    }
}

/// The two likelihood models on hand-made counts.
@Suite struct DamageLikelihoodTests {
    @Test func strandTestSeparatesOneStrandFromBoth() {
        let ref = RegionCounts.StrandCount(forward: 475, reverse: 475)
        let lod = { (f: Int, r: Int) in StrandBiasTest.lod(alt: .init(forward: f, reverse: r), ref: ref, errorRate: 0.002) }
        #expect(lod(48, 2) > 3)       // 4% on the minor strand
        #expect(lod(40, 10) < 3)      // 20% on the minor strand
        #expect(lod(25, 25) < 0)
        // A site read on one strand only says nothing about strand bias.
        #expect(StrandBiasTest.lod(alt: .init(forward: 30, reverse: 0), ref: .init(forward: 900, reverse: 0), errorRate: 0.002) <= 0.0001)
    }

    @Test func configurationIsValidated() {
        var p = CallingParameters()
        p.damage.maxPosterior = 1
        p.damage.minOrientationShare = 0.4
        p.filters.strandBiasErrorRate = 0
        #expect(Set(p.problems.map(\.keyPath)) == ["damage.maxPosterior", "damage.minOrientationShare", "filters.strandBiasErrorRate"])
        #expect(CallingParameters().problems.isEmpty)
    }
}
