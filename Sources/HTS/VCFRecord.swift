/// A typed INFO or FORMAT value.
package enum VCFValue: Sendable, Equatable {
    case integers([Int32])
    case floats([Float])
    case string(String)
    case flag
}

/// One VCF record as plain values (1-based `position`, as written in the file).
package struct VCFRecord: Sendable, Equatable {
    package var chrom: String
    package var position: Int
    package var id: String?
    package var ref: String
    package var alts: [String]
    package var qual: Float?
    /// Filter names; empty means missing ("."); ["PASS"] means passed.
    package var filters: [String]
    /// INFO fields in file order.
    package var info: [(key: String, value: VCFValue)]
    /// Genotype allele indices per sample (nil = missing allele), and whether phased.
    package var genotypes: [[Int?]]
    package var phased: [Bool]
    /// Other FORMAT fields in file order; each value holds every sample's numbers in turn.
    package var format: [(key: String, value: VCFValue)]

    package init(chrom: String, position: Int, id: String? = nil, ref: String, alts: [String], qual: Float? = nil,
                filters: [String] = ["PASS"], info: [(key: String, value: VCFValue)] = [],
                genotypes: [[Int?]] = [], phased: [Bool] = [], format: [(key: String, value: VCFValue)] = []) {
        self.chrom = chrom
        self.position = position
        self.id = id
        self.ref = ref
        self.alts = alts
        self.qual = qual
        self.filters = filters
        self.info = info
        self.genotypes = genotypes
        self.phased = phased
        self.format = format
    }

    /// The INFO value for `key`, if present.
    package func info(_ key: String) -> VCFValue? { info.first { $0.key == key }?.value }

    /// The FORMAT value for `key`, if present.
    package func format(_ key: String) -> VCFValue? { format.first { $0.key == key }?.value }

    package static func == (a: VCFRecord, b: VCFRecord) -> Bool {
        a.chrom == b.chrom && a.position == b.position && a.id == b.id && a.ref == b.ref && a.alts == b.alts
            && a.qual == b.qual && a.filters == b.filters && a.genotypes == b.genotypes && a.phased == b.phased
            && a.info.map(\.key) == b.info.map(\.key) && a.info.map(\.value) == b.info.map(\.value)
            && a.format.map(\.key) == b.format.map(\.key) && a.format.map(\.value) == b.format.map(\.value)
    }
}
