@testable import HTS
import Testing
import TestSupport

/// The UMI held as base codes (branch ug1) against the String form it replaced, kept here as the
/// reference: every property, the name order, hamming, orientation, and the whole family grouping, on
/// random tags (simplex and duplex, N, lower case, ties, mixed shapes, UMIs too long for the codes).
@Suite struct UMICodesTests {
    static let letters = Array("ACGTNacgtn".utf8)

    /// A random tag value that `UMI.problem(in:)` accepts: halves of `lengths`, any case, N allowed.
    static func tag(_ rng: inout SplitMix64, lengths: [Int]) -> [UInt8] {
        var out: [UInt8] = []
        for (k, n) in lengths.enumerated() {
            if k > 0 { out.append(UInt8(ascii: "-")) }
            for _ in 0..<n { out.append(letters[Int(rng.next() % (rng.next() % 4 == 0 ? 10 : 4))]) }
        }
        return out
    }

    static func randomLengths(_ rng: inout SplitMix64) -> [Int] {
        // Mostly usual lengths; sometimes long (a duplex of 2 × 22 or more does not fit the codes), sometimes 1.
        func one() -> Int { rng.next() % 10 == 0 ? 20 + Int(rng.next() % 30) : 1 + Int(rng.next() % 12) }
        return rng.next() % 2 == 0 ? [one()] : [one(), one()]
    }

    /// The reference: the upper-cased halves as Strings, as `parse` made them before.
    struct Reference: Equatable {
        var first: String
        var second: String?
        init(_ tag: [UInt8]) {
            let upper = String(decoding: tag.map { (97...122).contains($0) ? $0 - 32 : $0 }, as: UTF8.self)
            let halves = upper.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            first = halves[0]
            second = halves.count > 1 ? halves[1] : nil
        }
        init(first: String, second: String?) { self.first = first; self.second = second }
        var name: String { second.map { "\(first)-\($0)" } ?? first }
        var length: Int { first.utf8.count + (second?.utf8.count ?? 0) }
        func oriented(topStrand: Bool) -> Reference {
            guard let s = second, !topStrand else { return self }
            return Reference(first: s, second: first)
        }
        func hamming(_ o: Reference) -> Int? {
            guard first.utf8.count == o.first.utf8.count, (second?.utf8.count ?? -1) == (o.second?.utf8.count ?? -1) else { return nil }
            func d(_ a: String, _ b: String) -> Int { zip(a.utf8, b.utf8).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) } }
            return d(first, o.first) + (second.map { d($0, o.second ?? "") } ?? 0)
        }
    }

    static func parse(_ tag: [UInt8]) -> UMI {
        tag.withUnsafeBufferPointer { UMI.parse(checked: $0) }
    }

    @Test func propertiesEqualTheStringForm() throws {
        var rng = SplitMix64(seed: 0x75_6731)
        var long = 0, lower = 0
        for _ in 0..<5_000 {
            let tag = Self.tag(&rng, lengths: Self.randomLengths(&rng))
            #expect(tag.withUnsafeBufferPointer { UMI.problem(in: $0, maxN: 100) } == nil)
            let u = Self.parse(tag), r = Reference(tag)
            #expect(u.first == r.first && u.second == r.second, "\(r.name)")
            #expect(u.description == r.name && u.length == r.length && u.isDuplex == (r.second != nil))
            #expect(u == UMI(first: r.first, second: r.second))
            #expect(try UMI.parse(String(decoding: tag, as: UTF8.self), maxN: 100).get() == u)
            #expect(tag.withUnsafeBufferPointer { UMI.parse(bytes: $0, maxN: 100) } == .success(u))
            for top in [true, false] {
                #expect(u.oriented(topStrand: top).description == r.oriented(topStrand: top).name)
                #expect(u.oriented(topStrand: top) == UMI(first: r.oriented(topStrand: top).first, second: r.oriented(topStrand: top).second))
            }
            if r.length > UMI.packedLimit { long += 1 }
            if tag.contains(where: { $0 >= 97 }) { lower += 1 }
        }
        #expect(long > 100 && lower > 1_000)
    }

    /// Pairs of related UMIs (one shape, a few bases changed) and unrelated ones: equality, hash,
    /// name order and hamming as the Strings give them.
    @Test func pairsCompareAsTheStrings() {
        var rng = SplitMix64(seed: 0x75_6732)
        var equal = 0, one = 0, otherShape = 0
        for _ in 0..<20_000 {
            let lengths = Self.randomLengths(&rng)
            let a = Self.tag(&rng, lengths: lengths)
            var b = rng.next() % 4 == 0 ? Self.tag(&rng, lengths: Self.randomLengths(&rng)) : a
            for _ in 0..<Int(rng.next() % 3) {
                let i = Int(rng.next() % UInt64(b.count))
                if b[i] != UInt8(ascii: "-") { b[i] = Self.letters[Int(rng.next() % 10)] }
            }
            let ua = Self.parse(a), ub = Self.parse(b), ra = Reference(a), rb = Reference(b)
            #expect((ua == ub) == (ra == rb), "\(ra.name) \(rb.name)")
            if ua == ub { #expect(ua.hashValue == ub.hashValue) }
            #expect(UMI.namePrecedes(ua, ub) == (ra.name < rb.name), "\(ra.name) \(rb.name)")
            #expect(ua.hamming(ub) == ra.hamming(rb), "\(ra.name) \(rb.name)")
            if ra == rb { equal += 1 }
            if ra.hamming(rb) == 1 { one += 1 }
            if ra.hamming(rb) == nil { otherShape += 1 }
        }
        #expect(equal > 1_000 && one > 1_000 && otherShape > 1_000)
    }

    /// `problem(in:)` (eight bytes at a time where it can) answers as the byte-by-byte check on random
    /// tags: clean ones, and ones with a bad byte, a '-' first, last, doubled or twice, too many N.
    @Test func wordCheckEqualsByteCheck() {
        var rng = SplitMix64(seed: 0x75_6734)
        let odd = Array("-ACGTNacgtnXx-\u{0}@[`{".utf8) + [0x80, 0xC1, 0xE1, 0xFF, 0x2D]
        var clean = 0, problems: [UMI.Problem: Int] = [:]
        for _ in 0..<50_000 {
            var tag = Self.tag(&rng, lengths: Self.randomLengths(&rng))
            if rng.next() % 3 == 0 { tag = Array(tag.prefix(Int(rng.next() % 40))) }
            for _ in 0..<Int(rng.next() % 3) where !tag.isEmpty && rng.next() % 2 == 0 {
                tag[Int(rng.next() % UInt64(tag.count))] = odd[Int(rng.next() % UInt64(odd.count))]
            }
            let maxN = Int(rng.next() % 3)
            let byByte = tag.withUnsafeBufferPointer { UMI.problemByteByByte(in: $0, maxN: maxN) }
            #expect(tag.withUnsafeBufferPointer { UMI.problem(in: $0, maxN: maxN) } == byByte, "\(tag)")
            if let byByte { problems[byByte, default: 0] += 1 } else { clean += 1 }
        }
        #expect(clean > 10_000 && problems.count == 3 && problems.values.allSatisfy { $0 > 1_000 }, "\(problems)")
    }

    /// The longest UMI the codes hold and the first that does not: both round-trip and compare.
    @Test func packedLimitEdges() {
        for n in [UMI.packedLimit - 1, UMI.packedLimit, UMI.packedLimit + 1] {
            let f = String(repeating: "T", count: n / 2), s = String(repeating: "N", count: n - n / 2)
            let u = UMI(first: f, second: s), v = UMI(first: f, second: String(s.dropLast()) + "G")
            #expect(u.description == "\(f)-\(s)" && u.oriented(topStrand: false).description == "\(s)-\(f)")
            #expect(u.hamming(v) == 1 && UMI.namePrecedes(v, u) && !UMI.namePrecedes(u, v) && u != v)
        }
    }

    /// `clusteredFamilies` against the grouping done on the Strings alone (keys, counts, the directional rule
    /// in count-then-name order over every pair, representatives, the families' order), on groups with ties
    /// in counts, one-base errors, both strands, lower case and, now and then, more than `pairwiseLimit` UMIs.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func groupingEqualsTheStringForm(seed: UInt64) {
        var rng = SplitMix64(seed: 0x75_6733 &+ seed)
        var merged = 0, many = 0
        for _ in 0..<400 {
            let lengths = seed == 4 ? Self.randomLengths(&rng) : (seed % 2 == 0 ? [6, 6] : [8])
            let pool = (0..<(1 + Int(rng.next() % (rng.next() % 5 == 0 ? 30 : 4)))).map { _ in Self.tag(&rng, lengths: lengths) }
            var tags: [[UInt8]] = [], obs: [UMIObservation] = []
            for _ in 0..<(1 + Int(rng.next() % 50)) {
                var t = pool[Int(rng.next() % UInt64(pool.count))]
                if rng.next() % 6 == 0 {
                    let i = Int(rng.next() % UInt64(t.count))
                    if t[i] != UInt8(ascii: "-") { t[i] = Self.letters[Int(rng.next() % 10)] }
                }
                tags.append(t)
                obs.append(UMIObservation(start: 1_000 + Int(rng.next() % 2), end: 1_160 + Int(rng.next() % 2),
                                          topStrand: rng.next() % 2 == 0, umi: Self.parse(t)))
            }
            let mine = UMIGrouping.clusteredFamilies(obs).map(Row.init)
            let reference = Self.referenceFamilies(obs, tags: tags)
            #expect(Self.ordered(mine) == Self.ordered(reference))
            // In the reference's order by ends and name (families equal in both come in dictionary order).
            #expect(mine.map { "\($0.start) \($0.end) \($0.name)" } == reference.map { "\($0.start) \($0.end) \($0.name)" })
            if reference.count < Set(zip(obs, tags).map { "\($0.0.start) \($0.0.end) \(Reference($0.1).oriented(topStrand: $0.0.topStrand).name)" }).count { merged += 1 }
            if Set(tags.map { Reference($0).name }).count > UMIGrouping.pairwiseLimit { many += 1 }
        }
        #expect(merged > 50 && many > 5)
    }

    struct Row: Equatable {
        var start: Int, end: Int, name: String, members: [Int], top: Int, bottom: Int
        init(_ f: UMIFamily) { self.init(start: f.start, end: f.end, name: f.umi.description, members: f.members, top: f.topCount, bottom: f.bottomCount) }
        init(start: Int, end: Int, name: String, members: [Int], top: Int, bottom: Int) {
            (self.start, self.end, self.name, self.members, self.top, self.bottom) = (start, end, name, members, top, bottom)
        }
    }

    /// A total order: simplex families of one UMI on both strands of one set of ends come in dictionary order.
    static func ordered(_ rows: [Row]) -> [Row] {
        rows.sorted { ($0.start, $0.end, $0.name, $0.members.first ?? -1) < ($1.start, $1.end, $1.name, $1.members.first ?? -1) }
    }

    /// The grouping on Strings only: what `UMIGrouping` did before the codes.
    static func referenceFamilies(_ obs: [UMIObservation], tags: [[UInt8]]) -> [Row] {
        struct Key: Hashable { var start: Int; var end: Int; var strand: Bool? }
        var groups: [Key: [Int]] = [:]
        for (i, o) in obs.enumerated() {
            let duplex = Reference(tags[i]).second != nil
            groups[Key(start: o.start, end: o.end, strand: duplex ? nil : o.topStrand), default: []].append(i)
        }
        var out: [Row] = []
        for (key, members) in groups {
            let oriented = members.map { Reference(tags[$0]).oriented(topStrand: obs[$0].topStrand) }
            var distinct: [Reference] = [], counts: [Int] = []
            for r in oriented {
                if let k = distinct.firstIndex(of: r) { counts[k] += 1 } else { distinct.append(r); counts.append(1) }
            }
            let order = distinct.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : distinct[$0].name < distinct[$1].name }
            var root = Array(repeating: -1, count: distinct.count)
            for r in order where root[r] < 0 {
                root[r] = r
                var queue = [r]
                while let a = queue.popLast() {
                    for b in order where root[b] < 0 && distinct[a].hamming(distinct[b]) == 1 && counts[a] >= 2 * counts[b] - 1 {
                        root[b] = r
                        queue.append(b)
                    }
                }
            }
            var byRoot: [Int: [Int]] = [:]
            for (j, i) in members.enumerated() { byRoot[root[distinct.firstIndex(of: oriented[j]) ?? 0], default: []].append(i) }
            for (r, m) in byRoot {
                let top = m.filter { obs[$0].topStrand }.count
                out.append(Row(start: key.start, end: key.end, name: distinct[r].name, members: m.sorted(), top: top, bottom: m.count - top))
            }
        }
        return out.sorted { ($0.start, $0.end, $0.name) < ($1.start, $1.end, $1.name) }
    }
}

/// `UMISummaryOrder` (branch ug1) puts families and molecules in the order of the plain sorts it replaced.
@Suite struct UMISummaryOrderTests {
    @Test func ordersEqualThePlainSorts() {
        var rng = SplitMix64(seed: 0x6f72_6472)
        let names = ["AAAA-CCCC", "AAAA-CCCG", "ACGT", "TTTT-GGGG", "NAAA-CCCC"]
        var ties = 0
        for round in 0..<300 {
            let n = Int(rng.next() % 400)
            var families: [UMIReadStats.FamilySummary] = [], molecules: [ConsensusMolecule] = []
            for i in 0..<n {
                // Few ends and names, so that ends, names and whole families repeat.
                let start = 5_000 + Int(rng.next() % 6), end = start + 160 + Int(rng.next() % 3)
                let name = names[Int(rng.next() % UInt64(names.count))]
                families.append(.init(umi: name, start: start, end: end, size: 1 + Int(rng.next() % 3),
                                      duplex: rng.next() % 2 == 0, counted: rng.next() % 2 == 0))
                var m = ConsensusMolecule.Recorder(start: start, end: end, umi: name, lo: start, hi: start + 10)
                m.noCall(start + i % 10, covered: true)  // tells equal-keyed molecules apart
                molecules.append(m.finished())
            }
            if round % 50 == 0 { families.reverse() }
            let plainFamilies = families.sorted(by: UMIReadStats.FamilySummary.precedes)
            #expect(UMISummaryOrder.families(families) == plainFamilies)
            let plainMolecules = molecules.sorted { ($0.start, $0.end, $0.umi) < ($1.start, $1.end, $1.umi) }
            #expect(UMISummaryOrder.molecules(molecules) == plainMolecules)
            if Set(molecules.map { "\($0.start) \($0.end) \($0.umi)" }).count < molecules.count { ties += 1 }
        }
        #expect(ties > 200)
        // Ends outside [0, 2^32): the plain sorts themselves.
        let odd = [UMIReadStats.FamilySummary(umi: "A", start: -1, end: 5, size: 1, duplex: false, counted: true),
                   .init(umi: "A", start: -3, end: 5, size: 1, duplex: false, counted: true)]
        #expect(UMISummaryOrder.families(odd) == odd.sorted(by: UMIReadStats.FamilySummary.precedes))
        #expect(UMISummaryOrder.endKeys([(1, 2), (3, 4)]) == [1 << 32 | 2, 3 << 32 | 4])
        #expect(UMISummaryOrder.endKeys([(0, -1)]) == nil)
    }
}

/// `UMIGroupKeyTable` (branch ug1), the window's slots by key, answers as a `Dictionary` does after any
/// sequence of insertions, replacements and removals (a removal's backward shift never cuts a probe run).
@Suite struct UMIGroupKeyTableTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func equalsDictionary(seed: UInt64) {
        var rng = SplitMix64(seed: 0x6b65_7973 &+ seed)
        var table = UMIGroupKeyTable()
        var reference: [UMIGroupKey: Int] = [:]
        // Keys as a region gives them: near starts and ends, every strand, two UMI lengths.
        let pool = (0..<3_000).map { _ -> UMIGroupKey in
            let start = 100_000 + Int(rng.next() % 400)
            let strand: Bool? = [nil, true, false][Int(rng.next() % 3)]
            return UMIGroupKey(start: start, end: start + 150 + Int(rng.next() % 40), strand: strand, umiLength: rng.next() % 8 == 0 ? 10 : 12)
        }
        var removals = 0
        for step in 0..<200_000 {
            let key = pool[Int(rng.next() % UInt64(step < 100_000 ? pool.count : pool.count / 3))]
            switch rng.next() % 10 {
            case 0..<5:
                let slot = Int(rng.next() % 1_000)
                table.set(key, slot)
                reference[key] = slot
            case 5..<8:
                table.remove(key)
                if reference.removeValue(forKey: key) != nil { removals += 1 }
            default:
                #expect(table.find(key) == reference[key])
            }
            #expect(table.count == reference.count)
        }
        for key in pool { #expect(table.find(key) == reference[key]) }
        #expect(removals > 10_000 && reference.count > 100)
    }
}
