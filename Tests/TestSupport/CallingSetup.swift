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

    /// A passing call built by hand (the fields scoring and phasing read), strands split evenly.
    package static func variant(gene: String? = "EGFR", chrom: String = "chr7", pos: Int, ref: String = "C", alt: String = "T",
                               vaf: Double = 0.2, depth: Int = 100) -> VariantCall {
        let altDepth = Int((vaf * Double(depth)).rounded())
        return VariantCall(gene: gene, chrom: chrom, pos: pos, ref: ref, alt: alt, vaf: vaf, depth: depth, altDepth: altDepth,
                           altForward: altDepth / 2, altReverse: altDepth - altDepth / 2, filter: "PASS")
    }
}
