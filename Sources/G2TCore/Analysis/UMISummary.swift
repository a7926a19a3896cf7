/// UMI consensus QC (present when the reads were called as molecules): how reads became molecules,
/// overall and per target, the background error per substitution, and each hotspot's result in molecules.
package struct UMISummary: Codable, Sendable, Equatable {
    /// The SAM tag the UMIs were read from.
    package var tag: String
    /// Read pairs of the families that were counted (both mates of a pair are one).
    package var readsTagged: Int
    /// Reads without the tag (left out of the molecules).
    package var readsUntagged: Int
    /// Reads whose tag held no usable UMI, per reason (left out).
    package var readsMalformed: [String: Int]
    package var families: Int
    /// Families of one read pair.
    package var singletons: Int
    /// Families read on both strands.
    package var duplexFamilies: Int
    /// Families counted as molecules (minimum size, duplex requirement).
    package var molecules: Int
    /// Families per size in read pairs: index k = size k (index 0 unused), the last slot = that size or more.
    package var familySizeHistogram: [Int]
    /// Background error per substitution from the sample's own molecules (e.g. "C>T": 2.1e-5).
    package var substitutionErrors: [String: Double]
    package var targets: [UMITargetQC]
    /// "EGFR T790M not detected; 2,430 molecules; LOD 0.25%", one per hotspot.
    package var hotspotStatements: [String]

    package init(tag: String, readsTagged: Int, readsUntagged: Int, readsMalformed: [String: Int], families: Int, singletons: Int,
                duplexFamilies: Int, molecules: Int, familySizeHistogram: [Int], substitutionErrors: [String: Double],
                targets: [UMITargetQC], hotspotStatements: [String]) {
        self.tag = tag
        self.readsTagged = readsTagged
        self.readsUntagged = readsUntagged
        self.readsMalformed = readsMalformed
        self.families = families
        self.singletons = singletons
        self.duplexFamilies = duplexFamilies
        self.molecules = molecules
        self.familySizeHistogram = familySizeHistogram
        self.substitutionErrors = substitutionErrors
        self.targets = targets
        self.hotspotStatements = hotspotStatements
    }

    /// Families larger than this share the histogram's last slot (cfDNA families rarely exceed 20 read pairs).
    package static let histogramCap = 20
}

/// Reads and molecules over one target.
package struct UMITargetQC: Codable, Sendable, Equatable {
    package var gene: String
    package var exon: Int
    /// Mean raw read depth (duplicates included, mates once).
    package var meanRawDepth: Double
    /// Mean consensus molecules per position.
    package var meanMolecules: Double
    package var families: Int
    package var singletons: Int
    /// Share of the counted molecules read on both strands.
    package var duplexFraction: Double
    package var familySizeHistogram: [Int]

    package init(gene: String, exon: Int, meanRawDepth: Double, meanMolecules: Double, families: Int, singletons: Int,
                duplexFraction: Double, familySizeHistogram: [Int]) {
        self.gene = gene
        self.exon = exon
        self.meanRawDepth = meanRawDepth
        self.meanMolecules = meanMolecules
        self.families = families
        self.singletons = singletons
        self.duplexFraction = duplexFraction
        self.familySizeHistogram = familySizeHistogram
    }
}
