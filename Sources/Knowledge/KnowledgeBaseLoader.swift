import Checksum
import G2TCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A knowledge base with the bytes it came from, for its sha256 in the report.
package struct LoadedKnowledgeBase: Sendable {
    package let kb: KnowledgeBase
    package let sha256: String
    /// "bundled" or the file path.
    package let origin: String

    package init(kb: KnowledgeBase, sha256: String, origin: String) {
        self.kb = kb
        self.sha256 = sha256
        self.origin = origin
    }
}

/// Loads and validates knowledge bases.
package enum KnowledgeBaseLoader {
    /// The knowledge base compiled into g2t, parsed on first use and then shared (a `static let` is
    /// initialised once): the commands, and every `TherapyScorer` that falls back on its call cut-offs,
    /// get the same value instead of parsing it again.
    package static func bundled() throws -> LoadedKnowledgeBase { try bundledOnce.get() }

    private static let bundledOnce: Result<LoadedKnowledgeBase, any Error> = Result {
        try parse(Array((EmbeddedData.files["g2t-kb.json"] ?? "").utf8), origin: "bundled")
    }

    /// A knowledge base from a JSON file (a lab's own, via `--kb`).
    package static func load(path: String) throws -> LoadedKnowledgeBase {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KnowledgeBaseError.unreadable(file: path)
        }
        return try parse(Array(data), origin: path)
    }

    static func parse(_ bytes: [UInt8], origin: String) throws -> LoadedKnowledgeBase {
        // Foundation keeps one of two equal keys silently (and Python's json the other): refuse them.
        // The bundled file is not scanned at every start (~8 M instructions): a test checks it has none.
        if origin != "bundled", let dup = DuplicateKeyScanner.firstDuplicate(in: bytes) {
            throw KnowledgeBaseError.invalid(file: origin, keyPath: dup.path, problem: "duplicate key '\(dup.key)' (line \(dup.line))")
        }
        var kb: KnowledgeBase
        do {
            kb = try JSONCoding.decode(KnowledgeBase.self, from: bytes)
        } catch let e as DecodingError {
            if case .dataCorrupted(let c) = e, c.codingPath.isEmpty, let at = JSONSyntax.firstError(in: bytes) {
                throw KnowledgeBaseError.invalid(file: origin, keyPath: "", problem: "not valid JSON: \(at)")
            }
            throw KnowledgeBaseError.invalid(file: origin, keyPath: Self.path(of: e), problem: Self.problem(of: e))
        }
        if kb.callCutoffs == nil {
            // Knowledge bases written before the cut-offs moved into the knowledge base score as they did.
            guard origin != "bundled" else { throw KnowledgeBaseError.invalid(file: origin, keyPath: "callCutoffs", problem: "missing") }
            kb.callCutoffs = try bundled().kb.callCutoffs
        }
        try validate(kb, file: origin)
        let digest = SHA256.hex(SHA256.hash(data: bytes))
        return LoadedKnowledgeBase(kb: kb, sha256: digest, origin: origin)
    }

    /// Cross-references and values a JSON decoder cannot check.
    package static func validate(_ kb: KnowledgeBase, file: String) throws {
        func fail(_ path: String, _ problem: String) -> KnowledgeBaseError { .invalid(file: file, keyPath: path, problem: problem) }
        var seen = Set<String>()
        for (i, d) in kb.drugs.enumerated() {
            guard d.name == d.name.lowercased(), !d.name.isEmpty else { throw fail("drugs[\(i)].name", "must be a lower-case INN") }
            guard seen.insert(d.name).inserted else { throw fail("drugs[\(i)].name", "duplicate drug '\(d.name)'") }
        }
        var names = Set(kb.drugs.map(\.name))
        for (i, d) in kb.drugs.enumerated() {
            for a in d.aliases ?? [] {
                guard !a.isEmpty, names.insert(a.lowercased()).inserted else {
                    throw fail("drugs[\(i)].aliases", "alias '\(a)' is empty or names another drug or alias")
                }
            }
        }
        for (i, d) in kb.drugs.enumerated() {
            if let s = d.pgpSource, kb.sources[s] == nil { throw fail("drugs[\(i)].pgpSource", "unknown source '\(s)'") }
            for c in d.components ?? [] where kb.drug(named: c) == nil { throw fail("drugs[\(i)].components", "unknown drug '\(c)'") }
        }
        try validateWeights(kb.levelWeights, fail: fail)
        if let c = kb.callCutoffs {
            guard c.sensitive > c.likelySensitive, c.likelySensitive > 0, 0 > c.likelyResistant, c.likelyResistant > c.resistant,
                  [c.sensitive, c.likelySensitive, c.likelyResistant, c.resistant].allSatisfy({ abs($0) <= 100 }) else {
                throw fail("callCutoffs", "must satisfy sensitive > likelySensitive > 0 > likelyResistant > resistant (each within ±100)")
            }
            guard c.decidingResistance < 0, c.decidingResistance >= -100 else { throw fail("callCutoffs.decidingResistance", "must be below 0 (and ≥ −100)") }
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
            if let l = e.oncokbLevel, kb.levelWeights.oncokb[l] == nil { throw fail("effects[\(i)].oncokbLevel", "unknown OncoKB level '\(l)'") }
            if let l = e.ampLevel, kb.levelWeights.amp[l] == nil { throw fail("effects[\(i)].ampLevel", "unknown AMP level '\(l)'") }
            guard e.oncokbLevel != nil || e.ampLevel != nil else { throw fail("effects[\(i)]", "needs an oncokbLevel or an ampLevel") }
            guard !e.sources.isEmpty else { throw fail("effects[\(i)].sources", "every effect needs at least one source") }
            for s in e.sources where kb.sources[s] == nil { throw fail("effects[\(i)].sources", "unknown source '\(s)'") }
            try checkTypes(e.tumorTypes, "effects[\(i)].tumorTypes")
            if let s = e.setting {
                for d in s.after ?? [] where kb.drug(named: d) == nil { throw fail("effects[\(i)].setting.after", "unknown drug '\(d)'") }
                if !(s.after ?? []).isEmpty && s.line != .laterLine { throw fail("effects[\(i)].setting.after", "only later-line evidence names prior drugs") }
            }
            if e.dominant == true && e.effect != .resistance { throw fail("effects[\(i)].dominant", "only resistance can be dominant") }
        }
        for (i, x) in (kb.informational ?? []).enumerated() {
            guard kb.biomarker(id: x.biomarker) != nil else { throw fail("informational[\(i)].biomarker", "unknown biomarker '\(x.biomarker)'") }
            guard !x.sources.isEmpty else { throw fail("informational[\(i)].sources", "every statement needs at least one source") }
            for s in x.sources where kb.sources[s] == nil { throw fail("informational[\(i)].sources", "unknown source '\(s)'") }
            try checkTypes(x.tumorTypes ?? [], "informational[\(i)].tumorTypes")
        }
        seen = []
        for (i, l) in (kb.panelLimits ?? []).enumerated() {
            guard seen.insert(l.id).inserted else { throw fail("panelLimits[\(i)].id", "duplicate id '\(l.id)'") }
            guard !l.genes.isEmpty, !l.drugs.isEmpty, !l.tumorTypes.isEmpty else { throw fail("panelLimits[\(i)]", "needs tumorTypes, drugs and genes") }
            for d in l.drugs where kb.drug(named: d) == nil { throw fail("panelLimits[\(i)].drugs", "unknown drug '\(d)'") }
            guard !l.sources.isEmpty else { throw fail("panelLimits[\(i)].sources", "needs at least one source") }
            for s in l.sources where kb.sources[s] == nil { throw fail("panelLimits[\(i)].sources", "unknown source '\(s)'") }
            try checkTypes(l.tumorTypes, "panelLimits[\(i)].tumorTypes")
        }
        for (i, c) in (kb.tumorTypeContext ?? []).enumerated() {
            for d in c.drugs where kb.drug(named: d) == nil { throw fail("tumorTypeContext[\(i)].drugs", "unknown drug '\(d)'") }
            guard !c.sources.isEmpty else { throw fail("tumorTypeContext[\(i)].sources", "every context needs at least one source") }
            for s in c.sources where kb.sources[s] == nil { throw fail("tumorTypeContext[\(i)].sources", "unknown source '\(s)'") }
            try checkTypes(c.tumorTypes, "tumorTypeContext[\(i)].tumorTypes")
        }
        if let m = kb.mdr {
            try validateMDR(m, kb: kb, checkTypes: checkTypes, fail: fail)
            guard kb.levelWeights.amp[m.ampLevel] != nil else { throw fail("mdr.ampLevel", "unknown AMP level '\(m.ampLevel)'") }
            guard !m.sources.isEmpty else { throw fail("mdr.sources", "needs at least one source") }
            for s in m.sources where kb.sources[s] == nil { throw fail("mdr.sources", "unknown source '\(s)'") }
        }
    }

    /// Weights within documented ranges: a sign error would turn evidence upside down.
    static func validateWeights(_ w: KnowledgeBase.LevelWeights, fail: (String, String) -> KnowledgeBaseError) throws {
        for (level, x) in w.oncokb.sorted(by: { $0.key < $1.key }) {
            // OncoKB's resistance levels are R1/R2; every other level is sensitivity. Magnitude ≤ 5 keeps one
            // statement from outweighing the whole ladder (level 1 weighs 3).
            let ok = level.hasPrefix("R") ? (x <= 0 && x >= -5) : (x >= 0 && x <= 5)
            guard ok, x.isFinite else { throw fail("levelWeights.oncokb.\(level)", level.hasPrefix("R") ? "must be in [-5, 0]" : "must be in [0, 5]") }
        }
        for (level, x) in w.amp.sorted(by: { $0.key < $1.key }) {
            guard x.isFinite, x >= 0, x <= 5 else { throw fail("levelWeights.amp.\(level)", "must be in [0, 5] (the effect's direction gives the sign)") }
        }
        guard w.outsideTumorTypeFactor.isFinite, w.outsideTumorTypeFactor >= 0, w.outsideTumorTypeFactor <= 1 else {
            throw fail("levelWeights.outsideTumorTypeFactor", "must be in [0, 1]")
        }
    }

    static func validateMDR(_ m: KnowledgeBase.MDRRules, kb: KnowledgeBase, checkTypes: ([String], String) throws -> Void,
                            fail: (String, String) -> KnowledgeBaseError) throws {
        if let low = m.lowCopies, !(low > 2 && low < m.moderateCopies) { throw fail("mdr.lowCopies", "must be above 2 and below moderateCopies") }
        guard m.moderateCopies > 2, m.moderateCopies < m.highCopies else { throw fail("mdr.highCopies", "copies must rise above 2: moderateCopies < highCopies") }
        let ladder = [m.lowTPM, m.moderateTPM, m.highTPM]
        let folds = [m.foldLow, m.foldModerate, m.foldHigh]
        if ladder.allSatisfy({ $0 != nil }) {
            let t = ladder.compactMap { $0 }
            guard t[0] > 0, t[0] < t[1], t[1] < t[2] else { throw fail("mdr.highTPM", "TPM thresholds must rise: 0 < lowTPM < moderateTPM < highTPM") }
        } else if folds.allSatisfy({ $0 != nil }) {
            let f = folds.compactMap { $0 }
            guard f[0] > 1, f[0] < f[1], f[1] < f[2] else { throw fail("mdr.foldHigh", "folds must rise above 1: foldLow < foldModerate < foldHigh") }
            guard let d = m.defaultBaselineTPM, d > 0, d.isFinite else { throw fail("mdr.defaultBaselineTPM", "must be a positive number") }
            for (i, b) in (m.expressionBaselines ?? []).enumerated() {
                guard b.medianTPM > 0, b.medianTPM.isFinite else { throw fail("mdr.expressionBaselines[\(i)].medianTPM", "must be a positive number") }
                guard kb.sources[b.source] != nil else { throw fail("mdr.expressionBaselines[\(i)].source", "unknown source '\(b.source)'") }
                try checkTypes(b.tumorTypes, "mdr.expressionBaselines[\(i)].tumorTypes")
            }
        } else {
            throw fail("mdr", "needs foldLow/foldModerate/foldHigh with expressionBaselines and defaultBaselineTPM (or the older lowTPM/moderateTPM/highTPM)")
        }
        for (key, w) in [("lowWeight", m.lowWeight), ("moderateWeight", m.moderateWeight), ("highWeight", m.highWeight)] {
            // P-gp risk is preclinical evidence (AMP IID): it may lower a call, never decide it.
            guard w.isFinite, w <= 0, w >= -1 else { throw fail("mdr.\(key)", "must be in [-1, 0]") }
        }
    }

    /// Rule values a decoder cannot check: combinations name known biomarkers, without cycles.
    static func validateRule(_ b: KnowledgeBase.Biomarker, at path: String, in kb: KnowledgeBase,
                             fail: (String, String) -> KnowledgeBaseError) throws {
        switch b.rule {
        case .inframeDeletion(let a, let z, _), .inframeInsertion(let a, let z, _):
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
            if phase != nil, all.count < 2 { throw fail(path + ".phase", "a phase needs two biomarkers in allOf") }
            // Depth-first walk: a combination may not contain itself.
            var stack = all + none
            var visited = Set<String>()
            while let id = stack.popLast() {
                guard id != b.id else { throw fail(path, "combination '\(b.id)' refers to itself") }
                guard visited.insert(id).inserted, let inner = kb.biomarker(id: id) else { continue }
                if case .combination(let a2, let n2, _) = inner.rule { stack += a2 + n2 }
            }
        case .exon:
            break  // the term is an SOTerm: an unknown spelling is refused while decoding
        case .wildType(let id):
            // The genes and their codons come from the panel limit, so the row and the limit's statement agree.
            guard let limit = (kb.panelLimits ?? []).first(where: { $0.id == id }) else {
                throw fail(path + ".panelLimit", "unknown panel limit '\(id)' (panelLimits ids: \((kb.panelLimits ?? []).map(\.id).joined(separator: ", ")))")
            }
            guard limit.genes.contains(b.gene) else {
                throw fail(String(path.dropLast(".rule".count)) + ".gene", "must be one of panel limit '\(id)''s genes (\(limit.genes.joined(separator: ", ")))")
            }
        case .proteinChange, .missenseAtCodon:
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
package enum KnowledgeBaseError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String)
    case invalid(file: String, keyPath: String, problem: String)

    package var description: String {
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
