/// One read pair (template) as the family grouping sees it: its fragment ends, its strand and its UMI.
package struct UMIObservation: Sendable, Hashable {
    /// 0-based leftmost position and exclusive end of the fragment (from the mates' positions and TLEN).
    package var start: Int
    package var end: Int
    /// Read 1 on the forward strand (F1R2): the molecule's top strand; otherwise its bottom strand.
    package var topStrand: Bool
    /// The UMI as read from the tag (halves not yet swapped).
    package var umi: UMI

    package init(start: Int, end: Int, topStrand: Bool, umi: UMI) {
        self.start = start
        self.end = end
        self.topStrand = topStrand
        self.umi = umi
    }
}

/// The read pairs of one source molecule.
package struct UMIFamily: Sendable, Equatable {
    package var start: Int
    package var end: Int
    /// The representative (most frequent) UMI, oriented to the top strand.
    package var umi: UMI
    /// Indices of the member observations, ascending.
    package var members: [Int]
    /// Members from the top and from the bottom strand.
    package var topCount: Int
    package var bottomCount: Int

    /// Read pairs in the family.
    package var size: Int { members.count }
    /// Both strands of the molecule were read (only possible with duplex UMIs).
    package var isDuplex: Bool { topCount > 0 && bottomCount > 0 }
}

/// Groups read pairs into families: same fragment ends (and, for simplex UMIs, the same strand),
/// and UMIs joined by UMI-tools' directional rule (Smith, Heger & Sudbery 2017, Genome Research
/// 27:491, "UMI-tools: modeling sequencing errors in Unique Molecular Identifiers…"): UMI B is
/// taken as an error of A when they differ at one base and count(A) ≥ 2·count(B) − 1.
package enum UMIGrouping {
    /// Maps every UMI to its cluster's representative. Clusters grow from the most frequent UMI
    /// (ties: alphabetical, so the result does not depend on hashing) along directed edges A → B.
    ///
    /// A UMI's one-mismatch neighbours are found through buckets of UMIs equal but for one masked
    /// position (UMI-tools does the same for large sets), not by comparing every pair: real amplicon
    /// data puts thousands of UMIs on one pair of fragment ends (SiMSen-Seq PIK3CA, 148,000 reads:
    /// over ten minutes pairwise). Neighbours are taken in the sorted order, so the clusters are the
    /// pairwise scan's exactly (`DirectionalIndexTests`).
    package static func directional(_ counts: [UMI: Int]) -> [UMI: UMI] {
        // Few UMIs (a molecule or two per fragment ends, the cfDNA case): the pairwise scan allocates less.
        counts.count <= pairwiseLimit ? directionalPairwise(counts) : directionalIndexed(counts)
    }

    /// Up to this many UMIs per fragment ends the pairwise scan is used (UMI-tools switches at 25).
    package static let pairwiseLimit = 16

    /// `directional` by comparing every pair of UMIs: quadratic, the reference the index is tested against.
    package static func directionalPairwise(_ counts: [UMI: Int]) -> [UMI: UMI] {
        let umis = Array(counts.keys)
        let roots = directionalRoots(umis, counts: umis.map { counts[$0] ?? 0 })
        var representative: [UMI: UMI] = [:]
        representative.reserveCapacity(umis.count)
        for i in umis.indices { representative[umis[i]] = umis[roots[i]] }
        return representative
    }

    /// The pairwise scan on distinct UMIs given by index (`umis`, their read-pair `counts`): for each
    /// UMI the index of its cluster's representative. Counts and names are read from arrays, each
    /// name made once: the dictionary version looked both up (and made two names) per comparison.
    static func directionalRoots(_ umis: [UMI], counts: [Int]) -> [Int] {
        // Larger count first, then alphabetical (distinct UMIs have distinct names: a total order),
        // names compared through the codes (`UMI.namePrecedes`), no String made.
        let order = umis.indices.sorted { a, b in counts[a] != counts[b] ? counts[a] > counts[b] : UMI.namePrecedes(umis[a], umis[b]) }
        var root = Array(repeating: -1, count: umis.count)
        var queue: [Int] = []  // one array for every root (empty again when its cluster is done)
        queue.reserveCapacity(umis.count)
        for r in order where root[r] < 0 {
            root[r] = r
            queue.append(r)
            while let a = queue.popLast() {
                let ca = counts[a]
                for b in order where root[b] < 0 {
                    guard umis[a].hamming(umis[b]) == 1, ca >= 2 * counts[b] - 1 else { continue }
                    root[b] = r
                    queue.append(b)
                }
            }
        }
        return root
    }

    /// `directional` through the masked-position buckets.
    package static func directionalIndexed(_ counts: [UMI: Int]) -> [UMI: UMI] {
        let umis = Array(counts.keys)
        let count = umis.map { counts[$0] ?? 0 }
        // Rank in the clustering order: larger count first, then alphabetical.
        let order = umis.indices.sorted { a, b in count[a] != count[b] ? count[a] > count[b] : UMI.namePrecedes(umis[a], umis[b]) }
        var rank = Array(repeating: 0, count: umis.count)
        for (r, i) in order.enumerated() { rank[i] = r }
        // Buckets: a UMI's bases (both halves) with one position masked, and its shape (`hamming`
        // compares UMIs of one shape only). Two UMIs share a bucket exactly when they differ at that
        // position alone.
        struct Masked: Hashable { var bases: [UInt8]; var position: Int; var firstLength: Int; var duplex: Bool }
        var buckets: [Masked: [Int]] = [:]
        var keysOf: [[Masked]] = []
        keysOf.reserveCapacity(umis.count)
        for (i, u) in umis.enumerated() {
            let bases = Array(u.first.utf8) + Array((u.second ?? "").utf8)
            let keys = bases.indices.map { p in
                var t = bases
                t[p] = 0
                return Masked(bases: t, position: p, firstLength: u.first.utf8.count, duplex: u.isDuplex)
            }
            keysOf.append(keys)
            for key in keys { buckets[key, default: []].append(i) }
        }
        var root = Array(repeating: -1, count: umis.count)
        for r in order where root[r] < 0 {
            root[r] = r
            var queue = [r]
            while let a = queue.popLast() {
                var joined: [Int] = []
                for key in keysOf[a] {
                    for b in buckets[key] ?? [] where b != a && root[b] < 0 && count[a] >= 2 * count[b] - 1 { joined.append(b) }
                }
                // In the clustering order, as the pairwise scan meets them.
                joined.sort { rank[$0] < rank[$1] }
                for b in joined where root[b] < 0 {
                    root[b] = r
                    queue.append(b)
                }
            }
        }
        var representative: [UMI: UMI] = [:]
        representative.reserveCapacity(umis.count)
        for i in umis.indices { representative[umis[i]] = umis[root[i]] }
        return representative
    }

    /// The families of `observations`, ordered by start, end and UMI.
    package static func families(_ observations: [UMIObservation]) -> [UMIFamily] {
        if let one = singleFamily(observations) { return [one] }
        return clusteredFamilies(observations)
    }

    /// `families` by the general path (grouping by ends, directional clustering) for every input;
    /// the reference the single-family shortcut is tested against.
    ///
    /// Each group's oriented UMIs are numbered once (a linear search while there are few, the cfDNA
    /// case; a dictionary past `pairwiseLimit`) and clustered, counted and split by number: hashing
    /// the UMI's strings three times per read pair was most of this function's cost (branch cf7).
    /// `UMIFastPathTests.clusteredFamiliesEqualsDictionaryVersion` compares it with the dictionary version.
    package static func clusteredFamilies(_ observations: [UMIObservation]) -> [UMIFamily] {
        struct Key: Hashable { var start: Int; var end: Int; var strand: Bool? }
        // Duplex UMIs join both strands of one molecule; simplex UMIs cannot, so strand is part of the key.
        func key(_ o: UMIObservation) -> Key { Key(start: o.start, end: o.end, strand: o.umi.isDuplex ? nil : o.topStrand) }
        // The streaming window hands over one group at a time (its key holds these): then no dictionary.
        let groups: [(key: Key, value: [Int])]
        if let k = observations.first.map(key), observations.allSatisfy({ key($0) == k }) {
            groups = [(k, Array(observations.indices))]
        } else {
            var byKey: [Key: [Int]] = [:]
            for (i, o) in observations.enumerated() { byKey[key(o), default: []].append(i) }
            groups = byKey.map { ($0.key, $0.value) }
        }
        var out: [UMIFamily] = []
        out.reserveCapacity(min(observations.count, pairwiseLimit + 1))  // one group's families, usually (then grown as ever)
        for (key, members) in groups {
            // Distinct oriented UMIs in order of first sight, their counts, and each member's number.
            var distinct: [UMI] = [], counts: [Int] = [], number: [Int] = []
            var index: [UMI: Int] = [:]  // filled once there are more than `pairwiseLimit`
            number.reserveCapacity(members.count)
            // Room for the usual few UMIs at once, where growing them from empty was ~30 M instructions (branch ug1).
            distinct.reserveCapacity(min(members.count, pairwiseLimit + 1))
            counts.reserveCapacity(min(members.count, pairwiseLimit + 1))
            for i in members {
                let u = observations[i].umi.oriented(topStrand: observations[i].topStrand)
                // The linear search written out: `firstIndex(of:)` was a call per read pair, ~107 instructions.
                var found: Int?
                if distinct.count > pairwiseLimit {
                    found = index[u]
                } else {
                    for k in distinct.indices where distinct[k] == u {
                        found = k
                        break
                    }
                }
                if let k = found {
                    counts[k] += 1
                    number.append(k)
                    continue
                }
                number.append(distinct.count)
                distinct.append(u)
                counts.append(1)
                if distinct.count > pairwiseLimit {
                    if index.isEmpty { for (k, d) in distinct.enumerated() { index[d] = k } } else { index[u] = distinct.count - 1 }
                }
            }
            let root: [Int]
            if distinct.count <= pairwiseLimit {
                root = directionalRoots(distinct, counts: counts)
            } else {
                let rep = directionalIndexed(Dictionary(uniqueKeysWithValues: zip(distinct, counts)))
                root = distinct.map { u in rep[u].flatMap { index[$0] } ?? (index[u] ?? 0) }
            }
            // Each family's members with their room reserved (growing them was ~90 M instructions over every EGFR
            // target, branch ug1), ascending as `members` is; its top-strand count on the way.
            var size = Array(repeating: 0, count: distinct.count), top = size
            for (j, i) in members.enumerated() {
                let r = root[number[j]]
                size[r] += 1
                if observations[i].topStrand { top[r] += 1 }
            }
            var byRoot = size.map { n -> [Int] in
                var m: [Int] = []
                m.reserveCapacity(n)
                return m
            }
            for (j, i) in members.enumerated() { byRoot[root[number[j]]].append(i) }
            for (r, m) in byRoot.enumerated() where !m.isEmpty {
                out.append(UMIFamily(start: key.start, end: key.end, umi: distinct[r], members: m, topCount: top[r], bottomCount: m.count - top[r]))
            }
        }
        // By start, end and UMI name (`UMI.namePrecedes`: the names' order without making them).
        return out.sorted { a, b in
            a.start != b.start ? a.start < b.start : a.end != b.end ? a.end < b.end : UMI.namePrecedes(a.umi, b.umi)
        }
    }

    /// The one family of observations that share ends, strand key and oriented UMI (the usual group the
    /// streaming window hands over: a molecule's read pairs without UMI errors), built without the
    /// dictionaries of the general path; nil when they do not, or there are none. Same result as the
    /// general path: one cluster, members in order, the UMI oriented to the top strand.
    static func singleFamily(_ observations: [UMIObservation]) -> UMIFamily? {
        guard let first = observations.first else { return nil }
        let umi = first.umi.oriented(topStrand: first.topStrand)
        var top = 0
        for o in observations {
            guard o.start == first.start, o.end == first.end,
                  o.umi.isDuplex == first.umi.isDuplex, o.umi.isDuplex || o.topStrand == first.topStrand,
                  o.umi.oriented(topStrand: o.topStrand) == umi else { return nil }
            if o.topStrand { top += 1 }
        }
        return UMIFamily(start: first.start, end: first.end, umi: umi, members: Array(observations.indices),
                         topCount: top, bottomCount: observations.count - top)
    }
}
