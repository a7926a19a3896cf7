import CHTSlib
@testable import HTS
import Testing
import TestSupport

/// UMI mode's raw read counts take each decoded read's match bases from the molecule tally's decoding
/// (`SpanTally.ReadBases`, branch rt1): they must equal the raw tally's own counts (`counts(spans:filter:)`, which
/// decodes every base itself) field for field, with the reference known, unknown in part (slot 5) and made up
/// (every base C, so that most bases are alternates with their statistics), bases counted only in subregions or
/// everywhere, the mate-overlap rule on and off, and reads the molecule tally does not decode (no or malformed
/// UMI) counted by `addAll`. On simulated cfDNA and on real SiMSen-Seq UMI amplicon reads (many bases below Q20).
@Suite struct ReadBasesTests {
    init() { HTSEnvironment.configure() }

    enum Reference: CaseIterable { case none, allC, halfUnknown }

    static func spans(_ regions: [GenomicRegion], reference: Reference, onlySubregions: Bool) -> [MoleculeSpan] {
        regions.map { r in
            let subs = [GenomicRegion(contig: r.contig, start: r.start + 40, end: r.start + 120),
                        GenomicRegion(contig: r.contig, start: r.start + 100, end: r.end - 30)]
            let bases: [UInt8]? = switch reference {
            case .none: nil
            case .allC: [UInt8](repeating: UInt8(ascii: "C"), count: r.length)
            // A, C, G, T in turn, with every fifth base N (unknown: slot 5) and the last 20 missing.
            case .halfUnknown: (0..<(r.length - 20)).map { i in i % 5 == 4 ? UInt8(ascii: "N") : Array("ACGT".utf8)[i % 4] }
            }
            let raw = SpanRequest(region: r, subregions: subs, referenceBases: bases, recordStartsIn: [(r.start - 300)..<(r.end + 300)],
                                  basesOnlyInSubregions: onlySubregions)
            return MoleculeSpan(region: r, subregions: subs, referenceBases: bases, raw: raw)
        }
    }

    static let cfdna = [GenomicRegion(contig: "chr7", start: 55_174_600, end: 55_174_900),
                        GenomicRegion(contig: "chr7", start: 55_181_272, end: 55_181_498)]

    @Test(arguments: ["cfdna-t790m", "cfdna-partial-umi", "cfdna-malformed-umi", "real-simsen"], Reference.allCases)
    func deferredBasesEqualTheRawTally(sample: String, reference: Reference) throws {
        let path = sample == "real-simsen" ? TestSupport.testData("real/simsen-pik3ca-umi/P001_start.PIK3CA-exon10.GRCh38.RX.bam")
            : TestSupport.testData("samples/cfdna/\(sample).bam")
        let regions = sample == "real-simsen" ? [GenomicRegion(contig: "chr3", start: 179_218_180, end: 179_218_480)] : Self.cfdna
        for onlySubregions in [false, true] {
            for fragmentsOnce in [true, false] {
                var filter = ReadFilter(minMappingQuality: 20, minBaseQuality: 20, countFragmentsOnce: fragmentsOnce)
                filter.excludeFlags &= ~ReadFilter.duplicateFlag
                var options = UMIStreamingTests.options(minFamilySize: 1, requireDuplex: false)
                options.filter = filter
                let spans = Self.spans(regions, reference: reference, onlySubregions: onlySubregions)
                let shared = try AlignmentFile(path: path).moleculeCounts(spans: spans, options: options, rawFilter: filter)
                let own = try AlignmentFile(path: path).counts(spans: spans.map(\.raw), filter: filter)
                let what = "\(sample) \(reference) subregions \(onlySubregions) once \(fragmentsOnce)"
                #expect(shared.count == own.count)
                for (s, o) in zip(shared, own) {
                    #expect(s.raw.counts == o.counts, "\(what)")
                    #expect(s.raw.readsPerSubregion == o.readsPerSubregion)
                    #expect(s.raw.recordsStarting == o.recordsStarting)
                    // Not two empty results: bases, alternates with statistics and reads the molecules left out.
                    #expect(o.counts.reads > 100, "\(what)")
                }
                // Each span alone (`moleculeCounts(in:…raw:…)`) gives the same.
                let apart = try AlignmentFile(path: path)
                for (s, o) in zip(spans, own) {
                    let alone = try apart.moleculeCounts(in: s.region, options: options, subregions: s.subregions,
                                                         referenceBases: s.referenceBases, raw: s.raw, rawFilter: filter)
                    #expect(alone.raw.counts == o.counts, "\(what) alone")
                }
            }
        }
    }

    /// The comparison can fail: a different base-quality floor changes the raw counts (so equal counts above are
    /// not equal by construction), and the shared pass does not share bases then but still agrees.
    @Test func aDifferentFloorChangesTheCounts() throws {
        let path = TestSupport.testData("real/simsen-pik3ca-umi/P001_start.PIK3CA-exon10.GRCh38.RX.bam")
        let spans = Self.spans([GenomicRegion(contig: "chr3", start: 179_218_180, end: 179_218_480)], reference: .halfUnknown, onlySubregions: false)
        var filter = ReadFilter(minMappingQuality: 20, minBaseQuality: 20)
        filter.excludeFlags &= ~ReadFilter.duplicateFlag
        var lower = filter
        lower.minBaseQuality = 10
        let options = UMIStreamingTests.options(minFamilySize: 1, requireDuplex: false)
        let at20 = try AlignmentFile(path: path).counts(spans: spans.map(\.raw), filter: filter)
        let at10 = try AlignmentFile(path: path).counts(spans: spans.map(\.raw), filter: lower)
        #expect(at20[0].counts != at10[0].counts)
        let mixed = try AlignmentFile(path: path).moleculeCounts(spans: spans, options: options, rawFilter: lower)
        #expect(mixed[0].raw.counts == at10[0].counts)
    }
}

extension ReadBasesTests {
    /// The generated reads of `SpanTallyEquivalenceTests` (every CIGAR op, N and IUPAC bases, reads without
    /// qualities, duplicates, low mapping quality, unmapped and secondary records) with UMIs, some missing or
    /// malformed: the shared pass's raw counts equal the raw tally's own over several spans, at base-quality
    /// floors from 0 to 200, with the mate-overlap rule on and off, bases only in subregions or everywhere.
    @Test func generatedReadsEqualTheRawTally() throws {
        let (bam, reference, _) = try SpanTallyEquivalenceTests.generatedBAM(umiTags: true)
        let regions = [(20, 800), (1_000, 1_410), (1_999, 2_950)].map { GenomicRegion(contig: "chr1", start: $0.0, end: $0.1) }
        var compared = 0, moleculesSeen = 0
        for only in [false, true] {
            for refBases in [true, false] {
                let spans = regions.map { r in
                    let parts = [GenomicRegion(contig: "chr1", start: r.start + 20, end: r.start + 200),
                                 GenomicRegion(contig: "chr1", start: r.start + 150, end: r.start + 260),
                                 GenomicRegion(contig: "chr1", start: r.end - 100, end: r.end + 50)]
                    let bases = refBases ? Array(reference[r.start..<r.end]) : nil
                    let raw = SpanRequest(region: r, subregions: parts, referenceBases: bases, recordStartsIn: [(r.start - 10)..<(r.end + 10)],
                                          basesOnlyInSubregions: only)
                    return MoleculeSpan(region: r, subregions: parts, referenceBases: bases, raw: raw)
                }
                for (minBQ, once) in [(0, true), (13, true), (20, false), (20, true), (31, true), (128, true), (200, false)] {
                    var filter = ReadFilter(minBaseQuality: UInt8(minBQ), countFragmentsOnce: once)
                    filter.excludeFlags &= ~ReadFilter.duplicateFlag
                    var options = UMIStreamingTests.options(minFamilySize: 1, requireDuplex: false)
                    options.filter = filter
                    let shared = try AlignmentFile(path: bam).moleculeCounts(spans: spans, options: options, rawFilter: filter)
                    let own = try AlignmentFile(path: bam).counts(spans: spans.map(\.raw), filter: filter)
                    for (s, o) in zip(shared, own) {
                        #expect(s.raw.counts == o.counts, "minBQ \(minBQ) once \(once) subregions \(only) reference \(refBases) \(s.raw.counts.region)")
                        #expect(s.raw.readsPerSubregion == o.readsPerSubregion && s.raw.recordsStarting == o.recordsStarting)
                        moleculesSeen += s.molecules.stats.tagged
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == 2 * 2 * 7 * 3)
        // Reads were decoded by the molecule tally (tagged, usable UMIs), so the deferred path was taken.
        #expect(moleculesSeen > 1_000)
    }
}
