import Crypto
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
        seen = []
        for (i, b) in kb.biomarkers.enumerated() {
            guard seen.insert(b.id).inserted else { throw fail("biomarkers[\(i)].id", "duplicate biomarker '\(b.id)'") }
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
