import Foundation
import Testing
import TestSupport

/// Real reads of a commercial ctDNA reference (SeraCare, 5 %), duplex-consensus reads from MSK-ACCESS
/// (TestData/real/seracare-ctdna-5pct/PROVENANCE.md), against MSK's own VEP-annotated PASS calls on
/// the same reads: g2t must find each of the 13 somatic variants, name it as VEP does, count about
/// the reads MSK counted, report the common polymorphism rs1050171 as germline, and nothing else.
@Suite struct RealReferenceStandardTests {
    let g2t = TestSupport.g2tBinary
    let folder = TestSupport.testData("real/seracare-ctdna-5pct/")

    struct Expected { var gene, hgvsc, hgvsp, hgvspShort: String; var altCount, depth: Int }

    func expected() throws -> [Expected] {
        let lines = try TestSupport.readText(folder + "msk-access.PASS.panel-genes.tsv").split(separator: "\n").filter { !$0.hasPrefix("#") }
        let header = try #require(lines.first).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func col(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "no column \(name)") }
        let (g, c, p, s, a, d) = (try col("Hugo_Symbol"), try col("HGVSc"), try col("HGVSp"), try col("HGVSp_Short"), try col("t_alt_count"), try col("t_depth"))
        return try lines.dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Expected(gene: f[g], hgvsc: f[c], hgvsp: f[p], hgvspShort: f[s],
                            altCount: try #require(Int(f[a])), depth: try #require(Int(f[d])))
        }
    }

    @Test func everyReferenceVariantFoundAndNamedAsVEPAndNothingElse() throws {
        let rows = try expected()
        #expect(rows.count == 13)
        let out = try TestSupport.tempDir() + "/o"
        let r = try TestSupport.run(g2t, ["pipeline", folder + "SeraCare_5pct.duplex-consensus.GRCh37.bam", "--tumor-type", "LUAD", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix(".report.json") })
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/" + file))) as? [String: Any])
        let variants = try #require(report["variants"] as? [[String: Any]])
        var matched = Set<String>()
        for e in rows {
            let v = try #require(variants.first { $0["gene"] as? String == e.gene && $0["hgvsc"] as? String == e.hgvsc },
                                 "\(e.gene) \(e.hgvsc) (\(e.hgvspShort)) not reported")
            matched.insert(e.hgvsc)
            #expect(v["hgvsp"] as? String == e.hgvsp, "\(e.gene) \(e.hgvsc): g2t \(v["hgvsp"] ?? "nil"), VEP \(e.hgvsp)")
            #expect(v["hgvspShort"] as? String == e.hgvspShort)
            #expect(v["filter"] as? String == "PASS", "\(e.hgvspShort): \(v["filter"] ?? "nil")")
            #expect(["somatic", "likely-somatic"].contains(v["origin"] as? String ?? ""), "\(e.hgvspShort): \(v["origin"] ?? "nil")")
            // Two callers over the same reads: alt counts within 15 % (or 5 reads) of MSK's (their indel
            // realignment and base-quality floors differ from g2t's).
            let alt = try #require(v["altDepth"] as? Int)
            #expect(abs(alt - e.altCount) <= max(5, e.altCount * 15 / 100), "\(e.hgvspShort): g2t \(alt) alt reads, MSK \(e.altCount)")
        }
        let others = variants.filter { !matched.contains($0["hgvsc"] as? String ?? "") }
        #expect(others.count == 1, "unexpected calls: \(others.map { "\($0["gene"] ?? "") \($0["hgvsc"] ?? "")" })")
        let snp = try #require(others.first { $0["hgvsc"] as? String == "c.2361G>A" })
        #expect(snp["origin"] as? String == "germline" && snp["tier"] as? String == "IV")
    }

    /// Real SiMSen-Seq UMI amplicon reads (TestData/real/simsen-pik3ca-umi): UMI mode switches on by
    /// itself, and E542K, E545K and E545A are called with molecule counts close to an independent count
    /// of the (UMI, fragment ends) groups; every molecule of the amplicon shares its ends (the case the
    /// UMI grouping's bucket index is for).
    @Test func realUMIAmpliconReads() throws {
        let dir = TestSupport.testData("real/simsen-pik3ca-umi/")
        let out = try TestSupport.tempDir() + "/o"
        let r = try TestSupport.run(g2t, ["pipeline", dir + "P001_start.PIK3CA-exon10.GRCh38.RX.bam", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix(".report.json") })
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/" + file))) as? [String: Any])
        let notes = report["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("UMI consensus mode") }, "UMI mode not reported: \(notes)")
        let variants = try #require(report["variants"] as? [[String: Any]])
        let rows = try TestSupport.readText(dir + "expected-molecules.tsv").split(separator: "\n").dropFirst()
        #expect(rows.count == 3)
        for row in rows {
            let f = row.split(separator: "\t").map(String.init)
            let (hgvsc, groups, alt) = (f[1], try #require(Double(f[4])), try #require(Double(f[5])))
            let v = try #require(variants.first { $0["hgvsc"] as? String == hgvsc }, "\(f[0]) not called")
            #expect(v["filter"] as? String == "PASS")
            let depth = try #require(v["depth"] as? Int), altDepth = try #require(v["altDepth"] as? Int)
            // g2t merges one-mismatch UMIs and drops low-quality bases: within 15 % of the exact-UMI groups,
            // and the alt fraction within 0.3 percentage points.
            #expect(abs(Double(depth) - groups) <= 0.15 * groups, "\(f[0]): \(depth) molecules, \(Int(groups)) groups")
            #expect(abs(Double(altDepth) - alt) <= 0.15 * alt, "\(f[0]): \(altDepth) alt molecules, \(Int(alt)) groups")
            #expect(abs(Double(altDepth) / Double(depth) - alt / groups) <= 0.003)
        }
    }
}
