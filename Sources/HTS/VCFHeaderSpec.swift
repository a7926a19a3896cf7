/// What a VCF header declares: contigs, INFO/FORMAT/FILTER lines, samples and free meta lines.
package struct VCFHeaderSpec: Sendable, Equatable {
    /// An INFO or FORMAT declaration.
    package struct Field: Sendable, Equatable {
        package var id: String
        package var number: String
        package var type: String
        package var description: String
        package init(id: String, number: String, type: String, description: String) {
            self.id = id
            self.number = number
            self.type = type
            self.description = description
        }
    }

    /// A FILTER declaration.
    package struct Filter: Sendable, Equatable {
        package var id: String
        package var description: String
        package init(id: String, description: String) {
            self.id = id
            self.description = description
        }
    }

    package var contigs: [AlignmentHeader.Reference]
    package var infos: [Field]
    package var formats: [Field]
    package var filters: [Filter]
    package var samples: [String]
    /// Extra `##key=value` lines, written as given (without the leading `##`).
    package var meta: [String]

    package init(contigs: [AlignmentHeader.Reference], infos: [Field] = [], formats: [Field] = [],
                filters: [Filter] = [], samples: [String] = [], meta: [String] = []) {
        self.contigs = contigs
        self.infos = infos
        self.formats = formats
        self.filters = filters
        self.samples = samples
        self.meta = meta
    }
}
