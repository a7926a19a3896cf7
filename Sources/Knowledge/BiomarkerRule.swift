/// How a biomarker is recognised in a sample: by protein logic, copy number, expression,
/// germline genotype, or a combination of other biomarkers with a phase condition.
public enum BiomarkerRule: Codable, Sendable, Equatable {
    /// Any of these one-letter protein changes, e.g. "L858R".
    case proteinChange([String])
    /// An in-frame deletion (or deletion-insertion) wholly within codons first…last, except the
    /// listed one-letter protein changes (which have evidence of their own).
    case inframeDeletion(firstCodon: Int, lastCodon: Int, except: [String])
    /// An in-frame insertion or duplication wholly within codons first…last, except the listed
    /// changes (e.g. A763_Y764insFQEA, the TKI-sensitive exon 20 insertion).
    case inframeInsertion(firstCodon: Int, lastCodon: Int, except: [String])
    /// Any missense change at `codon` ("G719X"); `from` names the reference residue when given.
    case missenseAtCodon(codon: Int, from: String?)
    /// A variant in exon `exon` whose consequence includes the SO term `consequence`.
    case exon(exon: Int, consequence: String)
    /// The gene at `minCopies` copies or more (from coverage against a panel of normals).
    case amplification(minCopies: Double)
    /// The gene's expression at `minTPM` or more (RNA, given with the sample).
    case overExpression(minTPM: Double)
    /// A germline genotype with at least `minCount` copies of the plus-strand `allele` at `rsid`
    /// (e.g. rs1045642 "A" twice = legacy 3435TT).
    case germlineGenotype(rsid: String, allele: String, minCount: Int)
    /// All of `allOf` present, none of `noneOf`; when `phase` is "cis" or "trans", the first two
    /// of `allOf` must have been phased that way from reads.
    case combination(allOf: [String], noneOf: [String], phase: String?)

    /// The kinds a knowledge base may use, for messages.
    public static let kinds = ["proteinChange", "inframeDeletion", "inframeInsertion", "missenseAtCodon", "exon",
                               "amplification", "overExpression", "germlineGenotype", "combination"]

    enum CodingKeys: String, CodingKey {
        case kind, changes, firstCodon, lastCodon, codon, from, exon, consequence, minCopies, minTPM, rsid, allele, minCount
        case allOf, noneOf, phase, except
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "proteinChange": self = .proteinChange(try c.decode([String].self, forKey: .changes))
        case "inframeDeletion":
            self = .inframeDeletion(firstCodon: try c.decode(Int.self, forKey: .firstCodon), lastCodon: try c.decode(Int.self, forKey: .lastCodon),
                                    except: try c.decodeIfPresent([String].self, forKey: .except) ?? [])
        case "inframeInsertion":
            self = .inframeInsertion(firstCodon: try c.decode(Int.self, forKey: .firstCodon), lastCodon: try c.decode(Int.self, forKey: .lastCodon),
                                     except: try c.decodeIfPresent([String].self, forKey: .except) ?? [])
        case "missenseAtCodon":
            self = .missenseAtCodon(codon: try c.decode(Int.self, forKey: .codon), from: try c.decodeIfPresent(String.self, forKey: .from))
        case "exon": self = .exon(exon: try c.decode(Int.self, forKey: .exon), consequence: try c.decode(String.self, forKey: .consequence))
        case "amplification": self = .amplification(minCopies: try c.decode(Double.self, forKey: .minCopies))
        case "overExpression": self = .overExpression(minTPM: try c.decode(Double.self, forKey: .minTPM))
        case "germlineGenotype":
            self = .germlineGenotype(rsid: try c.decode(String.self, forKey: .rsid), allele: try c.decode(String.self, forKey: .allele),
                                     minCount: try c.decode(Int.self, forKey: .minCount))
        case "combination":
            self = .combination(allOf: try c.decode([String].self, forKey: .allOf),
                                noneOf: try c.decodeIfPresent([String].self, forKey: .noneOf) ?? [],
                                phase: try c.decodeIfPresent(String.self, forKey: .phase))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c,
                debugDescription: "unknown rule kind '\(kind)' (expected one of \(Self.kinds.joined(separator: ", ")))")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .proteinChange(let ch):
            try c.encode("proteinChange", forKey: .kind)
            try c.encode(ch, forKey: .changes)
        case .inframeDeletion(let a, let b, let except):
            try c.encode("inframeDeletion", forKey: .kind)
            try c.encode(a, forKey: .firstCodon)
            try c.encode(b, forKey: .lastCodon)
            if !except.isEmpty { try c.encode(except, forKey: .except) }
        case .inframeInsertion(let a, let b, let except):
            try c.encode("inframeInsertion", forKey: .kind)
            try c.encode(a, forKey: .firstCodon)
            try c.encode(b, forKey: .lastCodon)
            if !except.isEmpty { try c.encode(except, forKey: .except) }
        case .missenseAtCodon(let codon, let from):
            try c.encode("missenseAtCodon", forKey: .kind)
            try c.encode(codon, forKey: .codon)
            try c.encodeIfPresent(from, forKey: .from)
        case .exon(let exon, let consequence):
            try c.encode("exon", forKey: .kind)
            try c.encode(exon, forKey: .exon)
            try c.encode(consequence, forKey: .consequence)
        case .amplification(let minCopies):
            try c.encode("amplification", forKey: .kind)
            try c.encode(minCopies, forKey: .minCopies)
        case .overExpression(let minTPM):
            try c.encode("overExpression", forKey: .kind)
            try c.encode(minTPM, forKey: .minTPM)
        case .germlineGenotype(let rsid, let allele, let n):
            try c.encode("germlineGenotype", forKey: .kind)
            try c.encode(rsid, forKey: .rsid)
            try c.encode(allele, forKey: .allele)
            try c.encode(n, forKey: .minCount)
        case .combination(let all, let none, let phase):
            try c.encode("combination", forKey: .kind)
            try c.encode(all, forKey: .allOf)
            if !none.isEmpty { try c.encode(none, forKey: .noneOf) }
            try c.encodeIfPresent(phase, forKey: .phase)
        }
    }
}
