/// What a VCF header declares: contigs, INFO/FORMAT/FILTER lines, samples and free meta lines.
public struct VCFHeaderSpec: Sendable, Equatable {
    /// An INFO or FORMAT declaration.
    public struct Field: Sendable, Equatable {
        public var id: String
        public var number: String
        public var type: String
        public var description: String
        public init(id: String, number: String, type: String, description: String) {
            self.id = id
            self.number = number
            self.type = type
            self.description = description
        }
    }

    /// A FILTER declaration.
    public struct Filter: Sendable, Equatable {
        public var id: String
        public var description: String
        public init(id: String, description: String) {
            self.id = id
            self.description = description
        }
    }

    public var contigs: [AlignmentHeader.Reference]
    public var infos: [Field]
    public var formats: [Field]
    public var filters: [Filter]
    public var samples: [String]
    /// Extra `##key=value` lines, written as given (without the leading `##`).
    public var meta: [String]

    public init(contigs: [AlignmentHeader.Reference], infos: [Field] = [], formats: [Field] = [],
                filters: [Filter] = [], samples: [String] = [], meta: [String] = []) {
        self.contigs = contigs
        self.infos = infos
        self.formats = formats
        self.filters = filters
        self.samples = samples
        self.meta = meta
    }
}
