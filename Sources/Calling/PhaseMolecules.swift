import G2TCore
import HTS

/// The molecules the UMI first pass called in each target cluster (`ConsensusMolecule`), kept so that
/// `Phaser` reads each molecule's allele at a pair's sites from them instead of reading the file again
/// (branch ph2: the second read was ~280 M of 2,489 M instructions at ~20,800x raw depth).
package struct PhaseMolecules: Sendable, Equatable {
    package struct Cluster: Sendable, Equatable {
        /// The cluster's span (input contig names): the positions its molecules recorded.
        package var region: GenomicRegion
        package var molecules: [ConsensusMolecule]

        package init(region: GenomicRegion, molecules: [ConsensusMolecule]) {
            self.region = region
            self.molecules = molecules
        }
    }

    package var clusters: [Cluster]

    package init(clusters: [Cluster] = []) { self.clusters = clusters }

    /// For every molecule covering at least one of `sites` on `contig`, its state at each
    /// (`ConsensusMolecule.state(at:)`), ordered by fragment ends and UMI as `UMIGrouping.families`
    /// orders families (then by states: two families can share ends and UMI), so the result does
    /// not depend on the order the clusters were counted in (threads). Each site is read in the
    /// cluster whose span holds it; a molecule counted in two clusters (sites in two clusters, when
    /// `phasing.maxDistance` exceeds the cluster gap) is joined by its ends and UMI.
    package func states(contig: String, sites: [AlleleSite]) -> [[AlleleState]] {
        let home = sites.map { s in
            clusters.firstIndex { $0.region.contig == contig && $0.region.start <= s.position && s.position < $0.region.end }
        }
        var rows: [(start: Int, end: Int, umi: String, states: [AlleleState])] = []
        var rowOf: [MoleculeKey: Int] = [:]
        let joined = Set(home.compactMap { $0 }).count > 1
        for c in Set(home.compactMap { $0 }).sorted() {
            let mine = sites.indices.filter { home[$0] == c }
            // A site reads its anchor and at most the deleted bases or the next base: molecules outside miss it.
            let low = mine.map { sites[$0].position }.min() ?? 0, high = (mine.map { sites[$0].position }.max() ?? 0) + maxSpan(sites, mine)
            // The same key's n-th molecule in each cluster is one row.
            var seen: [MoleculeKey: Int] = [:]
            for m in clusters[c].molecules where m.lo <= high && m.hi > low {
                var key = MoleculeKey(start: m.start, end: m.end, umi: m.umi, occurrence: 0)
                if joined {
                    let n = seen[key, default: 0]
                    seen[key] = n + 1
                    key.occurrence = n
                }
                let r: Int
                if joined, let existing = rowOf[key] {
                    r = existing
                } else {
                    r = rows.count
                    rows.append((m.start, m.end, m.umi, Array(repeating: .notCovered, count: sites.count)))
                    if joined { rowOf[key] = r }
                }
                for s in mine { rows[r].states[s] = m.state(at: sites[s]) }
            }
        }
        return rows.filter { $0.states.contains { $0 != .notCovered } }
            .sorted { a, b in
                if (a.start, a.end, a.umi) != (b.start, b.end, b.umi) { return (a.start, a.end, a.umi) < (b.start, b.end, b.umi) }
                return a.states.map(\.rawValue).lexicographicallyPrecedes(b.states.map(\.rawValue))
            }
            .map(\.states)
    }

    /// The most reference positions past its anchor any of the sites reads.
    private func maxSpan(_ sites: [AlleleSite], _ which: [Int]) -> Int {
        which.map { i -> Int in
            if case .deletion(let length) = sites[i].change { return length }
            return 1
        }.max() ?? 1
    }

    private struct MoleculeKey: Hashable {
        var start: Int
        var end: Int
        var umi: String
        var occurrence: Int
    }
}
