/// The orders `UMIMoleculeTally.finish` puts a region's families and molecules in, sorted by their ends
/// as one integer and their UMI Strings compared only on equal ends: the tuple comparisons retained and
/// compared the Strings at every step (~270 M instructions over every EGFR target at ~21,300x, branch ug1).
/// `UMISummaryOrderTests` checks both against the plain sorts.
enum UMISummaryOrder {
    /// `families.sorted(by: FamilySummary.precedes)`. Families neither precedes are equal in every field,
    /// so any order of them is that sort's.
    static func families(_ families: [UMIReadStats.FamilySummary]) -> [UMIReadStats.FamilySummary] {
        guard let keys = endKeys(families.lazy.map { ($0.start, $0.end) }) else { return families.sorted(by: UMIReadStats.FamilySummary.precedes) }
        return families.withUnsafeBufferPointer { f in
            keys.withUnsafeBufferPointer { k in
                var order = Array(f.indices)
                order.sort { a, b in k[a] != k[b] ? k[a] < k[b] : UMIReadStats.FamilySummary.precedes(f[a], f[b]) }
                return order.map { f[$0] }
            }
        }
    }

    /// `molecules` stably sorted by (start, end, umi), as `sorted { ($0.start, $0.end, $0.umi) < … }` does
    /// (molecules of equal ends and UMI keep their order: the index decides).
    static func molecules(_ molecules: [ConsensusMolecule]) -> [ConsensusMolecule] {
        guard let keys = endKeys(molecules.lazy.map { ($0.start, $0.end) }) else {
            return molecules.sorted { ($0.start, $0.end, $0.umi) < ($1.start, $1.end, $1.umi) }
        }
        return molecules.withUnsafeBufferPointer { m in
            keys.withUnsafeBufferPointer { k in
                var order = Array(m.indices)
                order.sort { a, b in
                    if k[a] != k[b] { return k[a] < k[b] }
                    if m[a].umi != m[b].umi { return m[a].umi < m[b].umi }
                    return a < b
                }
                return order.map { m[$0] }
            }
        }
    }

    /// Each (start, end) as start · 2^32 + end, which orders as the pair does; nil when a position lies
    /// outside [0, 2^32) (then the callers sort the plain way). No contig is that long.
    static func endKeys<Ends: Collection<(Int, Int)>>(_ ends: Ends) -> [UInt64]? {
        var keys: [UInt64] = []
        keys.reserveCapacity(ends.count)
        for (s, e) in ends {
            guard s >= 0, e >= 0, s <= Int(UInt32.max), e <= Int(UInt32.max) else { return nil }
            keys.append(UInt64(s) &<< 32 | UInt64(e))
        }
        return keys
    }
}
