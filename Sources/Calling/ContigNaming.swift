/// Translates between the panel's chromosome names ("chr7") and the input's ("chr7" or "7").
package struct ContigNaming: Sendable, Equatable {
    /// The input's name for each panel chromosome.
    package var inputName: [String: String]

    package init(inputName: [String: String]) { self.inputName = inputName }

    /// Chooses the input's name for each panel chromosome from the contigs it has.
    package static func matching(panelChroms: Set<String>, inputContigs: [String]) -> ContigNaming {
        var map: [String: String] = [:]
        for c in panelChroms {
            let bare = c.hasPrefix("chr") ? String(c.dropFirst(3)) : c
            map[c] = inputContigs.first { $0 == c } ?? inputContigs.first { $0 == bare } ?? inputContigs.first { $0 == "chr" + bare } ?? c
        }
        return ContigNaming(inputName: map)
    }

    package func input(_ panelChrom: String) -> String { inputName[panelChrom] ?? panelChrom }

    package func panel(_ inputChrom: String) -> String {
        inputName.first { $0.value == inputChrom }?.key ?? inputChrom
    }
}
