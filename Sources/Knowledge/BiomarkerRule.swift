/// How a biomarker is recognised from an annotated variant: by protein logic, not by name.
public enum BiomarkerRule: Codable, Sendable, Equatable {
    /// Any of these one-letter protein changes, e.g. "L858R".
    case proteinChange([String])
    /// An in-frame deletion (or deletion-insertion) wholly within codons first…last.
    case inframeDeletion(firstCodon: Int, lastCodon: Int)
    /// An in-frame insertion or duplication wholly within codons first…last.
    case inframeInsertion(firstCodon: Int, lastCodon: Int)
    /// Any missense change at `codon` ("G719X"); `from` names the reference residue when given.
    case missenseAtCodon(codon: Int, from: String?)

    enum CodingKeys: String, CodingKey { case kind, changes, firstCodon, lastCodon, codon, from }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "proteinChange": self = .proteinChange(try c.decode([String].self, forKey: .changes))
        case "inframeDeletion":
            self = .inframeDeletion(firstCodon: try c.decode(Int.self, forKey: .firstCodon), lastCodon: try c.decode(Int.self, forKey: .lastCodon))
        case "inframeInsertion":
            self = .inframeInsertion(firstCodon: try c.decode(Int.self, forKey: .firstCodon), lastCodon: try c.decode(Int.self, forKey: .lastCodon))
        case "missenseAtCodon":
            self = .missenseAtCodon(codon: try c.decode(Int.self, forKey: .codon), from: try c.decodeIfPresent(String.self, forKey: .from))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c,
                debugDescription: "unknown rule kind '\(kind)' (expected proteinChange, inframeDeletion, inframeInsertion or missenseAtCodon)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .proteinChange(let ch):
            try c.encode("proteinChange", forKey: .kind)
            try c.encode(ch, forKey: .changes)
        case .inframeDeletion(let a, let b):
            try c.encode("inframeDeletion", forKey: .kind)
            try c.encode(a, forKey: .firstCodon)
            try c.encode(b, forKey: .lastCodon)
        case .inframeInsertion(let a, let b):
            try c.encode("inframeInsertion", forKey: .kind)
            try c.encode(a, forKey: .firstCodon)
            try c.encode(b, forKey: .lastCodon)
        case .missenseAtCodon(let codon, let from):
            try c.encode("missenseAtCodon", forKey: .kind)
            try c.encode(codon, forKey: .codon)
            try c.encodeIfPresent(from, forKey: .from)
        }
    }
}
