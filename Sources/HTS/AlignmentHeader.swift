/// The parts of a SAM header g2t uses: the @SQ lines and the @RG lines.
public struct AlignmentHeader: Sendable, Hashable {
    /// One @SQ line.
    public struct Reference: Sendable, Hashable {
        public var name: String
        public var length: Int
        public init(name: String, length: Int) {
            self.name = name
            self.length = length
        }
    }

    /// One @RG line.
    public struct ReadGroup: Sendable, Hashable {
        public var id: String
        public var sample: String?
        public init(id: String, sample: String?) {
            self.id = id
            self.sample = sample
        }
    }

    public var references: [Reference]
    public var readGroups: [ReadGroup]

    public init(references: [Reference], readGroups: [ReadGroup]) {
        self.references = references
        self.readGroups = readGroups
    }

    /// Length of a contig by name, if the header has it.
    public func length(of contig: String) -> Int? {
        references.first { $0.name == contig }?.length
    }
}
