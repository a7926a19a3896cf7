import HTS
import TestSupport
import Testing

/// UMI parsing, UMI-tools' directional merging and family grouping, as pure values (no BAM).
@Suite struct UMIParsingTests {
    func parse(_ s: String) -> Result<UMI, UMI.Problem> { UMI.parse(s, maxN: 1) }

    @Test func simplexAndDuplex() throws {
        #expect(try parse("acgtac").get() == UMI(first: "ACGTAC"))
        let d = try parse("AAAA-CCCC").get()
        #expect(d.isDuplex && d.first == "AAAA" && d.second == "CCCC" && d.length == 8)
        // The bottom strand's read pair carries the halves swapped: oriented back to the top strand.
        #expect(try parse("CCCC-AAAA").get().oriented(topStrand: false) == d)
        #expect(d.oriented(topStrand: true) == d)
    }

    @Test func malformedUMIsAreRefusedWithTheirReason() {
        #expect(parse("") == .failure(.empty))
        #expect(parse("AAAA-") == .failure(.empty))
        #expect(parse("AAXA") == .failure(.badCharacter))
        #expect(parse("AA-CC-GG") == .failure(.badCharacter))
        #expect(parse("ANNA") == .failure(.nRich))
        #expect((try? parse("ANAA").get()) == UMI(first: "ANAA"))  // one N is a miscalled base
        #expect(parse("-AAAA") == .failure(.empty))
        #expect(parse("AAÉA") == .failure(.badCharacter))  // non-ASCII, though it upper-cases to a letter
        #expect(parse("AA A") == .failure(.badCharacter))
        #expect((try? parse("aaaa-ccnc").get()) == UMI(first: "AAAA", second: "CCNC"))
    }

    /// The UMI check as plain comparisons (cf8 replaced it with a byte table, pr1 with a branch-free check):
    /// the reference both are tested against.
    static func referenceProblem(_ raw: [UInt8], maxN: Int) -> UMI.Problem? {
        var parts = 1, partLength = 0, anyEmpty = false, bad = false, n = 0
        for b in raw {
            if b == UInt8(ascii: "-") {
                anyEmpty = anyEmpty || partLength == 0
                parts += 1
                partLength = 0
                continue
            }
            partLength += 1
            let upper = (97...122).contains(b) ? b - 32 : b
            if !"ACGTN".utf8.contains(upper) { bad = true }
            if upper == UInt8(ascii: "N") { n += 1 }
        }
        guard !anyEmpty, partLength > 0 else { return .empty }
        guard parts <= 2, !bad else { return .badCharacter }
        guard n <= maxN else { return .nRich }
        return nil
    }

    @Test func tagNames() {
        #expect(UMITag("RX")?.name == "RX")
        #expect(UMITag("B2") != nil)
        #expect(UMITag("2B") == nil && UMITag("RXX") == nil && UMITag("R") == nil)
    }

    /// The per-byte table of `UMI.check` (branch cf8) judges every byte as the comparisons it replaced
    /// did (`referenceProblem`), alone and inside simplex and duplex UMIs, in both entry points.
    @Test func byteTableEqualsTheComparisons() {
        func reference(_ raw: [UInt8], maxN: Int) -> UMI.Problem? { Self.referenceProblem(raw, maxN: maxN) }
        var problems = Set<UMI.Problem?>()
        for b in UInt8(0)...255 {
            for raw in [[b], Array("ACG".utf8) + [b] + Array("T".utf8), Array("AC-".utf8) + [b, b], [b] + Array("N-nA".utf8), Array("acgt".utf8) + [b]] {
                for maxN in [0, 1, 2] {
                    let want = reference(raw, maxN: maxN)
                    let got = raw.withUnsafeBufferPointer { UMI.problem(in: $0, maxN: maxN) }
                    #expect(got == want, "\(raw) maxN \(maxN)")
                    problems.insert(got)
                    let parsed = raw.withUnsafeBufferPointer { UMI.parse(bytes: $0, maxN: maxN) }
                    if case .failure(let p) = parsed { #expect(p == want) } else { #expect(want == nil) }
                    if want == nil, case .success(let umi) = parsed {
                        #expect(umi.description == String(decoding: raw, as: UTF8.self).uppercased())
                        // Checked bytes parse alike without the check (branch mc1).
                        #expect(raw.withUnsafeBufferPointer { UMI.parse(checked: $0) } == umi)
                    }
                }
            }
        }
        // Every verdict was met.
        #expect(problems.count == 4)
    }

    /// The C name handed to `bam_aux_get` is the tag's two bytes and a NUL (branch cf8: no String per read).
    @Test func tagCNames() {
        for name in ["RX", "B2", "ZU", "xy"] {
            guard let tag = UMITag(name) else {
                Issue.record("\(name) should be a tag name")
                continue
            }
            #expect(tag.withCName { String(cString: $0) } == name)
            #expect(tag.withCName { $0[2] } == 0)
        }
        #expect(UMITag.standard.withCName { String(cString: $0) } == "RX")
    }

    @Test func hammingNeedsTheSameShape() {
        #expect(UMI(first: "AAAA").hamming(UMI(first: "AAAT")) == 1)
        #expect(UMI(first: "AAAA", second: "CC").hamming(UMI(first: "AAAT", second: "CG")) == 2)
        #expect(UMI(first: "AAAA").hamming(UMI(first: "AAA")) == nil)
        #expect(UMI(first: "AA", second: "AA").hamming(UMI(first: "AAAA")) == nil)
    }
}

@Suite struct DirectionalMergeTests {
    func u(_ s: String) -> UMI { UMI(first: s) }

    @Test func mergesAlongTheDirectionalRule() {
        // UMI-tools' example shape: AAAT (5) joins AAAA (10) since 10 ≥ 2·5 − 1; AATT (3) joins through
        // AAAT since 5 ≥ 2·3 − 1; CCCC is another molecule.
        let rep = UMIGrouping.directional([u("AAAA"): 10, u("AAAT"): 5, u("AATT"): 3, u("CCCC"): 7])
        #expect(rep[u("AAAT")] == u("AAAA"))
        #expect(rep[u("AATT")] == u("AAAA"))
        #expect(rep[u("CCCC")] == u("CCCC"))
        #expect(Set(rep.values).count == 2)
    }

    @Test func equalCountsOneApartStayApart() {
        // 3 < 2·3 − 1: two molecules whose UMIs happen to differ at one base, not an error of one another.
        let rep = UMIGrouping.directional([u("ACGT"): 3, u("ACGA"): 3])
        #expect(rep[u("ACGT")] == u("ACGT") && rep[u("ACGA")] == u("ACGA"))
        // The boundary itself merges: 5 ≥ 2·3 − 1.
        let edge = UMIGrouping.directional([u("ACGT"): 5, u("ACGA"): 3])
        #expect(edge[u("ACGA")] == u("ACGT"))
        // Two mismatches never merge, whatever the counts.
        #expect(UMIGrouping.directional([u("ACGT"): 100, u("ACTA"): 1])[u("ACTA")] == u("ACTA"))
    }
}

@Suite struct FamilyGroupingTests {
    func obs(_ start: Int, _ end: Int, _ top: Bool, _ umi: String) throws -> UMIObservation {
        UMIObservation(start: start, end: end, topStrand: top, umi: try UMI.parse(umi, maxN: 1).get())
    }

    @Test func duplexStrandsJoinOneMolecule() throws {
        let o = [try obs(100, 267, true, "AAAA-CCCC"), try obs(100, 267, true, "AAAA-CCCC"),
                 try obs(100, 267, false, "CCCC-AAAA"),
                 try obs(100, 268, true, "AAAA-CCCC"),   // other ends: another molecule
                 try obs(100, 267, true, "GGGG-TTTT")]
        let f = UMIGrouping.families(o)
        #expect(f.count == 3)
        let duplex = try #require(f.first { $0.umi == UMI(first: "AAAA", second: "CCCC") && $0.end == 267 })
        #expect(duplex.size == 3 && duplex.isDuplex && duplex.topCount == 2 && duplex.bottomCount == 1)
        #expect(f.filter { $0.size == 1 }.count == 2)
    }

    @Test func simplexStrandsStayApartAndErrorsMerge() throws {
        var o: [UMIObservation] = []
        for _ in 0..<6 { o.append(try obs(10, 180, true, "ACGTAC")) }
        o.append(try obs(10, 180, true, "ACGTAA"))   // a UMI sequencing error of the family above
        for _ in 0..<2 { o.append(try obs(10, 180, false, "ACGTAC")) }  // same UMI, other strand: simplex cannot join them
        let f = UMIGrouping.families(o)
        #expect(f.map(\.size).sorted() == [2, 7])
        #expect(f.allSatisfy { !$0.isDuplex })
    }
}

@Suite struct ConsensusModelTests {
    let model = ConsensusModel(preUMIError: 3.16e-5, postUMIError: 1e-4, minInputQuality: 20, deletionError: 5e-4)
    func o(_ slot: UInt8, _ q: UInt8 = 30) -> ConsensusModel.Observation { .init(slot: slot, quality: q) }

    @Test func agreementGivesAConfidentBaseCappedByThePreUMIError() throws {
        let c = try #require(model.singleStrand(Array(repeating: o(2), count: 6)))
        #expect(c.slot == 2)
        // Six Q30 reads agreeing leave essentially only the pre-UMI (early PCR) error.
        #expect(c.error < 1e-4 && c.error >= model.preUMIError * 0.99)
    }

    @Test func independentSequencingErrorsAreOutvoted() throws {
        // One read of five shows another base at Q30: still the family's base, with a larger error.
        let c = try #require(model.singleStrand([o(1), o(1), o(1), o(3), o(1)]))
        #expect(c.slot == 1)
        let clean = try #require(model.singleStrand(Array(repeating: o(1), count: 5)))
        #expect(c.error > clean.error && c.error < 0.01)
        // One read against one: a coin toss.
        let tie = try #require(model.singleStrand([o(0), o(3)]))
        #expect(tie.error > 0.4)
    }

    @Test func lowQualityAndNBasesAreNotUsed() {
        #expect(model.singleStrand([o(0, 5), o(4)]) == nil)
    }

    @Test func duplexAgreementMultipliesErrorsAndDisagreementKeepsTheBetterStrand() throws {
        let top = Array(repeating: o(0), count: 3), bottom = Array(repeating: o(0), count: 2)
        let both = try #require(model.molecule(top: top, bottom: bottom))
        let single = try #require(model.singleStrand(top))
        #expect(both.slot == 0 && both.error < single.error * 0.01)
        // An early PCR error on one strand only: the strands disagree, and the molecule is uncertain.
        let split = try #require(model.molecule(top: Array(repeating: o(0), count: 4), bottom: Array(repeating: o(3), count: 4)))
        #expect(split.error > 0.1)
    }

    /// An ambiguous molecule is masked above `maxConsensusError` (fgbio's FilterConsensusReads), so it
    /// cannot raise the mean error of the molecules that carry an allele; a confident one is kept,
    /// and a singleton read at the minimum base quality (Q20: consensus error 0.0101) is kept.
    @Test func ambiguousMoleculesAreMaskedAboveTheBound() throws {
        var masking = model
        masking.maxConsensusError = 0.02  // CallingParameters.UMIConsensus's default
        let split = (top: Array(repeating: o(0), count: 4), bottom: Array(repeating: o(3), count: 4))
        #expect(model.molecule(top: split.top, bottom: split.bottom) != nil)
        #expect(masking.molecule(top: split.top, bottom: split.bottom) == nil)
        #expect(masking.molecule(top: [o(2), o(2)], bottom: [o(2)])?.slot == 2)
        let q20 = try #require(masking.molecule(top: [o(1, 20)], bottom: []))
        #expect(q20.slot == 1 && q20.error <= masking.maxConsensusError)
    }
}

/// The bucket index finds the same clusters as comparing every pair, on UMI sets shaped like real
/// amplicon data (a few hundred true UMIs with many one-base errors of them, counts spread so the
/// directional rule cuts both ways), simplex and duplex, with N bases and mixed lengths.
@Suite struct DirectionalIndexTests {
    func randomSet(seed: UInt64, molecules: Int, duplex: Bool, mixedLengths: Bool) -> [UMI: Int] {
        var rng = SplitMix64(seed: seed)
        let letters = Array("ACGTN".utf8)
        func base() -> UInt8 { letters[Int(rng.next() % (rng.next() % 50 == 0 ? 5 : 4))] }
        var counts: [UMI: Int] = [:]
        for _ in 0..<molecules {
            let n = mixedLengths && rng.next() % 5 == 0 ? 5 : 6
            var bases = (0..<(duplex ? 2 * n : n)).map { _ in base() }
            func umi(_ b: [UInt8]) -> UMI {
                duplex ? UMI(first: String(decoding: b[..<n], as: UTF8.self), second: String(decoding: b[n...], as: UTF8.self))
                       : UMI(first: String(decoding: b, as: UTF8.self))
            }
            counts[umi(bases), default: 0] += 1 + Int(rng.next() % 20)
            // One-base errors of it, some as frequent as it (so the rule refuses them), chained errors too.
            for _ in 0..<Int(rng.next() % 4) {
                bases[Int(rng.next() % UInt64(bases.count))] = base()
                counts[umi(bases), default: 0] += 1 + Int(rng.next() % 12)
            }
        }
        return counts
    }

    @Test(arguments: [(1 as UInt64, false, false), (2, true, false), (3, false, true), (4, true, true)])
    func indexEqualsPairwiseScan(seed: UInt64, duplex: Bool, mixedLengths: Bool) {
        for (k, molecules) in [3, 10, 40, 300].enumerated() {
            let counts = randomSet(seed: seed * 100 + UInt64(k), molecules: molecules, duplex: duplex, mixedLengths: mixedLengths)
            let pairwise = UMIGrouping.directionalPairwise(counts)
            let indexed = UMIGrouping.directionalIndexed(counts)
            #expect(indexed == pairwise, "seed \(seed) molecules \(molecules): \(counts.count) UMIs")
            // The sets do merge some errors and keep others apart, so both rules are exercised.
            if molecules >= 40 {
                #expect(Set(pairwise.values).count < counts.count)
                #expect(Set(pairwise.values).count > molecules / 2)
            }
        }
    }

    @Test func dispatchUsesTheIndexAboveTheLimit() {
        let big = randomSet(seed: 9, molecules: 60, duplex: false, mixedLengths: false)
        #expect(big.count > UMIGrouping.pairwiseLimit)
        #expect(UMIGrouping.directional(big) == UMIGrouping.directionalPairwise(big))
        let small = [UMI(first: "AAAA"): 10, UMI(first: "AAAT"): 5, UMI(first: "AATT"): 3]
        #expect(UMIGrouping.directional(small) == UMIGrouping.directionalIndexed(small))
    }
}
