import G2TCore
/// The standard genetic code and amino-acid names.
package enum GeneticCode {
    private static let bases: [UInt8] = Array("TCAG".utf8)
    private static let aminoAcids: [Character] = Array("FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG")

    /// One-letter amino acid for a codon ("*" for stop, "X" if any base is not A/C/G/T).
    package static func translate(_ codon: ArraySlice<UInt8>) -> Character {
        guard codon.count == 3 else { return "X" }
        var idx = 0
        for b in codon {
            guard let i = bases.firstIndex(of: b) else { return "X" }
            idx = idx * 4 + i
        }
        return aminoAcids[idx]
    }

    /// Translates a coding sequence, stopping after the first stop codon when `toStop`.
    package static func translate(_ cds: [UInt8], toStop: Bool = true) -> [Character] {
        var out: [Character] = []
        var i = 0
        while i + 3 <= cds.count {
            let aa = translate(cds[i..<(i + 3)])
            out.append(aa)
            if toStop && aa == "*" { break }
            i += 3
        }
        return out
    }

    /// HGVS three-letter name ("Ter" for stop).
    package static func threeLetter(_ aa: Character) -> String {
        names[aa] ?? "Xaa"
    }

    /// HGVS one-letter name ("*" for stop).
    package static func oneLetter(_ aa: Character) -> String { String(aa) }

    private static let names: [Character: String] = [
        "A": "Ala", "R": "Arg", "N": "Asn", "D": "Asp", "C": "Cys", "Q": "Gln", "E": "Glu", "G": "Gly",
        "H": "His", "I": "Ile", "L": "Leu", "K": "Lys", "M": "Met", "F": "Phe", "P": "Pro", "S": "Ser",
        "T": "Thr", "W": "Trp", "Y": "Tyr", "V": "Val", "*": "Ter", "X": "Xaa",
    ]

    /// Complement of an upper-case base (N stays N).
    package static func complement(_ b: UInt8) -> UInt8 { Nucleotide.complement(b) }

    package static func reverseComplement(_ s: [UInt8]) -> [UInt8] { s.reversed().map(complement) }
}
