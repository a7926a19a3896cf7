import Crypto
import G2TCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A knowledge base with the bytes it came from, for its sha256 in the report.
public struct LoadedKnowledgeBase: Sendable {
    public let kb: KnowledgeBase
    public let sha256: String
    /// "bundled" or the file path.
    public let origin: String

    public init(kb: KnowledgeBase, sha256: String, origin: String) {
        self.kb = kb
        self.sha256 = sha256
        self.origin = origin
    }
}

/// Loads and validates knowledge bases.
public enum KnowledgeBaseLoader {
    /// The knowledge base compiled into g2t.
    public static func bundled() throws -> LoadedKnowledgeBase {
        try parse(Array((EmbeddedData.files["g2t-kb.json"] ?? "").utf8), origin: "bundled")
    }

    /// A knowledge base from a JSON file (a lab's own, via `--kb`).
    public static func load(path: String) throws -> LoadedKnowledgeBase {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KnowledgeBaseError.unreadable(file: path)
        }
        return try parse(Array(data), origin: path)
    }

    static func parse(_ bytes: [UInt8], origin: String) throws -> LoadedKnowledgeBase {
        let kb: KnowledgeBase
        do {
            kb = try JSONDecoder().decode(KnowledgeBase.self, from: Data(bytes))
        } catch let e as DecodingError {
            throw KnowledgeBaseError.invalid(file: origin, keyPath: Self.path(of: e), problem: Self.problem(of: e))
        }
        try validate(kb, file: origin)
        let digest = SHA256.hash(data: bytes).map { byte in
            let h = String(byte, radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
        return LoadedKnowledgeBase(kb: kb, sha256: digest, origin: origin)
    }

    /// Cross-references and values a JSON decoder cannot check.
    public static func validate(_ kb: KnowledgeBase, file: String) throws {
        func fail(_ path: String, _ problem: String) -> KnowledgeBaseError { .invalid(file: file, keyPath: path, problem: problem) }
        var seen = Set<String>()
        for (i, d) in kb.drugs.enumerated() {
            guard d.name == d.name.lowercased(), !d.name.isEmpty else { throw fail("drugs[\(i)].name", "must be a lower-case INN") }
            guard seen.insert(d.name).inserted else { throw fail("drugs[\(i)].name", "duplicate drug '\(d.name)'") }
            guard ["yes", "no", "unknown"].contains(d.pgpSubstrate) else { throw fail("drugs[\(i)].pgpSubstrate", "must be yes, no or unknown") }
        }
        for (i, d) in kb.drugs.enumerated() {
            if let s = d.pgpSource, kb.sources[s] == nil { throw fail("drugs[\(i)].pgpSource", "unknown source '\(s)'") }
            for c in d.components ?? [] where kb.drug(named: c) == nil { throw fail("drugs[\(i)].components", "unknown drug '\(c)'") }
        }
        if let f = kb.levelWeights.subclonalBelow, !(f > 0 && f <= 1) { throw fail("levelWeights.subclonalBelow", "must be in (0, 1]") }
        if let f = kb.levelWeights.subclonalSensitivityFactor, !(f >= 0 && f <= 1) {
            throw fail("levelWeights.subclonalSensitivityFactor", "must be in [0, 1]")
        }
        seen = []
        for (i, b) in kb.biomarkers.enumerated() {
            guard seen.insert(b.id).inserted else { throw fail("biomarkers[\(i)].id", "duplicate biomarker '\(b.id)'") }
        }
        for (i, b) in kb.biomarkers.enumerated() {
            try validateRule(b, at: "biomarkers[\(i)].rule", in: kb, fail: fail)
        }
        let codes = Set(((try? TumorType.catalogue()) ?? []).map(\.code))
        func checkTypes(_ types: [String], _ path: String) throws {
            for t in types where !codes.isEmpty && !codes.contains(t) { throw fail(path, "unknown OncoTree code '\(t)' (see g2t tumor-types)") }
        }
        for (i, e) in kb.effects.enumerated() {
            guard kb.biomarker(id: e.biomarker) != nil else { throw fail("effects[\(i)].biomarker", "unknown biomarker '\(e.biomarker)'") }
            guard kb.drug(named: e.drug) != nil else { throw fail("effects[\(i)].drug", "unknown drug '\(e.drug)'") }
            guard e.effect == "sensitivity" || e.effect == "resistance" else { throw fail("effects[\(i)].effect", "must be sensitivity or resistance") }
            if let l = e.oncokbLevel, kb.levelWeights.oncokb[l] == nil { throw fail("effects[\(i)].oncokbLevel", "unknown OncoKB level '\(l)'") }
            if let l = e.ampLevel, kb.levelWeights.amp[l] == nil { throw fail("effects[\(i)].ampLevel", "unknown AMP level '\(l)'") }
            guard e.oncokbLevel != nil || e.ampLevel != nil else { throw fail("effects[\(i)]", "needs an oncokbLevel or an ampLevel") }
            guard !e.sources.isEmpty else { throw fail("effects[\(i)].sources", "every effect needs at least one source") }
            for s in e.sources where kb.sources[s] == nil { throw fail("effects[\(i)].sources", "unknown source '\(s)'") }
            try checkTypes(e.tumorTypes, "effects[\(i)].tumorTypes")
        }
        for (i, x) in (kb.informational ?? []).enumerated() {
            guard kb.biomarker(id: x.biomarker) != nil else { throw fail("informational[\(i)].biomarker", "unknown biomarker '\(x.biomarker)'") }
            guard !x.sources.isEmpty else { throw fail("informational[\(i)].sources", "every statement needs at least one source") }
            for s in x.sources where kb.sources[s] == nil { throw fail("informational[\(i)].sources", "unknown source '\(s)'") }
        }
        for (i, c) in (kb.tumorTypeContext ?? []).enumerated() {
            guard c.role == "standard" || c.role == "excluded" else { throw fail("tumorTypeContext[\(i)].role", "must be standard or excluded") }
            for d in c.drugs where kb.drug(named: d) == nil { throw fail("tumorTypeContext[\(i)].drugs", "unknown drug '\(d)'") }
            guard !c.sources.isEmpty else { throw fail("tumorTypeContext[\(i)].sources", "every context needs at least one source") }
            for s in c.sources where kb.sources[s] == nil { throw fail("tumorTypeContext[\(i)].sources", "unknown source '\(s)'") }
            try checkTypes(c.tumorTypes, "tumorTypeContext[\(i)].tumorTypes")
        }
        if let m = kb.mdr {
            guard m.moderateCopies < m.highCopies else { throw fail("mdr.highCopies", "must be above moderateCopies") }
            guard m.lowTPM < m.moderateTPM, m.moderateTPM < m.highTPM else { throw fail("mdr.highTPM", "TPM thresholds must rise: lowTPM < moderateTPM < highTPM") }
            guard kb.levelWeights.amp[m.ampLevel] != nil else { throw fail("mdr.ampLevel", "unknown AMP level '\(m.ampLevel)'") }
            guard !m.sources.isEmpty else { throw fail("mdr.sources", "needs at least one source") }
            for s in m.sources where kb.sources[s] == nil { throw fail("mdr.sources", "unknown source '\(s)'") }
        }
    }

    /// Rule values a decoder cannot check: combinations name known biomarkers, without cycles.
    static func validateRule(_ b: KnowledgeBase.Biomarker, at path: String, in kb: KnowledgeBase,
                             fail: (String, String) -> KnowledgeBaseError) throws {
        switch b.rule {
        case .inframeDeletion(let a, let z), .inframeInsertion(let a, let z):
            guard a > 0, a <= z else { throw fail(path, "firstCodon must be positive and not after lastCodon") }
        case .germlineGenotype(_, let allele, let n):
            guard ["A", "C", "G", "T"].contains(allele) else { throw fail(path + ".allele", "must be one plus-strand base A, C, G or T") }
            guard n == 1 || n == 2 else { throw fail(path + ".minCount", "must be 1 or 2") }
        case .amplification(let c):
            guard c > 2 else { throw fail(path + ".minCopies", "must be above 2 (diploid)") }
        case .overExpression(let t):
            guard t > 0 else { throw fail(path + ".minTPM", "must be positive") }
        case .combination(let all, let none, let phase):
            guard !all.isEmpty else { throw fail(path + ".allOf", "must name at least one biomarker") }
            for id in all + none where kb.biomarker(id: id) == nil { throw fail(path, "unknown biomarker '\(id)'") }
            if let phase {
                guard phase == "cis" || phase == "trans" else { throw fail(path + ".phase", "must be cis or trans") }
                guard all.count >= 2 else { throw fail(path + ".phase", "a phase needs two biomarkers in allOf") }
            }
            // Depth-first walk: a combination may not contain itself.
            var stack = all + none
            var visited = Set<String>()
            while let id = stack.popLast() {
                guard id != b.id else { throw fail(path, "combination '\(b.id)' refers to itself") }
                guard visited.insert(id).inserted, let inner = kb.biomarker(id: id) else { continue }
                if case .combination(let a2, let n2, _) = inner.rule { stack += a2 + n2 }
            }
        case .proteinChange, .missenseAtCodon, .exon:
            break
        }
    }

    static func path(of e: DecodingError) -> String {
        let ctx: DecodingError.Context
        switch e {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): ctx = c
        case .keyNotFound(let k, let c):
            return (c.codingPath + [k]).map(Self.component).joined(separator: ".").replacingDotIndices()
        @unknown default: return ""
        }
        return ctx.codingPath.map(Self.component).joined(separator: ".").replacingDotIndices()
    }

    static func component(_ k: CodingKey) -> String { k.intValue.map { "[\($0)]" } ?? k.stringValue }

    static func problem(of e: DecodingError) -> String {
        switch e {
        case .keyNotFound(let k, _): return "missing key '\(k.stringValue)'"
        case .typeMismatch(let t, _): return "wrong type (expected \(t))"
        case .valueNotFound(let t, _): return "missing value (expected \(t))"
        case .dataCorrupted(let c):
            // The parser's own message says where the JSON breaks (line and column).
            return c.underlyingError.map { "\(c.debugDescription) \($0)" } ?? c.debugDescription
        @unknown default: return "invalid"
        }
    }
}

/// A knowledge base that cannot be used, with the file, key path and problem.
public enum KnowledgeBaseError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String)
    case invalid(file: String, keyPath: String, problem: String)

    public var description: String {
        switch self {
        case .unreadable(let f): return "\(f): cannot read the knowledge base"
        case .invalid(let f, let k, let p): return k.isEmpty ? "\(f): \(p)" : "\(f): \(k): \(p)"
        }
    }
}

private extension String {
    /// "effects.[3].drug" → "effects[3].drug"
    func replacingDotIndices() -> String {
        var out = ""
        var prev: Character?
        for ch in self {
            if ch == "[" && prev == "." { out.removeLast() }
            out.append(ch)
            prev = ch
        }
        return out
    }
}
