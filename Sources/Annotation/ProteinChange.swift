/// The HGVS p. description of a coding change, found by translating the reference and the
/// altered coding sequence and comparing the proteins. Works alike for SNVs, MNVs and indels.
public struct ProteinChange: Sendable, Equatable {
    /// Three-letter form, e.g. "p.Leu858Arg".
    public var threeLetter: String
    /// One-letter form, e.g. "p.L858R".
    public var oneLetter: String
    /// Sequence Ontology term.
    public var consequence: String

    /// Compares `refCDS` (c.1 to the stop codon) with `altCDS`; `editIndex` is the 0-based CDS
    /// index of the first changed base (used to name synonymous changes).
    public static func compare(refCDS: [UInt8], altCDS: [UInt8], editIndex: Int) -> ProteinChange {
        let refP = GeneticCode.translate(refCDS)
        let altP = GeneticCode.translate(altCDS)
        func name3(_ i: Int, _ p: [Character]) -> String { GeneticCode.threeLetter(p[i]) + "\(i + 1)" }
        func name1(_ i: Int, _ p: [Character]) -> String { GeneticCode.oneLetter(p[i]) + "\(i + 1)" }

        if (altCDS.count - refCDS.count) % 3 != 0 {
            var i = 0
            while i < min(refP.count, altP.count) && refP[i] == altP[i] { i += 1 }
            guard i < refP.count else {
                return ProteinChange(threeLetter: "p.?", oneLetter: "p.?", consequence: "frameshift_variant")
            }
            if i < altP.count && altP[i] == "*" {
                return ProteinChange(threeLetter: "p.\(name3(i, refP))Ter", oneLetter: "p.\(name1(i, refP))*", consequence: "stop_gained")
            }
            if i == 0 && refP.first == "M" {
                return ProteinChange(threeLetter: "p.Met1?", oneLetter: "p.M1?", consequence: "start_lost")
            }
            let newAA = i < altP.count ? altP[i] : "X"
            let ter = altP.last == "*" ? "\(altP.count - i)" : "?"
            return ProteinChange(threeLetter: "p.\(name3(i, refP))\(GeneticCode.threeLetter(newAA))fsTer\(ter)",
                                 oneLetter: "p.\(name1(i, refP))\(GeneticCode.oneLetter(newAA))fs*\(ter)",
                                 consequence: "frameshift_variant")
        }

        // In frame: trim the common prefix first, then the common suffix, so that a change in a
        // repeat is named at its most C-terminal position (the HGVS 3' rule).
        var k = 0
        while k < min(refP.count, altP.count) && refP[k] == altP[k] { k += 1 }
        var s = 0
        while s < min(refP.count, altP.count) - k && refP[refP.count - 1 - s] == altP[altP.count - 1 - s] { s += 1 }
        let del = Array(refP[k..<(refP.count - s)])
        let ins = Array(altP[k..<(altP.count - s)])

        if del.isEmpty && ins.isEmpty {
            let codon = min(editIndex / 3, refP.count - 1)
            return ProteinChange(threeLetter: "p.\(name3(codon, refP))=", oneLetter: "p.\(name1(codon, refP))=",
                                 consequence: "synonymous_variant")
        }
        if k == 0 && refP.first == "M" {
            return ProteinChange(threeLetter: "p.Met1?", oneLetter: "p.M1?", consequence: "start_lost")
        }
        if del.contains("*") {
            let added = ins.first.map { GeneticCode.threeLetter($0) } ?? "Xaa"
            return ProteinChange(threeLetter: "p.Ter\(k + 1)\(added)extTer?", oneLetter: "p.*\(k + 1)\(ins.first.map { String($0) } ?? "X")ext*?",
                                 consequence: "stop_lost")
        }
        if ins.first == "*" {
            return ProteinChange(threeLetter: "p.\(name3(k, refP))Ter", oneLetter: "p.\(name1(k, refP))*", consequence: "stop_gained")
        }
        let three = ins.map(GeneticCode.threeLetter).joined(), one = ins.map(GeneticCode.oneLetter).joined()
        func range3(_ a: Int, _ b: Int) -> String { a == b ? name3(a, refP) : "\(name3(a, refP))_\(name3(b, refP))" }
        func range1(_ a: Int, _ b: Int) -> String { a == b ? name1(a, refP) : "\(name1(a, refP))_\(name1(b, refP))" }

        if del.count == 1 && ins.count == 1 {
            return ProteinChange(threeLetter: "p.\(name3(k, refP))\(three)", oneLetter: "p.\(name1(k, refP))\(one)",
                                 consequence: "missense_variant")
        }
        if ins.isEmpty {
            let b = k + del.count - 1
            return ProteinChange(threeLetter: "p.\(range3(k, b))del", oneLetter: "p.\(range1(k, b))del", consequence: "inframe_deletion")
        }
        if del.isEmpty {
            // Inserted residues equal to those just before: a duplication.
            if k >= ins.count && Array(refP[(k - ins.count)..<k]) == ins {
                return ProteinChange(threeLetter: "p.\(range3(k - ins.count, k - 1))dup", oneLetter: "p.\(range1(k - ins.count, k - 1))dup",
                                     consequence: "inframe_insertion")
            }
            guard k > 0 && k < refP.count else {
                return ProteinChange(threeLetter: "p.?", oneLetter: "p.?", consequence: "inframe_insertion")
            }
            return ProteinChange(threeLetter: "p.\(range3(k - 1, k))ins\(three)", oneLetter: "p.\(range1(k - 1, k))ins\(one)",
                                 consequence: "inframe_insertion")
        }
        let b = k + del.count - 1
        let consequence = del.count > ins.count ? "inframe_deletion" : del.count < ins.count ? "inframe_insertion" : "protein_altering_variant"
        return ProteinChange(threeLetter: "p.\(range3(k, b))delins\(three)", oneLetter: "p.\(range1(k, b))delins\(one)",
                             consequence: consequence)
    }
}
