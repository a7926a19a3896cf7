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
    package static func directional(_ counts: [UMI: Int]) -> [UMI: UMI] {
        let order = counts.keys.sorted { (counts[$0] ?? 0, $1.description) > (counts[$1] ?? 0, $0.description) }
        var representative: [UMI: UMI] = [:]
        for root in order where representative[root] == nil {
            representative[root] = root
            var queue = [root]
            while let a = queue.popLast() {
                let ca = counts[a] ?? 0
                for b in order where representative[b] == nil {
                    guard a.hamming(b) == 1, ca >= 2 * (counts[b] ?? 0) - 1 else { continue }
                    representative[b] = root
                    queue.append(b)
                }
            }
        }
        return representative
    }

    /// The families of `observations`, ordered by start, end and UMI.
    package static func families(_ observations: [UMIObservation]) -> [UMIFamily] {
        if let one = singleFamily(observations) { return [one] }
        return clusteredFamilies(observations)
    }

    /// `families` by the general path (grouping by ends, directional clustering) for every input;
    /// the reference the single-family shortcut is tested against.
    package static func clusteredFamilies(_ observations: [UMIObservation]) -> [UMIFamily] {
        struct Key: Hashable { var start: Int; var end: Int; var strand: Bool? }
        var groups: [Key: [Int]] = [:]
        for (i, o) in observations.enumerated() {
            // Duplex UMIs join both strands of one molecule; simplex UMIs cannot, so strand is part of the key.
            groups[Key(start: o.start, end: o.end, strand: o.umi.isDuplex ? nil : o.topStrand), default: []].append(i)
        }
        var out: [UMIFamily] = []
        for (key, members) in groups {
            var counts: [UMI: Int] = [:]
            for i in members { counts[observations[i].umi.oriented(topStrand: observations[i].topStrand), default: 0] += 1 }
            let rep = directional(counts)
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

    /// Families per size (read pairs): index k holds the families of size k; the last slot, `cap`,
    /// collects every larger one.
    package static func sizeHistogram(_ sizes: [Int], cap: Int) -> [Int] {
        var h = Array(repeating: 0, count: cap + 1)
        for s in sizes where s > 0 { h[min(s, cap)] += 1 }
        return h
    }
}
