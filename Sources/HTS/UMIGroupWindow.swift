import CHTSlib

/// The read pairs (templates) of a region read in coordinate order, grouped by what can make one UMI
/// family (fragment ends, strand for simplex UMIs, UMI length), each group held only until no later
/// read can join it. A group is done once the reads have passed its start (every later template of
/// those ends would start there) and the start of every mate its templates wait for; at the latest
/// at its fragments' end, as before mates were tracked. Its reads are then handed back and let go.
///
/// What is held is therefore the fragments whose second mate is still to come — about
/// (fragment length − read length) bases of reads rather than a fragment length — so memory still
/// follows the raw depth, at less than half the reads it held before (issue 16).
///
/// Groups that start before the region, and groups of a template met first by its right mate (its
/// left mate ends before the region, or was filtered), wait to their fragments' end: more right
/// mates of the same ends can still come. A template whose left mate inside the region was filtered
/// out after its group closed makes a group of its own (the one case that can differ from holding
/// every read to the end).
struct UMIGroupWindow<Template> {
    typealias Key = UMIGroupKey

    private struct Group {
        var key: Key
        var templates: [Template] = []
        var names: [UInt64] = []
        /// The first read position at which no further read can join.
        var doneAt: Int
        /// Which group held the slot: a heap entry of a group since finished is stale.
        var serial: Int
        var live: Bool
    }

    /// The groups held, by slot (a slot is reused once its group is finished: `freeSlots`), their slots by
    /// key (`UMIGroupKeyTable`), and each held template's slot and index by name (`UMINameTable`): a joining read
    /// costs one probe of the name table and an array index, where the dictionaries keyed by `Key` hashed four words per read.
    private var slots: [Group] = []
    private var freeSlots: [Int] = []
    private var slotOf = UMIGroupKeyTable()
    private var templateOf = UMINameTable()
    /// Emptied templates arrays for new groups (`recycle`).
    private var spareTemplates: [[Template]] = []
    private var serials = 0
    /// `popAny` looks for a live slot from here on (every slot before it is free).
    private var anyFrom = 0
    /// Min-heap of (doneAt, slot, serial); an entry whose group has since moved its `doneAt` later, or was
    /// finished, is stale and skipped.
    private var heap: [(at: Int, slot: Int, serial: Int)] = []
    /// The region's first position: fragments starting before it may have left mates the query never returns.
    let regionStart: Int

    init(regionStart: Int) { self.regionStart = regionStart }

    /// Adds one read of template `name` starting at `position`. `mateStart`: where its mate starts when that mate is still to
    /// come (nil otherwise). A read of a template already held is handed to `joined`; the first read
    /// of a template makes it with `created` from its `observation`.
    mutating func add(name: UInt64, position: Int, mateStart: Int?, observation: () -> UMIObservation,
                      joined: (inout Template) -> Void, created: (UMIObservation) -> Template) -> (isNew: Bool, umiLength: Int) {
        if let place = templateOf.find(name) {
            let s = Int(place.slot)
            joined(&slots[s].templates[Int(place.index)])  // in place: the group's arrays not copied
            return (false, slots[s].key.umiLength)
        }
        let o = observation()
        // Duplex UMIs join both strands of one molecule; simplex UMIs cannot, so strand is part of the key.
        let key = Key(start: o.start, end: o.end, strand: o.umi.isDuplex ? nil : o.topStrand, umiLength: o.umi.length)
        let leftMateUnseen = o.start < regionStart || position > o.start
        let at = leftMateUnseen ? o.end : min(o.end, max(o.start, mateStart ?? o.start) + 1)
        let s = slotOf.find(key) ?? open(key)
        slots[s].templates.append(created(o))
        slots[s].names.append(name)
        templateOf.set(name, .init(slot: Int32(truncatingIfNeeded: s), index: Int32(truncatingIfNeeded: slots[s].templates.count - 1)))
        if at > slots[s].doneAt {
            slots[s].doneAt = at
            push((at, s, slots[s].serial))
        }
        return (true, key.umiLength)
    }

    /// `OpenTable.prefetch` of the held template named `name` (a later `add` looks it up).
    @inline(__always)
    func prefetch(name: UInt64) {
        if !templateOf.isEmpty { templateOf.prefetch(name) }
    }

    /// A new group's slot: a free one, or a new one.
    private mutating func open(_ key: Key) -> Int {
        serials += 1
        let g = Group(key: key, doneAt: Int.min, serial: serials, live: true)
        let s: Int
        if let f = freeSlots.popLast() {
            s = f
            // The names' room kept (`take` emptied it): growing it anew for every group was ~75 M instructions
            // over every EGFR target at ~21,300x (branch ug1).
            var names: [UInt64] = []
            swap(&names, &slots[s].names)
            slots[s] = g
            slots[s].names = names
        } else {
            s = slots.count
            slots.append(g)
        }
        // An emptied templates array with its room, if `recycle` kept one: growing each group's anew was ~150 M
        // instructions there.
        if let spare = spareTemplates.popLast() { slots[s].templates = spare }
        anyFrom = min(anyFrom, s)
        slotOf.set(key, s)
        return s
    }

    /// A group no read at or after `position` can join, or nil when there is none.
    mutating func popFinished(before position: Int) -> (key: Key, templates: [Template])? {
        popFinishedSlot(before: position).map { (key: $0.key, templates: handOver($0.slot)) }
    }

    /// Any group still held (all reads are read).
    mutating func popAny() -> (key: Key, templates: [Template])? {
        popAnySlot().map { (key: $0.key, templates: handOver($0.slot)) }
    }

    /// `popFinished`, the group's templates left in its slot (`templates(at:)`) until `recycle`, which a caller
    /// calls before it adds another read.
    mutating func popFinishedSlot(before position: Int) -> (key: Key, slot: Int)? {
        while let top = heap.first, top.at <= position {
            popHeap()
            let g = slots[top.slot]
            guard g.live, g.serial == top.serial, g.doneAt == top.at else { continue }  // stale entry
            return (close(top.slot), top.slot)
        }
        return nil
    }

    /// `popAny` as `popFinishedSlot` is `popFinished`.
    mutating func popAnySlot() -> (key: Key, slot: Int)? {
        while anyFrom < slots.count {
            if slots[anyFrom].live { return (close(anyFrom), anyFrom) }
            anyFrom += 1
        }
        heap.removeAll()
        return nil
    }

    /// The templates of the group last popped from `slot`.
    func templates(at slot: Int) -> [Template] { slots[slot].templates }

    /// Lets the popped group's templates go, keeping the emptied array (its room) for a later group while fewer
    /// than `maxSpareTemplates` are kept.
    mutating func recycle(_ slot: Int) {
        var templates: [Template] = []
        swap(&templates, &slots[slot].templates)
        guard spareTemplates.count < Self.maxSpareTemplates else { return }
        templates.removeAll(keepingCapacity: true)
        spareTemplates.append(templates)
    }

    /// Emptied templates arrays kept at most: enough for the groups opened between two finished at ~50,000x, few
    /// enough that their room (a group's templates, ~170 bytes each) is no part of the peak memory.
    static var maxSpareTemplates: Int { 64 }

    private mutating func handOver(_ s: Int) -> [Template] {
        var templates: [Template] = []
        swap(&templates, &slots[s].templates)
        return templates
    }

    /// Ends the group of slot `s` (its names, key and slot let go); its templates stay in the slot. Returns its key.
    private mutating func close(_ s: Int) -> Key {
        for n in slots[s].names { templateOf.remove(n) }
        slots[s].names.removeAll(keepingCapacity: true)
        let key = slots[s].key
        slots[s].live = false
        slotOf.remove(key)
        freeSlots.append(s)
        return key
    }

    private mutating func push(_ e: (at: Int, slot: Int, serial: Int)) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].at < heap[parent].at else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func popHeap() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count && heap[l].at < heap[m].at { m = l }
            if r < heap.count && heap[r].at < heap[m].at { m = r }
            if m == i { return }
            heap.swapAt(i, m)
            i = m
        }
    }
}

extension AlignmentFile {
    /// Where the read's mate starts when it is still to come in coordinate order (same contig, mapped,
    /// at or after this read); nil when the read waits for no mate.
    static func pendingMateStart(_ b: UnsafeMutablePointer<bam1_t>) -> Int? {
        let core = b.pointee.core
        guard core.flag & UInt16(BAM_FPAIRED) != 0, core.flag & UInt16(BAM_FMUNMAP) == 0,
              core.mtid == core.tid, core.mpos >= core.pos else { return nil }
        return Int(core.mpos)
    }
}
