/// Per-position base and indel counts over one region, after read and base filters.
///
/// Stored flat, `fieldsPerPosition` per reference position: A, C, G, T, N and deletion, each on
/// the forward then the reverse strand (0–11); then for A, C, G, T the summed distance of the base
/// from its read's nearer end (12–15), the count of F1R2-oriented reads (16–19), which the
/// artefact filters need, and the summed error probability of the base calls (20–23) for the
/// likelihood model; then the same alleles in reads excluded for low mapping quality (24–27) or
/// as duplicates (28–31).
package struct RegionCounts: Sendable, Equatable {
    /// A nucleotide slot in the counts.
    package enum Base: Int, Sendable, CaseIterable { case a = 0, c, g, t, n }

    /// An insertion or deletion seen in reads, anchored VCF-style on the reference base before it.
    package struct IndelKey: Sendable, Hashable {
        /// 0-based position of the anchor base.
        package var anchor: Int
        /// Deleted length (> 0) or 0 for an insertion.
        package var deletedLength: Int
        /// Inserted bases (upper case) or empty for a deletion.
        package var inserted: String

        package init(anchor: Int, deletedLength: Int, inserted: String) {
            self.anchor = anchor
            self.deletedLength = deletedLength
            self.inserted = inserted
        }
    }

    /// Fragment counts on each strand.
    package struct StrandCount: Sendable, Equatable {
        package var forward: Int = 0
        package var reverse: Int = 0
        package var total: Int { forward + reverse }
        package init(forward: Int = 0, reverse: Int = 0) {
            self.forward = forward
            self.reverse = reverse
        }
    }

    /// A soft-clipped read end: aligners clip reads that end inside an indel, so the clipped
    /// bases are evidence for it when they match the indel's haplotype.
    package struct SoftClip: Sendable, Equatable {
        /// 0-based reference position where the alignment starts (leading clip) or ends, exclusive (trailing clip).
        package var junction: Int
        package var leading: Bool
        /// Up to 30 clipped bases nearest the junction, in reference order.
        package var bases: [UInt8]
        package var reverse: Bool
    }

    package static let fieldsPerPosition = 32
    static let deletionField = 10
    static let endDistanceField = 12
    static let f1r2Field = 16
    /// Summed base-call error probabilities (from base qualities), in millionths, for A, C, G, T.
    static let errorField = 20
    /// Non-reference bases in reads excluded only for low mapping quality (24–27) or for being
    /// duplicates (28–31): what the low_mapq and duplicate filters weigh.
    static let lowMapqField = 24
    static let duplicateField = 28

    package let region: GenomicRegion
    /// Reads that passed the flag and mapping-quality filters.
    package internal(set) var reads: Int = 0
    /// Reads that passed those filters but store no bases their CIGAR can be walked over (SEQ `*`,
    /// or a CIGAR whose query length differs from the sequence): excluded from every count.
    package internal(set) var readsWithoutBases: Int = 0
    var fields: CountFields
    package internal(set) var indels: [IndelKey: StrandCount] = [:]
    /// UMI mode only (empty otherwise): per position `duplexFieldsPerPosition` counts of consensus
    /// molecules, first those whose two strands both gave a single-strand consensus base (duplex
    /// depth), then for A, C, G, T those whose two strands both show that base (RegionCounts+Duplex.swift).
    package internal(set) var duplex: [UInt32] = []
    /// UMI mode only: one-strand molecules per non-reference base, by class (`classAltKey`; RegionCounts+Duplex.swift).
    package internal(set) var classAlts: [Int: UInt32] = [:]
    package internal(set) var clips: [SoftClip] = []
    /// Amplicon mode: fragments (unpaired reads and first mates) matched to each amplicon, by
    /// `AmpliconTrim.Window.id`; like `readsWithoutBases`, the caller keeps them on one slice only.
    package var ampliconFragments: [Int: Int] = [:]
    /// Amplicon mode: reads that passed the filters but matched no amplicon, so were not counted.
    package var readsOutsideAmplicons: Int = 0

    init(region: GenomicRegion) {
        self.init(region: region, fields: CountFields(zeros: max(0, region.length) * Self.fieldsPerPosition))
    }

    /// `fields` laid out as described above (`SpanTally` fills them apart and hands them over).
    init(region: GenomicRegion, fields: CountFields) {
        self.region = region
        self.fields = fields
    }

    init(region: GenomicRegion, fields: [UInt32]) {
        self.init(region: region, fields: CountFields(fields))
    }

    @inline(__always)
    private func offset(_ pos: Int) -> Int? {
        guard pos >= region.start && pos < region.end else { return nil }
        return (pos - region.start) * Self.fieldsPerPosition
    }

    /// The counts of a part of this region, with `reads` overlapping it (and `readsWithoutBases`,
    /// which the caller attributes to one part so that a sum over the parts counts each once).
    package func slice(_ sub: GenomicRegion, reads: Int, readsWithoutBases: Int = 0) -> RegionCounts {
        let from = max(0, sub.start - region.start), to = min(region.length, sub.end - region.start)
        let size = max(0, sub.length) * Self.fieldsPerPosition
        var out: RegionCounts
        if sub.start >= region.start && sub.end <= region.end && sub.length > 0 {
            // A part inside the region (every target of a counted cluster): a view of these fields, no copy.
            out = RegionCounts(region: sub, fields: fields.view((from * Self.fieldsPerPosition)..<(to * Self.fieldsPerPosition)))
        } else {
            // Reaching past the region (or empty): the fields it shares, zeros after them.
            var part: [UInt32] = []
            part.reserveCapacity(size)
            if from < to { part += fields[(from * Self.fieldsPerPosition)..<(to * Self.fieldsPerPosition)] }
            if part.count < size { part += repeatElement(0, count: size - part.count) }
            out = RegionCounts(region: sub, fields: part)
        }
        if !duplex.isEmpty {
            let k = Self.duplexFieldsPerPosition
            var d: [UInt32] = []
            d.reserveCapacity(max(0, sub.length) * k)
            if from < to { d += duplex[(from * k)..<(to * k)] }
            if d.count < max(0, sub.length) * k { d += repeatElement(0, count: max(0, sub.length) * k - d.count) }
            out.duplex = d
            out.classAlts = classAlts.filter { Self.classAltPosition($0.key) >= sub.start && Self.classAltPosition($0.key) < sub.end }
        }
        // Indels belong where their first changed base lies (insertions: after the anchor).
        out.indels = indels.filter { $0.key.anchor + 1 >= sub.start && $0.key.anchor + 1 < sub.end + ($0.key.deletedLength == 0 ? 1 : 0) }
        out.clips = clips.filter { $0.junction >= sub.start - 30 && $0.junction <= sub.end + 30 }
        out.reads = reads
        out.readsWithoutBases = readsWithoutBases
        return out
    }

    /// Count of `base` at 0-based `pos`, both strands.
    package func count(_ base: Base, at pos: Int) -> Int {
        strandCount(base, at: pos).total
    }

    /// Count of `base` at 0-based `pos` per strand.
    package func strandCount(_ base: Base, at pos: Int) -> StrandCount {
        guard let o = offset(pos) else { return StrandCount() }
        return StrandCount(forward: Int(fields[o + 2 * base.rawValue]), reverse: Int(fields[o + 2 * base.rawValue + 1]))
    }

    /// Reads with a deletion over 0-based `pos`.
    package func deletions(at pos: Int) -> Int {
        guard let o = offset(pos) else { return 0 }
        return Int(fields[o + Self.deletionField] + fields[o + Self.deletionField + 1])
    }

    /// Mean distance (in read bases) of `base` from the nearer end of the reads carrying it.
    package func meanEndDistance(_ base: Base, at pos: Int) -> Double? {
        guard base != .n, let o = offset(pos) else { return nil }
        let n = count(base, at: pos)
        return n > 0 ? Double(fields[o + Self.endDistanceField + base.rawValue]) / Double(n) : nil
    }

    /// Mean base-call error probability of the reads carrying `base` (from their base qualities).
    package func meanError(_ base: Base, at pos: Int) -> Double? {
        guard base != .n, let o = offset(pos) else { return nil }
        let n = count(base, at: pos)
        return n > 0 ? Double(fields[o + Self.errorField + base.rawValue]) / 1e6 / Double(n) : nil
    }

    /// Reads carrying non-reference `base` that were excluded for low mapping quality.
    package func lowMappingQuality(_ base: Base, at pos: Int) -> Int {
        guard base != .n, let o = offset(pos) else { return 0 }
        return Int(fields[o + Self.lowMapqField + base.rawValue])
    }

    /// Reads carrying non-reference `base` that were excluded as duplicates.
    package func duplicates(_ base: Base, at pos: Int) -> Int {
        guard base != .n, let o = offset(pos) else { return 0 }
        return Int(fields[o + Self.duplicateField + base.rawValue])
    }

    /// Reads carrying `base` in F1R2 orientation (read 1 forward or read 2 reverse), of the paired ones.
    package func f1r2(_ base: Base, at pos: Int) -> Int {
        guard base != .n, let o = offset(pos) else { return 0 }
        return Int(fields[o + Self.f1r2Field + base.rawValue])
    }

    /// Bases that passed the base-quality filter at 0-based `pos` (deletions not included,
    /// as in `samtools depth` without `-J`).
    package func depth(at pos: Int) -> Int {
        guard let o = offset(pos) else { return 0 }
        return Int(fields.sum(from: o, count: 10))  // the five bases on both strands
    }
}
