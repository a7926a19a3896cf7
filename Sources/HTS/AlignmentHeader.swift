/// The parts of a SAM header g2t uses: the @SQ lines and the @RG lines.
package struct AlignmentHeader: Sendable, Hashable {
    /// One @SQ line.
    package struct Reference: Sendable, Hashable {
        package var name: String
        package var length: Int
        package init(name: String, length: Int) {
            self.name = name
            self.length = length
        }
    }

    /// One @RG line.
    package struct ReadGroup: Sendable, Hashable {
        package var id: String
        package var sample: String?
        package init(id: String, sample: String?) {
            self.id = id
            self.sample = sample
        }
    }

    package var references: [Reference]
    package var readGroups: [ReadGroup]

    package init(references: [Reference], readGroups: [ReadGroup]) {
        self.references = references
        self.readGroups = readGroups
    }

    /// Length of a contig by name, if the header has it.
    package func length(of contig: String) -> Int? {
        references.first { $0.name == contig }?.length
    }
}
