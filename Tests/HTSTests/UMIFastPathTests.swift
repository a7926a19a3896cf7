@testable import HTS
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The shortcuts of UMI mode's hot path (branch umi5) give exactly what the general code gives:
/// the single-family grouping against directional clustering, and the unrolled consensus call
/// against the list version it replaced (kept here verbatim as the reference).
@Suite struct UMIFastPathTests {
    /// A small deterministic generator (SplitMix64), so a failure repeats.
    struct Mix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Groups as the streaming window hands them over (one set of ends), often one clean molecule,
    /// sometimes with a one-base UMI error, a second molecule, swapped duplex halves or mixed strands.
    @Test func singleFamilyShortcutEqualsClustering() {
        var rng = Mix(state: 16)
        let umis = ["ACGTAC-GGTTAA", "ACGTAC-GGTTAT", "TTGCAA-CCAGTA", "ACGTAC", "ACGTAA"]
        var shortcuts = 0, general = 0
        for _ in 0..<4_000 {
            let n = 1 + rng.below(8)
            let mixed = rng.below(3) == 0
            let base = umis[rng.below(umis.count)]
            let obs = (0..<n).map { _ -> UMIObservation in
                let text = mixed ? umis[rng.below(umis.count)] : base
                let halves = text.split(separator: "-").map(String.init)
                let top = rng.below(2) == 0
                // A bottom-strand read pair of a duplex molecule carries the halves swapped.
                let umi = halves.count == 2 ? UMI(first: top ? halves[0] : halves[1], second: top ? halves[1] : halves[0]) : UMI(first: halves[0])
                let end = rng.below(10) == 0 ? 1_167 : 1_160
                return UMIObservation(start: 1_000, end: end, topStrand: top, umi: umi)
            }
            // Compared in a total order: the general path orders families by ends and UMI only, and
            // leaves simplex families of one UMI on both strands in dictionary order (which varies).
            func ordered(_ f: [UMIFamily]) -> [UMIFamily] {
                f.sorted { ($0.start, $0.end, $0.umi.description, $0.members.first ?? -1) < ($1.start, $1.end, $1.umi.description, $1.members.first ?? -1) }
            }
            let fast = UMIGrouping.families(obs)
            #expect(ordered(fast) == ordered(UMIGrouping.clusteredFamilies(obs)), "\(obs)")
            if UMIGrouping.singleFamily(obs) != nil { shortcuts += 1 } else { general += 1 }
        }
        // Both paths were exercised.
        #expect(shortcuts > 500 && general > 500)
        #expect(UMIGrouping.singleFamily([]) == nil)
    }

    /// The per-read check of a tag's bytes (no String) refuses exactly what `parse` of the String
    /// `String(cString:)` makes of them refuses, for the same reason; invalid UTF-8 included; and
    /// `parse(bytes:)` makes the same UMI as `parse`.
    @Test func byteCheckEqualsParse() {
        var rng = Mix(state: 6)
        let alphabet: [UInt8] = Array("ACGTNacgtn-X ".utf8) + [0xC3, 0xA9, 0xFF, 0x80]
        var refused = 0, accepted = 0
        for _ in 0..<20_000 {
            let bytes = (0..<rng.below(15)).map { _ in alphabet[rng.below(alphabet.count)] }
            let text = String(cString: bytes + [0])
            let expected: UMI.Problem? = switch UMI.parse(text, maxN: 1) {
            case .success: nil
            case .failure(let p): p
            }
            let got = bytes.withUnsafeBufferPointer { UMI.problem(in: $0, maxN: 1) }
            #expect(got == expected, "\(bytes)")
            // `parse(bytes:)` (branch umi6) gives the same UMI, or the same problem, as `parse` of the String.
            let fromBytes = bytes.withUnsafeBufferPointer { UMI.parse(bytes: $0, maxN: 1) }
            #expect(fromBytes == UMI.parse(text, maxN: 1), "\(bytes)")
            if expected == nil { accepted += 1 } else { refused += 1 }
        }
        #expect(accepted > 100 && refused > 100)
    }

    /// `UMI.problem` without a branch per byte (branch pr1) against the per-part form it replaced, kept
    /// here as the reference: every string of up to 7 bytes over a base, an N, a lower-case n, a bad byte
    /// and '-', so every placement of dashes (leading, trailing, doubled, three parts) meets every verdict.
    @Test func branchFreeCheckEqualsPerPartCheck() {
        func reference(_ raw: [UInt8], maxN: Int) -> UMI.Problem? { UMIParsingTests.referenceProblem(raw, maxN: maxN) }
        let alphabet = Array("AN-nX".utf8)
        var verdicts: [UMI.Problem?: Int] = [:]
        var strings: [[UInt8]] = [[]]
        var all: [[UInt8]] = [[]]
        for _ in 0..<7 {
            strings = strings.flatMap { s in alphabet.map { s + [$0] } }
            all += strings
        }
        for raw in all {
            for maxN in [0, 2] {
                let got = raw.withUnsafeBufferPointer { UMI.problem(in: $0, maxN: maxN) }
                #expect(got == reference(raw, maxN: maxN), "\(String(decoding: raw, as: UTF8.self)) maxN \(maxN)")
                verdicts[got, default: 0] += 1
            }
        }
        // Acceptance and the three refusals a tag's bytes can earn (a wrong length is judged per region) were
        // each met many times.
        #expect(verdicts.count == 4 && verdicts.values.allSatisfy { $0 > 100 })
    }

    /// The consensus call as it was written before unrolling (arrays of likelihoods and candidates).
    static func listCall(_ table: ConsensusModel.Table, _ e: ConsensusModel.Evidence, model: ConsensusModel) -> ConsensusModel.Call? {
        guard e.used > 0 else { return nil }
        let l = e.logL
        let logL = [l.0, l.1, l.2, l.3, l.4, l.5]
        let candidates = [0, 1, 2, 3, 5]
        let best = candidates.max { logL[$0] < logL[$1] || (logL[$0] == logL[$1] && $0 > $1) } ?? 0
        let total = candidates.reduce(0.0) { $0 + exp(logL[$1] - logL[best]) }
        let error = max(0, 1 - 1 / total)
        return ConsensusModel.Call(slot: UInt8(best), error: ConsensusModel.twoTrials(error, model.preUMIError))
    }

    @Test func unrolledCallEqualsListCall() {
        let model = ConsensusModel(preUMIError: 3.16e-5, postUMIError: 1e-4, minInputQuality: 20, deletionError: 5e-4)
        let table = ConsensusModel.Table(model)
        var rng = Mix(state: 797)
        var ties = 0
        for _ in 0..<20_000 {
            var e = ConsensusModel.Evidence()
            // Few reads of few qualities, so equal likelihoods (ties) occur often.
            for _ in 0..<rng.below(7) {
                table.add(slot: UInt8(rng.below(6)), quality: [20, 30, 37, 93][rng.below(4)], to: &e)
            }
            let l = e.logL
            if l.0 == l.1 || l.1 == l.2 || l.0 == l.5 { ties += 1 }
            let new = table.call(e), old = Self.listCall(table, e, model: model)
            #expect(new?.slot == old?.slot && new?.error.bitPattern == old?.error.bitPattern)
        }
        #expect(ties > 100)
        #expect(table.call(ConsensusModel.Evidence()) == nil)
    }
    /// `fold` (two sums while a column's reads agree) against `add` (five sums per read), bit for bit:
    /// columns of agreeing reads, columns that disagree at the first, a middle or the last read, N,
    /// deletions, uncovered slots and bases below the quality floor.
    @Test func foldedEvidenceEqualsAddedEvidence() {
        let model = ConsensusModel(preUMIError: 3.16e-5, postUMIError: 1e-4, minInputQuality: 20, deletionError: 5e-4)
        let table = ConsensusModel.Table(model)
        var rng = Mix(state: 616)
        var agreeing = 0, mixed = 0
        for _ in 0..<20_000 {
            var plain = ConsensusModel.Evidence()
            var folded = ConsensusModel.FoldedEvidence()
            let usual = UInt8(rng.below(6))
            for _ in 0..<rng.below(30) {
                // Mostly the column's usual slot, sometimes another (0–6) or a low quality.
                let slot = rng.below(8) == 0 ? UInt8(rng.below(7)) : usual
                let quality: UInt8 = [2, 19, 20, 30, 37, 41, 93, 200][rng.below(8)]
                table.add(slot: slot, quality: quality, to: &plain)
                table.fold(slot: slot, quality: quality, into: &folded)
            }
            let e = folded.evidence
            let a = [plain.logL.0, plain.logL.1, plain.logL.2, plain.logL.3, plain.logL.4, plain.logL.5].map(\.bitPattern)
            let b = [e.logL.0, e.logL.1, e.logL.2, e.logL.3, e.logL.4, e.logL.5].map(\.bitPattern)
            #expect(a == b && plain.used == e.used)
            let x = table.call(plain), y = table.call(e)
            #expect(x?.slot == y?.slot && x?.error.bitPattern == y?.error.bitPattern)
            if folded.agreeing == ConsensusModel.FoldedEvidence.mixed { mixed += 1 } else if plain.used > 1 { agreeing += 1 }
        }
        #expect(agreeing > 1_000 && mixed > 1_000)
    }

    /// The pointer kernel that fills a held read's buffer from a match step (`AlignmentFile.fillMatch`)
    /// writes what the per-base loop through `CigarWalk`'s accessors wrote (`baseIndex` of `bam_seqi`,
    /// the quality where it reaches the floor; slot 6 and quality 0, the uncovered fill, below it), on
    /// random packed reads: every base code, qualities 0–93 and 255 (QUAL `*`), odd and even starts.
    @Test func fillMatchEqualsPerBase() {
        var rng = Mix(state: 1_607)
        var kept = 0, dropped = 0
        for _ in 0..<3_000 {
            let length = 1 + rng.below(160)
            let packed = (0..<((length + 1) / 2)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let quals = (0..<length).map { _ in rng.below(20) == 0 ? UInt8(255) : UInt8(rng.below(94)) }
            let query = rng.below(length)
            let count = rng.below(length - query + 1)
            let minBQ = UInt8(rng.below(40))
            // The per-base form, as `moleculeCounts` wrote it before the kernel (buffer pre-filled 6 / 0).
            var wantSlots = [UInt8](repeating: 6, count: count), wantQuals = [UInt8](repeating: 0, count: count)
            for i in 0..<count {
                let q = query + i
                let code = Int((packed[q / 2] >> (q % 2 == 0 ? 4 : 0)) & 15)
                guard quals[q] >= minBQ else { dropped += 1; continue }
                wantSlots[i] = UInt8(AlignmentFile.baseIndex[code])
                wantQuals[i] = quals[q]
                kept += 1
            }
            // Garbage around the written range must stay: the kernel writes `count` bytes and no more.
            var out = [UInt8](repeating: 0xAB, count: 2 * count + 2)
            packed.withUnsafeBufferPointer { p in quals.withUnsafeBufferPointer { qp in out.withUnsafeMutableBufferPointer { o in
                guard let ps = p.baseAddress, let qs = qp.baseAddress, let os = o.baseAddress else { return }
                AlignmentFile.fillMatch(seq: ps, qual: qs, query: query, count: count, minBQ: minBQ, slots: os + 1, qualities: os + 1 + count)
            } } }
            #expect(out[0] == 0xAB && out[2 * count + 1] == 0xAB)
            #expect(Array(out[1..<(1 + count)]) == wantSlots, "slots, query \(query) count \(count)")
            #expect(Array(out[(1 + count)..<(1 + 2 * count)]) == wantQuals, "qualities, query \(query) count \(count)")
        }
        #expect(kept > 10_000 && dropped > 10_000)
    }

    /// `clusteredFamilies` (UMIs numbered per group, clustered by number) gives the families the
    /// dictionary version gave (kept below, clustering through `directionalIndexed`, which this branch
    /// left alone): groups of one to 60 read pairs over a few sets of ends, few UMIs (the pairwise path)
    /// and more than `pairwiseLimit` (the indexed path), one-base errors, duplex and simplex, both strands.
    @Test func clusteredFamiliesEqualsDictionaryVersion() {
        var rng = Mix(state: 2_026)
        let letters: [Character] = ["A", "C", "G", "T", "N"]
        var many = 0
        for round in 0..<2_000 {
            let duplex = rng.below(3) > 0
            let pool = (0..<(1 + rng.below(round % 4 == 0 ? 40 : 4))).map { _ in
                String((0..<6).map { _ in letters[rng.below(4)] }) + (duplex ? "-" + String((0..<6).map { _ in letters[rng.below(4)] }) : "")
            }
            var obs: [UMIObservation] = []
            for _ in 0..<(1 + rng.below(60)) {
                var text = Array(pool[rng.below(pool.count)])
                if rng.below(8) == 0 { text[rng.below(6)] = letters[rng.below(5)] }  // a one-base error
                let halves = String(text).split(separator: "-").map(String.init)
                let top = rng.below(2) == 0
                let umi = halves.count == 2 ? UMI(first: top ? halves[0] : halves[1], second: top ? halves[1] : halves[0]) : UMI(first: halves[0])
                obs.append(UMIObservation(start: 1_000 + rng.below(2), end: 1_160, topStrand: top, umi: umi))
            }
            if Set(obs.map { $0.umi.oriented(topStrand: $0.topStrand) }).count > UMIGrouping.pairwiseLimit { many += 1 }
            // A total order: both leave simplex families of one UMI on both strands of one set of ends in dictionary order.
            func ordered(_ f: [UMIFamily]) -> [UMIFamily] {
                f.sorted { ($0.start, $0.end, $0.umi.description, $0.members.first ?? -1) < ($1.start, $1.end, $1.umi.description, $1.members.first ?? -1) }
            }
            #expect(ordered(UMIGrouping.clusteredFamilies(obs)) == ordered(Self.clusteredFamiliesByDictionary(obs)), "\(obs)")
        }
        #expect(many > 100)
    }

    /// `UMIGrouping.clusteredFamilies` as it was before branch cf7 (dictionaries keyed by UMI).
    static func clusteredFamiliesByDictionary(_ observations: [UMIObservation]) -> [UMIFamily] {
        struct Key: Hashable { var start: Int; var end: Int; var strand: Bool? }
        var groups: [Key: [Int]] = [:]
        for (i, o) in observations.enumerated() {
            groups[Key(start: o.start, end: o.end, strand: o.umi.isDuplex ? nil : o.topStrand), default: []].append(i)
        }
        var out: [UMIFamily] = []
        for (key, members) in groups {
            var counts: [UMI: Int] = [:]
            for i in members { counts[observations[i].umi.oriented(topStrand: observations[i].topStrand), default: 0] += 1 }
            let rep = UMIGrouping.directionalIndexed(counts)
            var byRep: [UMI: [Int]] = [:]
            for i in members {
                let u = observations[i].umi.oriented(topStrand: observations[i].topStrand)
                byRep[rep[u] ?? u, default: []].append(i)
            }
            for (u, m) in byRep {
                let top = m.filter { observations[$0].topStrand }.count
                out.append(UMIFamily(start: key.start, end: key.end, umi: u, members: m.sorted(), topCount: top, bottomCount: m.count - top))
            }
        }
        return out.sorted { ($0.start, $0.end, $0.umi.description) < ($1.start, $1.end, $1.umi.description) }
    }
}
