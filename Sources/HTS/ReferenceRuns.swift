/// The reference calls of a UMI share's families over runs of positions (`UMIMoleculeStream.addFamilies`), as
/// difference arrays: a run adds one at its first position and takes one off after its last, and `flush` sums
/// them once into the counts. Where a family's reads show only the reference (~98% of its positions), each
/// position's call adds one to the reference slot on the molecule's strand and one to its duplex fields (both
/// strands: the duplex count and the duplex reference slot; one strand: its class): the same whatever the
/// position, so a run stands for its positions' calls. Counts are sums of ones: the order they are added in
/// changes nothing (`UMIMoleculeStream` outputs identical, branch rr1).
struct ReferenceRuns {
    /// A run of positions [from, to) with reference calls of one kind (nil kind: none yet).
    struct Run {
        var kind: MoleculeClass?
        var from = 0
        var to = 0
    }

    /// Six rows of `positions + 1`: the molecule's forward and reverse strand, then one per `MoleculeClass`.
    private var rows: [Int32]
    private let positions: Int
    /// No run added since the last `flush` (nothing to sum).
    private var isEmpty = true

    init(positions: Int) {
        self.positions = positions
        rows = positions > 0 ? Array(repeating: 0, count: 6 * (positions + 1)) : []
    }

    /// Adds `run` (nothing for an empty one): positions are the region's, `regionStart` its first.
    @inline(__always)
    mutating func add(_ run: Run, strandOffset: Int, regionStart: Int) {
        guard let kind = run.kind, run.from < run.to else { return }
        let a = run.from - regionStart, b = run.to - regionStart, n1 = positions + 1
        precondition(a >= 0 && b <= positions, "a reference run outside its region")
        isEmpty = false
        rows.withUnsafeMutableBufferPointer { r in
            r[strandOffset * n1 + a] += 1
            r[strandOffset * n1 + b] -= 1
            r[(2 + kind.rawValue) * n1 + a] += 1
            r[(2 + kind.rawValue) * n1 + b] -= 1
        }
    }

    /// Adds the runs' calls to `counts` (the fields and, when it has them, the duplex fields) and empties the runs:
    /// per position, as `addFamilies` adds one reference call (`refSlot`: each position's reference slot).
    mutating func flush(into counts: inout RegionCounts, refSlot: [Int]) {
        guard !isEmpty else { return }
        let n = positions, n1 = n + 1, stride = RegionCounts.fieldsPerPosition, dStride = RegionCounts.duplexFieldsPerPosition
        let hasDuplex = counts.duplex.count >= n * dStride
        precondition(refSlot.count >= n && counts.fields.count >= n * stride, "reference runs over counts of another region")
        var duplex: [UInt32] = []
        swap(&duplex, &counts.duplex)
        counts.fields.withUnsafeMutableFields { f in duplex.withUnsafeMutableBufferPointer { d in rows.withUnsafeBufferPointer { r in
            var sum = (Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0))
            for i in 0..<n {
                sum.0 += r[i]
                sum.1 += r[n1 + i]
                sum.2 += r[2 * n1 + i]
                sum.3 += r[3 * n1 + i]
                sum.4 += r[4 * n1 + i]
                sum.5 += r[5 * n1 + i]
                guard sum.0 | sum.1 | sum.2 | sum.3 | sum.4 | sum.5 != 0 else { continue }
                let ref = refSlot[i], o = i * stride
                f[o + 2 * ref] += UInt32(sum.0)
                f[o + 2 * ref + 1] += UInt32(sum.1)
                guard hasDuplex else { continue }
                let c = i * dStride
                d[c] += UInt32(sum.2)
                d[c + 1 + ref] += UInt32(sum.2)
                d[c + 4 + MoleculeClass.ss3.rawValue] += UInt32(sum.3)
                d[c + 4 + MoleculeClass.ss2.rawValue] += UInt32(sum.4)
                d[c + 4 + MoleculeClass.ss1.rawValue] += UInt32(sum.5)
            }
        } } }
        swap(&duplex, &counts.duplex)
        // Zeroed in place: the rows keep their room for the runs of a stream that goes on.
        rows.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        isEmpty = true
    }
}
