@testable import Calling
import G2TCore
@testable import HTS
import Testing
import TestSupport

/// UMI phasing reads each molecule's allele from the first pass's consensus (`PhaseMolecules`, branch ph2)
/// where it re-read the sites' region and took the majority of each family's read pairs (`moleculeAlleles`):
/// about the same molecules and alleles at SNV and deletion sites, and the same on one or two threads.
@Suite struct PhaseMoleculesTests {
    static let options = MoleculeCounting(tag: .standard, filter: ReadFilter(minMappingQuality: 20, minBaseQuality: 20), maxN: 1,
                                          minFamilySize: 1, requireDuplex: false,
                                          consensus: ConsensusModel(preUMIError: 3.16e-5, postUMIError: 1e-4, minInputQuality: 20,
                                                                    deletionError: 5e-4, maxConsensusError: 0.02))
    /// EGFR T790M and C797S (chr7, 0-based), and the exon 19 deletion's anchor.
    static let snvs = [AlleleSite(position: 55_181_377, change: .base(UInt8(ascii: "T"))), AlleleSite(position: 55_181_398, change: .base(UInt8(ascii: "C")))]
    static let deletion = [AlleleSite(position: 55_174_770, change: .deletion(length: 15))]

    static func counted(_ sample: String, threads: Int) throws -> ConsensusCounter.Result {
        HTSEnvironment.configure()
        let path = TestSupport.testData("samples/cfdna/\(sample).bam")
        let panel = try PanelLoader.bundled(build: .grch38)
        let naming = ContigNaming.matching(panelChroms: ["chr7"], inputContigs: ["chr7"])
        let file = try AlignmentFile(path: path)
        let contigs = Set(file.header.references.map(\.name))
        let targets = panel.targets.filter { contigs.contains(naming.input($0.interval.chrom)) }
        var rawFilter = options.filter
        rawFilter.excludeFlags &= ~ReadFilter.duplicateFlag
        return try ConsensusCounter.countWithRaw(file: file, reference: nil, targets: targets, naming: naming, options: options,
                                                 rawFilter: rawFilter, threads: threads, bases: panel.reference, startMargin: nil).molecules
    }

    @Test(arguments: ["cfdna-t790m", "cfdna-phase", "cfdna-simplex", "cfdna-duplex-t790m", "cfdna-pcr-t790m"])
    func consensusStatesMatchReadMajoritiesAndThreads(sample: String) throws {
        let one = try Self.counted(sample, threads: 1), two = try Self.counted(sample, threads: 2)
        #expect(one.molecules == two.molecules, "\(sample): molecules differ between 1 and 2 threads")
        #expect(one.molecules.clusters.count > 1)
        let file = try AlignmentFile(path: TestSupport.testData("samples/cfdna/\(sample).bam"))
        for (region, sites) in [(GenomicRegion(contig: "chr7", start: 55_181_377, end: 55_181_399), Self.snvs),
                                (GenomicRegion(contig: "chr7", start: 55_174_770, end: 55_174_786), Self.deletion)] {
            let new = one.molecules.states(contig: "chr7", sites: sites)
            #expect(new == two.molecules.states(contig: "chr7", sites: sites))
            let old = try file.moleculeAlleles(in: region, sites: sites, options: Self.options)
            // About the same molecules (the counted families covering the sites; the re-read found a few
            // fewer at the 16-base deletion), and per site about the same alleles: the consensus differs from
            // the read pairs' majority only for families whose pairs or strands split.
            #expect(!new.isEmpty && abs(new.count - old.count) * 200 <= old.count, "\(sample) \(region): \(new.count) molecules vs \(old.count)")
            for k in sites.indices {
                for state in [AlleleState.ref, .alt, .other] {
                    let n = new.filter { $0[k] == state }.count, o = old.filter { $0[k] == state }.count
                    let slack = state == .alt ? max(1, o / 20) : max(3, old.count / 200)
                    #expect(abs(n - o) <= slack, "\(sample) \(region) site \(k) \(state): \(n) molecules vs \(o)")
                }
            }
            if sample == "cfdna-phase" && sites == Self.snvs {
                // The trans pair and the one jackpot molecule with both, as the calls count them.
                #expect(new.filter { $0 == [.alt, .alt] }.count == 1 && new.filter { $0 == [.alt, .ref] }.count >= 45 && new.filter { $0 == [.ref, .alt] }.count >= 45)
            }
        }
    }

    /// Sites in two clusters (a `phasing.maxDistance` beyond the cluster gap): each molecule's two states are joined by its ends and UMI.
    @Test func sitesInTwoClustersJoinByMolecule() {
        func molecule(_ start: Int, _ umi: String, alt: Bool) -> ConsensusMolecule {
            var r = ConsensusMolecule.Recorder(start: start, end: start + 5_000, umi: umi, lo: start, hi: start + 5_000)
            if alt { r.note(start + 10, .t) }
            return r.finished()
        }
        // Molecule 1 carries both Ts, molecule 2 neither, molecule 3 only the second; each cluster records its part.
        let first = PhaseMolecules.Cluster(region: GenomicRegion(contig: "chr1", start: 0, end: 1_000),
                                           molecules: [molecule(0, "AAA", alt: true), molecule(0, "CCC", alt: false), molecule(0, "GGG", alt: false)])
        var second = first
        second.region = GenomicRegion(contig: "chr1", start: 3_000, end: 4_000)
        second.molecules = [molecule(0, "GGG", alt: false), molecule(0, "AAA", alt: false), molecule(0, "CCC", alt: false)]
        for i in second.molecules.indices {
            var r = ConsensusMolecule.Recorder(start: 0, end: 5_000, umi: second.molecules[i].umi, lo: 3_000, hi: 4_000)
            if second.molecules[i].umi != "CCC" { r.note(3_010, .t) }
            second.molecules[i] = r.finished()
        }
        let t = UInt8(ascii: "T")
        let states = PhaseMolecules(clusters: [first, second]).states(contig: "chr1", sites: [AlleleSite(position: 10, change: .base(t)),
                                                                                           AlleleSite(position: 3_010, change: .base(t))])
        #expect(states == [[.alt, .alt], [.ref, .ref], [.ref, .alt]])
        #expect(PhaseMolecules(clusters: [first, second]).states(contig: "chr2", sites: [AlleleSite(position: 10, change: .base(t))]).isEmpty)
        // Three families sharing ends and UMI in both clusters: the n-th of each cluster is one molecule.
        var a = first, b = second
        a.molecules = [molecule(0, "TTT", alt: true), molecule(0, "TTT", alt: false), molecule(0, "TTT", alt: false)]
        b.molecules = (0..<3).map { _ in
            var r = ConsensusMolecule.Recorder(start: 0, end: 5_000, umi: "TTT", lo: 3_000, hi: 4_000)
            r.note(3_010, .t)
            return r.finished()
        }
        let same = PhaseMolecules(clusters: [a, b]).states(contig: "chr1", sites: [AlleleSite(position: 10, change: .base(t)),
                                                                                   AlleleSite(position: 3_010, change: .base(t))])
        #expect(same == [[.ref, .alt], [.ref, .alt], [.alt, .alt]], "three rows, not one joined twice")
    }
}
