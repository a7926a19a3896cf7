/// Ranges of the numbers users give (flags, sample sheets), checked before any is used.
package enum InputLimits {
    /// A gene's expression in TPM: finite and at most 10^6, since a sample's TPMs sum to 10^6
    /// (Wagner et al. 2012, Theory Biosci 131:281). Infinite or 1e308 values overflowed the MDR fold.
    package static let tpm: ClosedRange<Double> = 0...1_000_000

    /// Whether `x` is a usable TPM value (NaN fails every range test).
    package static func isTPM(_ x: Double) -> Bool { tpm.contains(x) }

    /// Worker threads: a machine has far fewer cores; more only wastes memory on stacks.
    package static let threads: ClosedRange<Int> = 1...256

    /// Base and mapping qualities are one byte in BAM: Phred 0–93 for bases (SAM spec §1.4), 0–254 for MAPQ (255 = unknown).
    package static let baseQuality: ClosedRange<Int> = 0...93
    package static let mappingQuality: ClosedRange<Int> = 0...254

    /// A log10 likelihood ratio threshold: finite and within what any read count can reach.
    package static let lod: ClosedRange<Double> = 0...1_000_000
}
