import CHTSlib

/// `AlignmentFile.moleculeCounts`'s state while it reads a region in coordinate order: the read pairs
/// of each group of fragment ends are held only until every mate the group's templates wait for has
/// been read (`UMIGroupWindow`), then the group's families are built, their consensus added to the
/// counts, and the reads let go. Memory therefore follows the reads of the fragments whose second
/// mate is still to come at one position, not all the reads of a target cluster.
struct UMIMoleculeStream {
    /// One template's reads: usually one or two mates; `more` holds any further read with the same name.
    struct Template {
        var observation: UMIObservation
        var first: AlignmentFile.UMIRead
        var mate: AlignmentFile.UMIRead?
        var more: [AlignmentFile.UMIRead] = []

        /// Each read of the template in the order read.
        @inline(__always)
        func forEachRead(_ body: (AlignmentFile.UMIRead) -> Void) {
            body(first)
            if let m = mate { body(m) }
            for r in more { body(r) }
        }
    }

    /// What the read pairs of one UMI length gave.
    struct Share {
        var counts: RegionCounts
        var families: [UMIReadStats.FamilySummary] = []
        var templates = 0
        var reads = 0
        /// The counted families' consensus inside `region` (`ConsensusMolecule`), for phasing.
        var molecules: [ConsensusMolecule] = []
        /// Reference calls of runs of eight positions and more (`ReferenceRuns`), added to `counts` by `flushRuns`.
        var runs: ReferenceRuns

        init(counts: RegionCounts) {
            self.counts = counts
            runs = ReferenceRuns(positions: max(0, counts.region.length))
        }

        /// Adds the reference runs to the counts (`ReferenceRuns.flush`) and empties them.
        mutating func flushRuns(refSlot: [Int]) {
            runs.flush(into: &counts, refSlot: refSlot)
        }
    }

    let region: GenomicRegion
    /// The extent of the counts: `region`, or it widened (`AlignmentFile.countedRegion`); `refSlot` covers it.
    let counted: GenomicRegion
    let options: MoleculeCounting
    let refSlot: [Int]
    let table: ConsensusModel.Table
    private var window: UMIGroupWindow<Template>
    /// Per UMI length, as `(key, value)` pairs searched in order: a region has one length, rarely a few
    /// (a dictionary look-up per read and a removal and insertion per group were ~5% of a UMI run).
    private(set) var shares: [(key: Int, value: Share)] = []
    /// The scratch buffers of the family being built (reused: no allocation per family).
    private var scratch = FamilyScratch()
    /// `refSlot` as bytes, for the marks' eight-at-a-time compare.
    let refSlot8: [UInt8]
    /// `table.refAlwaysCalled`: positions whose usable bases all agree with the reference need no sums.
    private let refAlwaysCalled: Bool
    /// `table`'s single-strand and molecule calls with their memo (`ConsensusModel.StrandCaller`), kept across families.
    private var caller: ConsensusModel.StrandCaller
    /// The held reads' bytes (`UMIRead.bytes`), released when their group is finished. Not shared: a
    /// stream is used in place by the one tally that owns it (a copy must not be used alongside it).
    let arena = UMIReadArena()

    init(region: GenomicRegion, counted: GenomicRegion? = nil, options: MoleculeCounting, refSlot: [Int]) {
        self.region = region
        self.counted = counted ?? region
        self.options = options
        self.refSlot = refSlot
        table = ConsensusModel.Table(options.consensus)
        caller = ConsensusModel.StrandCaller(table)
        refSlot8 = refSlot.map { (0...5).contains($0) ? UInt8($0) : 5 }
        refAlwaysCalled = table.refAlwaysCalled
        window = UMIGroupWindow(regionStart: region.start)
    }

    /// Adds one read starting at `position` whose mate (if it waits for one) starts at `mateStart`;
    /// `observation` is used when it is the first read of its template seen.
    mutating func add(_ read: AlignmentFile.UMIRead, position: Int, mateStart: Int?, observation: () -> UMIObservation) {
        let length = window.add(name: read.name, position: position, mateStart: mateStart, observation: observation,
                                joined: { t in
                                    if t.mate == nil { t.mate = read } else { t.more.append(read) }
                                },
                                created: { o in Template(observation: o, first: read) })
        func count(_ share: inout Share) {
            share.reads += 1
            if length.isNew { share.templates += 1 }
        }
        count(&shares[share(length.umiLength)].value)
    }

    /// `UMIGroupWindow.prefetch(name:)`.
    @inline(__always)
    func prefetch(name: UInt64) { window.prefetch(name: name) }

    /// The index of the UMI length's share, made when first needed.
    private mutating func share(_ length: Int) -> Int {
        if let i = shares.firstIndex(where: { $0.key == length }) { return i }
        shares.append((length, Share(counts: Self.emptyCounts(counted))))
        return shares.count - 1
    }

    /// Counts with room for the duplex evidence.
    static func emptyCounts(_ region: GenomicRegion) -> RegionCounts {
        var c = RegionCounts(region: region)
        c.allocateDuplex()
        return c
    }

    /// Finishes every group no read from `position` on (the next read's start) can join.
    mutating func advance(to position: Int) {
        while let (key, slot) = window.popFinishedSlot(before: position) { finish(key, slot: slot) }
    }

    /// Finishes every group still held (the region's reads are all read), and adds the reference runs to the counts.
    mutating func finishAll() {
        while let (key, slot) = window.popAnySlot() { finish(key, slot: slot) }
        for i in shares.indices { shares[i].value.flushRuns(refSlot: refSlot) }
    }

    /// Finishes the group just popped from the window's `slot`, then hands its emptied array back for a later group
    /// (`UMIGroupWindow.recycle`): the templates' local copy is gone by then, so the array is emptied in place.
    private mutating func finish(_ key: UMIGroupWindow<Template>.Key, slot: Int) {
        do {
            let templates = window.templates(at: slot)
            finish(key, templates)
        }
        window.recycle(slot)
    }

    /// `finishAll`, then the window's tables and the arena's chunks let go too (their room grows with raw depth):
    /// for a stream that gets no more reads.
    mutating func close() {
        finishAll()
        window = UMIGroupWindow(regionStart: region.start)
        arena.trim()
        scratch = FamilyScratch()
    }

    private mutating func finish(_ key: UMIGroupWindow<Template>.Key, _ templates: [Template]) {
        defer {
            // The group's reads are read no more: their bytes go back to the arena. Through the array's memory and
            // by field: copying a template or a read (`forEachRead`, `if let mate`) retained its arrays, ~2 M times;
            // and the arena loaded once (taken from `self` per read, it was retained and released per read).
            let arena = arena
            templates.withUnsafeBufferPointer { ts in
                guard let base = ts.baseAddress else { return }
                for i in 0..<ts.count {
                    let t = base + i
                    arena.release(t.pointee.first.bytes)
                    if let m = t.pointee.mate?.bytes { arena.release(m) }
                    if !t.pointee.more.isEmpty { for k in t.pointee.more.indices { arena.release(t.pointee.more[k].bytes) } }
                }
            }
        }
        guard let i = shares.firstIndex(where: { $0.key == key.umiLength }) else { return }
        Self.addFamilies(of: templates, to: &shares[i].value, scratch: &scratch, caller: &caller, region: counted,
                         recorded: region.start..<region.end, options: options, table: table, refSlot: refSlot,
                         refSlot8: refSlot8, refAlwaysCalled: refAlwaysCalled)
    }

    /// Builds the group's families (`UMIGrouping`) and adds each counted family's consensus molecule.
    /// `scratch`: the buffers, reused. Static, so that the share is changed in place.
    private static func addFamilies(of templates: [Template], to share: inout Share, scratch: inout FamilyScratch,
                                    caller: inout ConsensusModel.StrandCaller, region: GenomicRegion, recorded: Range<Int>,
                                    options: MoleculeCounting, table: ConsensusModel.Table, refSlot: [Int],
                                    refSlot8: [UInt8], refAlwaysCalled: Bool) {
        let start = region.start, end = region.end, indelEnd = recorded.upperBound
        let stride = RegionCounts.fieldsPerPosition
        let minQuality = table.model.minInputQuality
        // The group's observations in a buffer kept across groups (a new array per group was ~1 allocation in 3).
        scratch.observations.removeAll(keepingCapacity: true)
        templates.withUnsafeBufferPointer { ts in for i in ts.indices { scratch.observations.append(ts[i].observation) } }
        for fam in UMIGrouping.families(scratch.observations) {
            let counted = fam.size >= options.minFamilySize && (!options.requireDuplex || fam.isDuplex)
            share.families.append(.init(umi: fam.umi.description, start: fam.start, end: fam.end, size: fam.size, duplex: fam.isDuplex, counted: counted))
            guard counted else { continue }
            let lo = max(start, fam.start), hi = min(end, fam.end)
            guard lo < hi else { continue }
            var molecule = ConsensusMolecule.Recorder(start: fam.start, end: fam.end, umi: share.families[share.families.count - 1].umi,
                                                      lo: max(lo, recorded.lowerBound), hi: min(hi, recorded.upperBound))
            // Marks per position: index p − lo the top strand, + `width` the bottom strand. Every entry is
            // zero here: the position loop below zeroes each one it reads, and it reads all 2·(hi − lo).
            let width = hi - lo
            if scratch.marks.count < 2 * width { scratch.marks.append(contentsOf: repeatElement(0, count: 2 * width - scratch.marks.count)) }
            var indelVotes: [RegionCounts.IndelKey: Int] = [:]
            scratch.marks.withUnsafeMutableBufferPointer { mk in refSlot8.withUnsafeBufferPointer { r8 in
                // One read's marks into its strand's: positions [from, to) lie inside the read's n slots, the
                // region's reference slots and the strand's `width` marks (lo ≤ from, to ≤ hi).
                func mark(_ r: AlignmentFile.UMIRead, strand: Int) {
                    let n = r.length
                    let from = max(lo, r.refStart), to = min(hi, r.refStart + n)
                    if from < to && r.clean, let m = mk.baseAddress {
                        UMIFamilyMarks.markAgreeing(count: to - from, into: m + (strand * width + from - lo))
                    } else if from < to, let m = mk.baseAddress, let refs = r8.baseAddress {
                        let bases = r.pointer, k = from - r.refStart
                        UMIFamilyMarks.mark(slots: bases + k, qualities: bases + (n + k), refs: refs + (from - start), count: to - from,
                                            minQuality: minQuality, into: m + (strand * width + from - lo))
                    }
                    if !r.indels.isEmpty { for key in Set(r.indels) { indelVotes[key, default: 0] += 1 } }
                }
                for m in fam.members {
                    let strand = templates[m].observation.topStrand ? 0 : 1
                    mark(templates[m].first, strand: strand)
                    if let mate = templates[m].mate { mark(mate, strand: strand) }
                    for r in templates[m].more { mark(r, strand: strand) }
                }
            } }
            // The positions whose likelihoods are summed: a usable base differing from the reference (or a
            // deletion) on either strand; without `refAlwaysCalled`, every position with a usable base.
            scratch.summed.removeAll(keepingCapacity: true)
            scratch.marks.withUnsafeBufferPointer { mk in
                let need = refAlwaysCalled ? UMIFamilyMarks.differs : UMIFamilyMarks.agrees | UMIFamilyMarks.differs
                for i in 0..<width where (mk[i] | mk[width + i]) & need != 0 { scratch.summed.append(lo + i) }
            }
            if !scratch.summed.isEmpty {
                // Evidence per summed position: index 2k the top strand, 2k + 1 the bottom strand, for the k-th
                // summed position. Every entry is empty here: the position loop empties each one it reads.
                let needed = 2 * scratch.summed.count
                if scratch.evidence.count < needed {
                    scratch.evidence.append(contentsOf: repeatElement(ConsensusModel.FoldedEvidence(), count: needed - scratch.evidence.count))
                }
                table.withFolder { folder in scratch.summed.withUnsafeBufferPointer { at in scratch.evidence.withUnsafeMutableBufferPointer { ev in
                    // One read's bases at the summed positions into its strand's evidence: the reads of a family in
                    // member order, so every position sums its reads in the order `Table.add` did.
                    func fold(_ r: AlignmentFile.UMIRead, strand: Int) {
                        let n = r.length
                        let from = max(lo, r.refStart), to = min(hi, r.refStart + n)
                        guard from < to else { return }
                        // The first summed position at or after `from` (positions ascend).
                        var k = 0, high = at.count
                        while k < high {
                            let mid = (k + high) / 2
                            if at[mid] < from { k = mid + 1 } else { high = mid }
                        }
                        guard k < at.count, at[k] < to else { return }
                        // The read's 2·n bytes; i = at[k] − refStart lies in [0, n) (from ≤ at[k] < to).
                        let b = r.pointer
                        while k < at.count && at[k] < to {
                            let i = at[k] - r.refStart
                            let slot = b[i]
                            if slot != 6 { folder.fold(slot: slot, quality: b[n + i], into: &ev[2 * k + strand]) }
                            k += 1
                        }
                    }
                    for m in fam.members {
                        let strand = templates[m].observation.topStrand ? 0 : 1
                        fold(templates[m].first, strand: strand)
                        if let mate = templates[m].mate { fold(mate, strand: strand) }
                        for r in templates[m].more { fold(r, strand: strand) }
                    }
                } } }
            }
            let forward = fam.topCount >= fam.bottomCount
            let strandOffset = forward ? 0 : 1
            // The fields, duplex fields and class alternates written through their memory (one uniqueness check
            // per family, not two index tests and a check per write), moved out of the counts meanwhile. Positions
            // lie in [start, end): every index is inside the region's fields (the duplex fields are allocated for
            // the region by `emptyCounts`; were they not, `addDuplex` would add nothing, as here).
            var fields = CountFields(zeros: 0), duplex: [UInt32] = [], classAlts: [Int: UInt32] = [:]
            swap(&fields, &share.counts.fields)
            swap(&duplex, &share.counts.duplex)
            swap(&classAlts, &share.counts.classAlts)
            var runs = ReferenceRuns(positions: 0)
            swap(&runs, &share.runs)
            let duplexStride = RegionCounts.duplexFieldsPerPosition
            let hasDuplex = duplex.count >= (end - start) * duplexStride
            fields.withUnsafeMutableFields { f in duplex.withUnsafeMutableBufferPointer { dx in
                scratch.marks.withUnsafeMutableBufferPointer { mk in refSlot.withUnsafeBufferPointer { refs in
                scratch.summed.withUnsafeBufferPointer { at in scratch.evidence.withUnsafeMutableBufferPointer { ev in
                    var k = 0  // the next summed position's index in `at`
                    // A one-strand molecule's duplex field (`RegionCounts.addDuplex`): its class by its strand's read pairs.
                    let topOnlyField = 4 + MoleculeClass.oneStrand(pairs: fam.topCount).rawValue
                    let bottomOnlyField = 4 + MoleculeClass.oneStrand(pairs: fam.bottomCount).rawValue
                    // Eight positions at once where none is summed and every one is a reference call of one kind (both
                    // strands, or the top or bottom strand alone: `MoleculeClass`), counted as a run (`ReferenceRuns`):
                    // per position, the branch below was ~40% of this loop's samples at ~21,300x (branch rr1).
                    let topOnly = MoleculeClass.oneStrand(pairs: fam.topCount), bottomOnly = MoleculeClass.oneStrand(pairs: fam.bottomCount)
                    var run = ReferenceRuns.Run(), skipTo = lo
                    defer { runs.add(run, strandOffset: strandOffset, regionStart: start) }
                    for p in lo..<hi {
                        if p < skipTo { continue }
                        if p &+ 8 <= hi, k >= at.count || at[k] >= p &+ 8, let m = mk.baseAddress {
                            let i = p &- lo
                            let t = UnsafeRawPointer(m + i).loadUnaligned(as: UInt64.self)
                            let b = UnsafeRawPointer(m + (width &+ i)).loadUnaligned(as: UInt64.self)
                            let tAll = UMIFamilyMarks.allMarked(t), bAll = UMIFamilyMarks.allMarked(b)
                            let kind: MoleculeClass? = tAll && bAll ? .duplex : tAll && b == 0 ? topOnly : bAll && t == 0 ? bottomOnly : nil
                            if let kind {
                                UnsafeMutableRawPointer(m + i).storeBytes(of: 0, as: UInt64.self)
                                UnsafeMutableRawPointer(m + (width &+ i)).storeBytes(of: 0, as: UInt64.self)
                                if kind == run.kind && run.to == p {
                                    run.to = p &+ 8
                                } else {
                                    runs.add(run, strandOffset: strandOffset, regionStart: start)
                                    run = .init(kind: kind, from: p, to: p &+ 8)
                                }
                                skipTo = p &+ 8
                                continue
                            }
                        }
                        // Read and emptied at once: the scratch is clean when the next family marks into it.
                        let mt = mk[p - lo], mb = mk[width + p - lo]
                        mk[p - lo] = 0
                        mk[width + p - lo] = 0
                        // No read of the family has a usable base at p on either strand: `strands` would call nothing.
                        if mt | mb == 0 {
                            molecule.noCall(p, covered: false)
                            continue
                        }
                        let ref = refs[p - start]
                        guard k < at.count && at[k] == p else {
                            // Every usable base shows the reference (0–3): each strand with one is called the reference
                            // and the molecule passes (`UMIFamilyMarks`); nothing else is counted for a reference call.
                            // `RegionCounts.addDuplex` of these calls, written out: both strands agreeing on the reference
                            // base, or the one strand's class (no class alternate: the base is the reference).
                            if hasDuplex, let d = dx.baseAddress {
                                let cell = d + (p - start) * duplexStride
                                if mt != 0 && mb != 0 {
                                    cell[0] += 1
                                    cell[1 + ref] += 1
                                } else {
                                    cell[mt != 0 ? topOnlyField : bottomOnlyField] += 1
                                }
                            }
                            f[(p - start) * stride + 2 * ref + strandOffset] += 1
                            continue
                        }
                        let top = ev[2 * k], bottom = ev[2 * k + 1]
                        ev[2 * k] = ConsensusModel.FoldedEvidence()
                        ev[2 * k + 1] = ConsensusModel.FoldedEvidence()
                        k += 1
                        let called = caller.strands(top: top, bottom: bottom)
                        guard let call = called.molecule else {
                            molecule.noCall(p, covered: top.used + bottom.used > 0)
                            continue
                        }
                        if hasDuplex, let d = dx.baseAddress {
                            RegionCounts.addDuplex(top: called.top?.slot, bottom: called.bottom?.slot, topPairs: fam.topCount,
                                                   bottomPairs: fam.bottomCount, refSlot: ref, at: p,
                                                   fields: d + (p - start) * duplexStride, classAlts: &classAlts)
                        }
                        let o = (p - start) * stride
                        let slot = Int(call.slot)
                        if slot == Int(ConsensusModel.deletion) {
                            f[o + RegionCounts.deletionField + strandOffset] += 1
                            molecule.note(p, .deleted)
                            continue
                        }
                        f[o + 2 * slot + strandOffset] += 1
                        if slot < 4 && slot != ref {
                            molecule.note(p, ConsensusMolecule.Code(rawValue: call.slot) ?? .noCall)
                            f[o + RegionCounts.endDistanceField + slot] += UInt32(min(p - fam.start, fam.end - 1 - p))
                            f[o + RegionCounts.f1r2Field + slot] += forward ? 1 : 0
                            f[o + RegionCounts.errorField + slot] += UInt32(min(1e6, (call.error * 1e6).rounded()))
                        }
                    }
                } }
                } }
            } }
            swap(&runs, &share.runs)
            swap(&classAlts, &share.counts.classAlts)
            swap(&duplex, &share.counts.duplex)
            swap(&fields, &share.counts.fields)
            // An indel is the molecule's when most of its reads that reach the indel's first changed
            // base (a deleted base, or the base after an insertion's anchor) carry it.
            for (key, votes) in indelVotes {
                var spanning = 0
                for m in fam.members {
                    templates[m].forEachRead { r in
                        let k = key.anchor + 1 - r.refStart
                        // `indelEnd`: a read reaches the changed base only as far as the unwidened region's
                        // reads did (an insertion after its last base), so widened counts vote alike.
                        if r.indels.contains(key) || (key.anchor + 1 < indelEnd && k >= 0 && k < r.length && r.pointer[k] != 6) { spanning += 1 }
                    }
                }
                guard 2 * votes > spanning else { continue }
                share.counts.indels[key, default: .init()].add(reverse: !forward)
                molecule.accept(key)
            }
            if !molecule.isEmpty { share.molecules.append(molecule.finished()) }
        }
    }
}

/// `UMIMoleculeStream`'s per-family scratch buffers, kept across families.
struct FamilyScratch {
    /// `UMIFamilyMarks` per position: the top strand's at p − lo, the bottom strand's `hi − lo` further.
    var marks: [UInt8] = []
    /// The positions whose likelihoods are summed, ascending.
    var summed: [Int] = []
    /// Their evidence: 2k the top strand, 2k + 1 the bottom strand of `summed[k]`.
    var evidence: [ConsensusModel.FoldedEvidence] = []
    /// The group's observations, in template order (`UMIGrouping.families`' input).
    var observations: [UMIObservation] = []
}
