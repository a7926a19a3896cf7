import CHTSlib

/// `AlignmentFile.moleculeCounts`'s state while it reads a region in coordinate order: the read pairs
/// of each group of fragment ends are held only until the reads' positions pass the fragments' end
/// (no later read can belong to them: every mate starts before its fragment's end), then the group's
/// families are built, their consensus added to the counts, and the reads let go. Memory therefore
/// follows the reads of the fragments open at one position, not all the reads of a target cluster.
struct UMIMoleculeStream {
    /// Read pairs that can form one family: same fragment ends (for simplex UMIs, same strand).
    /// The UMI length is part of it: only UMIs of the region's usual length are counted, and which
    /// length that is is known only at the end, so each length is counted apart.
    struct GroupKey: Hashable {
        var start: Int
        var end: Int
        var strand: Bool?
        var umiLength: Int
    }

    struct Template {
        var observation: UMIObservation
        var reads: [AlignmentFile.UMIRead]
    }

    /// What the read pairs of one UMI length gave.
    struct Share {
        var counts: RegionCounts
        var families: [UMIReadStats.FamilySummary] = []
        var templates = 0
        var reads = 0
    }

    let region: GenomicRegion
    let options: MoleculeCounting
    let refSlot: [Int]
    let table: ConsensusModel.Table
    private var groups: [GroupKey: [Template]] = [:]
    private var templateOf: [UInt64: (key: GroupKey, index: Int)] = [:]
    private(set) var shares: [Int: Share] = [:]
    /// The smallest fragment end among the held groups.
    private var nextEnd = Int.max
    /// Scratch evidence per position and strand of the family being built (reused: no allocation per family).
    private var evidence: [ConsensusModel.Evidence] = []

    init(region: GenomicRegion, options: MoleculeCounting, refSlot: [Int]) {
        self.region = region
        self.options = options
        self.refSlot = refSlot
        table = ConsensusModel.Table(options.consensus)
    }

    /// Adds one read; `observation` is used when it is the first read of its template seen.
    mutating func add(_ read: AlignmentFile.UMIRead, observation: @autoclosure () -> UMIObservation) {
        if let (key, i) = templateOf[read.name] {
            // Mates carry the same tag; the first one read names the template.
            groups[key]?[i].reads.append(read)
            shares[key.umiLength]?.reads += 1
            return
        }
        let o = observation()
        // Duplex UMIs join both strands of one molecule; simplex UMIs cannot, so strand is part of the key.
        let key = GroupKey(start: o.start, end: o.end, strand: o.umi.isDuplex ? nil : o.topStrand, umiLength: o.umi.length)
        templateOf[read.name] = (key, groups[key, default: []].count)
        groups[key, default: []].append(Template(observation: o, reads: [read]))
        shares[key.umiLength, default: Share(counts: RegionCounts(region: region))].templates += 1
        shares[key.umiLength]?.reads += 1
        nextEnd = min(nextEnd, key.end)
    }

    /// Finishes every group whose fragments end at or before `position` (the next read's start).
    mutating func advance(to position: Int) {
        guard position >= nextEnd else { return }
        let done = groups.keys.filter { $0.end <= position }
        for key in done { finish(key) }
        nextEnd = groups.keys.lazy.map(\.end).min() ?? Int.max
    }

    /// Finishes every group still held (the region's reads are all read).
    mutating func finishAll() {
        for key in Array(groups.keys) { finish(key) }
        nextEnd = Int.max
    }

    private mutating func finish(_ key: GroupKey) {
        guard let templates = groups.removeValue(forKey: key) else { return }
        for t in templates { for r in t.reads.prefix(1) { templateOf[r.name] = nil } }
        guard var share = shares.removeValue(forKey: key.umiLength) else { return }
        addFamilies(of: templates, to: &share)
        shares[key.umiLength] = share
    }

    /// Builds the group's families (`UMIGrouping`) and adds each counted family's consensus molecule.
    private mutating func addFamilies(of templates: [Template], to share: inout Share) {
        let start = region.start, end = region.end
        let stride = RegionCounts.fieldsPerPosition
        for fam in UMIGrouping.families(templates.map(\.observation)) {
            let counted = fam.size >= options.minFamilySize && (!options.requireDuplex || fam.isDuplex)
            share.families.append(.init(umi: fam.umi.description, start: fam.start, end: fam.end, size: fam.size, duplex: fam.isDuplex, counted: counted))
            guard counted else { continue }
            let lo = max(start, fam.start), hi = min(end, fam.end)
            guard lo < hi else { continue }
            // Evidence per position: index 2·(p − lo) the top strand, + 1 the bottom strand.
            evidence.removeAll(keepingCapacity: true)
            evidence.append(contentsOf: repeatElement(ConsensusModel.Evidence(), count: 2 * (hi - lo)))
            var indelVotes: [RegionCounts.IndelKey: Int] = [:]
            evidence.withUnsafeMutableBufferPointer { ev in
                for m in fam.members {
                    let t = templates[m]
                    let strand = t.observation.topStrand ? 0 : 1
                    for r in t.reads {
                        let from = max(lo, r.refStart), to = min(hi, r.refStart + r.slots.count)
                        if from < to {
                            for p in from..<to {
                                let k = p - r.refStart
                                let slot = r.slots[k]
                                guard slot != 6 else { continue }
                                table.add(slot: slot, quality: r.quals[k], to: &ev[2 * (p - lo) + strand])
                            }
                        }
                        if !r.indels.isEmpty { for key in Set(r.indels) { indelVotes[key, default: 0] += 1 } }
                    }
                }
            }
            let forward = fam.topCount >= fam.bottomCount
            let strandOffset = forward ? 0 : 1
            for p in lo..<hi {
                guard let call = table.molecule(top: evidence[2 * (p - lo)], bottom: evidence[2 * (p - lo) + 1]) else { continue }
                let o = (p - start) * stride
                let slot = Int(call.slot)
                if slot == Int(ConsensusModel.deletion) {
                    share.counts.fields[o + RegionCounts.deletionField + strandOffset] += 1
                    continue
                }
                share.counts.fields[o + 2 * slot + strandOffset] += 1
                if slot < 4 && slot != refSlot[p - start] {
                    share.counts.fields[o + RegionCounts.endDistanceField + slot] += UInt32(min(p - fam.start, fam.end - 1 - p))
                    share.counts.fields[o + RegionCounts.f1r2Field + slot] += forward ? 1 : 0
                    share.counts.fields[o + RegionCounts.errorField + slot] += UInt32(min(1e6, (call.error * 1e6).rounded()))
                }
            }
            // An indel is the molecule's when most of its reads that reach the indel's first changed
            // base (a deleted base, or the base after an insertion's anchor) carry it.
            for (key, votes) in indelVotes {
                var spanning = 0
                for m in fam.members {
                    for r in templates[m].reads {
                        let k = key.anchor + 1 - r.refStart
                        if r.indels.contains(key) || (k >= 0 && k < r.slots.count && r.slots[k] != 6) { spanning += 1 }
                    }
                }
                guard 2 * votes > spanning else { continue }
                share.counts.indels[key, default: .init()].add(reverse: !forward)
            }
        }
    }
}
