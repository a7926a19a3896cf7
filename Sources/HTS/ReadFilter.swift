import CHTSlib

/// Which reads and bases count, in samtools terms (`-F`/`-G`, `-q`/`-Q`, `-q` base quality).
package struct ReadFilter: Sendable, Hashable {
    /// Reads with any of these flag bits are skipped (samtools `-F` / depth `-G`).
    package var excludeFlags: UInt16
    /// Minimum mapping quality (samtools view `-q`, depth `-Q`).
    package var minMappingQuality: UInt8
    /// Minimum base quality for a base to count (samtools depth `-q`).
    package var minBaseQuality: UInt8
    /// Count each fragment once where mates overlap (the first mate in coordinate order wins).
    package var countFragmentsOnce: Bool

    /// Unmapped, secondary, QC-fail, duplicate and supplementary.
    package static let defaultExcludeFlags = UInt16(BAM_FUNMAP | BAM_FSECONDARY | BAM_FQCFAIL | BAM_FDUP | BAM_FSUPPLEMENTARY)

    package init(excludeFlags: UInt16 = ReadFilter.defaultExcludeFlags, minMappingQuality: UInt8 = 20,
                minBaseQuality: UInt8 = 20, countFragmentsOnce: Bool = true) {
        self.excludeFlags = excludeFlags
        self.minMappingQuality = minMappingQuality
        self.minBaseQuality = minBaseQuality
        self.countFragmentsOnce = countFragmentsOnce
    }

    @inline(__always)
    func accepts(flag: UInt16, mapq: UInt8) -> Bool {
        flag & excludeFlags == 0 && mapq >= minMappingQuality
    }
}
