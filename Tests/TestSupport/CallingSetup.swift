import Calling
import G2TCore
import HTS

/// The calling set-up the calling tests share: the bundled GRCh38 panel on a TestData sample
/// ("chr7" contigs, as every simulated sample has), counted and called as the call stage does.
package enum CallingSetup {
    package struct Counted {
        package var panel: Panel
        package var naming: ContigNaming
        package var counts: [TargetCounts]
        package var path: String

        /// The threshold caller on these counts.
        package func call(_ parameters: CallingParameters = CallingParameters()) -> PanelCaller.Result {
            PanelCaller(panel: panel, naming: naming, parameters: parameters).call(counts, reference: panel.reference)
        }
    }

    /// `TestData/samples/<sample>.bam` counted over the panel's targets.
    package static func counted(_ sample: String, threads: Int = 2) throws -> Counted {
        HTSEnvironment.configure()
        let path = TestSupport.testData("samples/\(sample).bam")
        let panel = try PanelLoader.bundled(build: .grch38)
        let naming = ContigNaming.matching(panelChroms: ["chr7"], inputContigs: ["chr7"])
        let counts = try TargetCounter.count(file: try AlignmentFile(path: path), reference: nil, targets: panel.targets, naming: naming,
                                             filter: ReadFilter(), threads: threads)
        return Counted(panel: panel, naming: naming, counts: counts, path: path)
    }

    /// UMI mode's molecule counting as the tests use it: families of ≥ 1 read pair, no duplex requirement,
    /// the default consensus model's error rates.
    package static let moleculeOptions = MoleculeCounting(tag: .standard, filter: ReadFilter(minMappingQuality: 20, minBaseQuality: 20), maxN: 1,
                                                          minFamilySize: 1, requireDuplex: false,
                                                          consensus: ConsensusModel(preUMIError: 3.16e-5, postUMIError: 1e-4, minInputQuality: 20,
                                                                                    deletionError: 5e-4, maxConsensusError: 0.02))

    /// A counted sample's consensus molecule counts over the panel's chr7 targets (the simulated cfDNA samples hold chr7 only).
    package static func moleculeCounts(_ raw: Counted) throws -> [TargetCounts] {
        let targets = raw.panel.targets.filter { $0.interval.chrom == "chr7" }
        return try ConsensusCounter.count(path: raw.path, reference: nil, indexPath: nil, targets: targets,
                                          naming: raw.naming, options: moleculeOptions, threads: 1, bases: raw.panel.reference).targets
    }

    /// A passing call built by hand (the fields scoring and phasing read), strands split evenly.
    package static func variant(gene: String? = "EGFR", chrom: String = "chr7", pos: Int, ref: String = "C", alt: String = "T",
                               vaf: Double = 0.2, depth: Int = 100) -> VariantCall {
        let altDepth = Int((vaf * Double(depth)).rounded())
        return VariantCall(gene: gene, chrom: chrom, pos: pos, ref: ref, alt: alt, vaf: vaf, depth: depth, altDepth: altDepth,
                           altForward: altDepth / 2, altReverse: altDepth - altDepth / 2, filter: "PASS")
    }
}
