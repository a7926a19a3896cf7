/// Amplicon mode (`--amplicons`): how reads are matched to amplicons and what the filters then ask.
/// Recorded in the report (`parameters.amplicon`) only when amplicon mode is on.
extension CallingParameters {
    package struct AmpliconMode: Codable, Sendable, Equatable {
        /// A read belongs to an amplicon when its aligned start or end lies within this many bases of
        /// the amplicon's: aligners soft-clip a few mismatched end bases, and Ion Torrent ends vary ±1–2
        /// bases in homopolymers; neighbouring amplicons start ≥ 20 bases apart (a primer's length).
        package var matchTolerance: Int = 5
        /// An amplicon with fewer fragments than this share of the median amplicon drops out (Ion AmpliSeq's
        /// uniformity metric counts amplicons at ≥ 0.2× the mean as covered).
        package var dropoutFraction: Double = 0.2
        /// read_position in amplicon mode fails only when the alternate allele also sits at least this many
        /// bases nearer the insert end than the reference allele at the same position: every read of an
        /// amplicon covers a position at the same offset, so a true allele shares the reference's distance.
        package var readPositionMinGap: Double = 10

        package init() {}
    }
}
