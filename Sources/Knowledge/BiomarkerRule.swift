import G2TCore

/// How a biomarker is recognised in a sample: by protein logic, copy number, expression,
/// germline genotype, a combination of other biomarkers with a phase condition, or the panel's
/// assessment of a panel limit's genes as wild type.
package enum BiomarkerRule: Codable, Sendable, Equatable {
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
    case exon(exon: Int, consequence: SOTerm)
    /// The gene at `minCopies` copies or more (from coverage against a panel of normals).
    case amplification(minCopies: Double)
    /// The gene's expression at `minTPM` or more (RNA, given with the sample).
    case overExpression(minTPM: Double)
    /// A germline genotype with at least `minCount` copies of the plus-strand `allele` at `rsid`
    /// (e.g. rs1045642 "A" twice = legacy 3435TT).
    case germlineGenotype(rsid: String, allele: String, minCount: Int)
    /// All of `allOf` present, none of `noneOf`; with a `phase`, the first two of `allOf` must have
    /// been phased that way from reads.
    case combination(allOf: [String], noneOf: [String], phase: Phase?)
    /// Every hotspot codon of the genes of panel limit `panelLimit` assessed with a limit of detection at
    /// or below the analysis's `maxHotspotLOD`, and no passing variant in those genes (extended RAS/BRAF
    /// wild type): the same assessment the report's panel-limit statement gives (`PanelLimitAssessment`).
    case wildType(panelLimit: String)

    /// The rule kinds, spelt as the knowledge-base JSON spells them (`kind`).
    package enum Kind: String, Codable, Sendable, CaseIterable {
        case proteinChange, inframeDeletion, inframeInsertion, missenseAtCodon, exon
        case amplification, overExpression, germlineGenotype, combination, wildType
    }

    /// The phase a combination requires of its first two parts (JSON `phase`).
    package enum Phase: String, Codable, Sendable, CaseIterable {
        case cis, trans

        /// The phase call that satisfies it.
        package var relation: PhaseCall.Relation {
            switch self {
            case .cis: return .cis
            case .trans: return .trans
            }
        }
    }

    /// The kind of this rule.
    package var kind: Kind {
        switch self {
        case .proteinChange: return .proteinChange
        case .inframeDeletion: return .inframeDeletion
        case .inframeInsertion: return .inframeInsertion
        case .missenseAtCodon: return .missenseAtCodon
        case .exon: return .exon
        case .amplification: return .amplification
        case .overExpression: return .overExpression
        case .germlineGenotype: return .germlineGenotype
        case .combination: return .combination
        case .wildType: return .wildType
        }
    }

    /// The kinds a knowledge base may use, for messages.
    package static var kinds: [String] { Kind.allCases.map(\.rawValue) }

    enum CodingKeys: String, CodingKey {
        case kind, changes, firstCodon, lastCodon, codon, from, exon, consequence, minCopies, minTPM, rsid, allele, minCount
        case allOf, noneOf, phase, except, panelLimit
    }

    package init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Decoded as text first so an unknown kind or phase names the accepted ones (the loader adds the key path).
        let name = try c.decode(String.self, forKey: .kind)
        guard let kind = Kind(rawValue: name) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c,
                debugDescription: "unknown rule kind '\(name)' (expected one of \(Self.kinds.joined(separator: ", ")))")
        }
        switch kind {
        case .proteinChange: self = .proteinChange(try c.decode([String].self, forKey: .changes))
        case .inframeDeletion:
            self = .inframeDeletion(firstCodon: try c.decode(Int.self, forKey: .firstCodon), lastCodon: try c.decode(Int.self, forKey: .lastCodon),
                                    except: try c.decodeIfPresent([String].self, forKey: .except) ?? [])
        case .inframeInsertion:
            self = .inframeInsertion(firstCodon: try c.decode(Int.self, forKey: .firstCodon), lastCodon: try c.decode(Int.self, forKey: .lastCodon),
                                     except: try c.decodeIfPresent([String].self, forKey: .except) ?? [])
        case .missenseAtCodon:
            self = .missenseAtCodon(codon: try c.decode(Int.self, forKey: .codon), from: try c.decodeIfPresent(String.self, forKey: .from))
        case .exon:
            // Decoded as text first so a term the annotator never assigns names the accepted ones.
            let term = try c.decode(String.self, forKey: .consequence)
            guard let so = SOTerm(rawValue: term) else {
                throw DecodingError.dataCorruptedError(forKey: .consequence, in: c,
                    debugDescription: "'\(term)' is not a Sequence Ontology term g2t assigns (\(SOTerm.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            self = .exon(exon: try c.decode(Int.self, forKey: .exon), consequence: so)
        case .amplification: self = .amplification(minCopies: try c.decode(Double.self, forKey: .minCopies))
        case .overExpression: self = .overExpression(minTPM: try c.decode(Double.self, forKey: .minTPM))
        case .germlineGenotype:
            self = .germlineGenotype(rsid: try c.decode(String.self, forKey: .rsid), allele: try c.decode(String.self, forKey: .allele),
                                     minCount: try c.decode(Int.self, forKey: .minCount))
        case .combination:
            self = .combination(allOf: try c.decode([String].self, forKey: .allOf),
                                noneOf: try c.decodeIfPresent([String].self, forKey: .noneOf) ?? [],
                                phase: try Self.decodePhase(c))
        case .wildType: self = .wildType(panelLimit: try c.decode(String.self, forKey: .panelLimit))
        }
    }

    static func decodePhase(_ c: KeyedDecodingContainer<CodingKeys>) throws -> Phase? {
        guard let text = try c.decodeIfPresent(String.self, forKey: .phase) else { return nil }
        guard let phase = Phase(rawValue: text) else {
            throw DecodingError.dataCorruptedError(forKey: .phase, in: c,
                debugDescription: "unknown phase '\(text)' (expected \(Phase.allCases.map(\.rawValue).joined(separator: " or ")))")
        }
        return phase
    }

    package func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .proteinChange(let ch):
            try c.encode(ch, forKey: .changes)
        case .inframeDeletion(let a, let b, let except):
            try c.encode(a, forKey: .firstCodon)
            try c.encode(b, forKey: .lastCodon)
            if !except.isEmpty { try c.encode(except, forKey: .except) }
        case .inframeInsertion(let a, let b, let except):
            try c.encode(a, forKey: .firstCodon)
            try c.encode(b, forKey: .lastCodon)
            if !except.isEmpty { try c.encode(except, forKey: .except) }
        case .missenseAtCodon(let codon, let from):
            try c.encode(codon, forKey: .codon)
            try c.encodeIfPresent(from, forKey: .from)
        case .exon(let exon, let consequence):
            try c.encode(exon, forKey: .exon)
            try c.encode(consequence, forKey: .consequence)
        case .amplification(let minCopies):
            try c.encode(minCopies, forKey: .minCopies)
        case .overExpression(let minTPM):
            try c.encode(minTPM, forKey: .minTPM)
        case .germlineGenotype(let rsid, let allele, let n):
            try c.encode(rsid, forKey: .rsid)
            try c.encode(allele, forKey: .allele)
            try c.encode(n, forKey: .minCount)
        case .combination(let all, let none, let phase):
            try c.encode(all, forKey: .allOf)
            if !none.isEmpty { try c.encode(none, forKey: .noneOf) }
            try c.encodeIfPresent(phase, forKey: .phase)
        case .wildType(let limit):
            try c.encode(limit, forKey: .panelLimit)
        }
    }
}
