/// One line of `g2t rescore`'s output (format "g2t-scored-line/2", docs/report-schema.md, "Scored
/// lines"): the annotated analysis as it was read, and what scoring it against a knowledge base
/// found. Therapies name their statements by knowledge-base keys (statement index, biomarker id,
/// source keys) instead of repeating each summary and citation per sample: a version-1 line (the
/// whole scored analysis) was ~116 KB, 70% of it therapies' repeated text.
///
/// Keys (sorted, as every g2t JSON): `annotated` (the input analysis, byte for byte), `format`,
/// `informational`, `knowledgeBase`, `mdr`, `panelLimits` (as in the report), `therapies`
/// (`Therapy`) and `tiers` (each annotated variant's tier, in order; null when it has none).
package enum ScoredLine {
    /// The value of `format`; a line without it is an analysis (annotated, or scored by version 1).
    package static let format = "g2t-scored-line/2"

    /// A drug's call in a scored line: the verdict and the evidence behind it, by reference.
    package struct Therapy: Codable, Sendable, Equatable {
        package var drug: String
        package var call: TherapyCall.Call
        package var score: Double
        package var mdrRisk: MDRRisk
        package var setting: String?
        package var inSetting: Bool?
        package var evidence: [Evidence]

        /// The lean form of a scored therapy; nil when an item lacks its `reference` (not made by the scorer).
        package init?(_ t: TherapyCall) {
            var items: [Evidence] = []
            for e in t.evidence {
                guard let item = Evidence(e) else { return nil }
                items.append(item)
            }
            drug = t.drug
            call = t.call
            score = t.score
            mdrRisk = t.mdrRisk
            setting = t.setting
            inSetting = t.inSetting
            evidence = items
        }
    }

    /// One piece of evidence: what the sample contributes (match, weight, clonality) and the
    /// statement's keys in the knowledge base named by the line's `knowledgeBase` (its sha256).
    package struct Evidence: Codable, Sendable, Equatable {
        /// Index into the knowledge base's `effects` (0-based; `g2t kb show` lists them in this
        /// order); nil for the P-gp MDR adjustment (`kind` "mdr"), which is the knowledge base's `mdr`.
        package var statement: Int?
        /// The statement's biomarker id (`biomarkers[].id`); nil for the MDR adjustment.
        package var biomarker: String?
        package var effect: EffectDirection
        package var oncokbLevel: String
        package var ampLevel: String
        /// Keys of the knowledge base's `sources` (`g2t kb show` lists each with its citation).
        package var sources: [String]
        package var matchedBy: String
        package var inTumorType: Bool
        package var weight: Double
        package var counted: Bool
        package var clonality: Clonality?
        package var ccf: CancerCellFraction?
        /// "mdr" on the MDR adjustment; nil (absent) on knowledge-base statements.
        package var kind: EvidenceKind?
        /// Absent when empty, as in the report.
        package var variants: [VariantKey]?

        package init?(_ e: EvidenceItem) {
            guard let r = e.reference else { return nil }
            statement = r.statement
            biomarker = r.biomarker
            effect = e.effect
            oncokbLevel = e.oncokbLevel
            ampLevel = e.ampLevel
            sources = r.sources
            matchedBy = e.matchedBy
            inTumorType = e.inTumorType
            weight = e.weight
            counted = e.counted
            clonality = e.clonality
            ccf = e.ccf
            kind = e.kind == .biomarker ? nil : e.kind
            variants = e.variants.isEmpty ? nil : e.variants
        }
    }

    /// A scored line as a reader sees it (tests, and tools in Swift); `g2t rescore` writes lines with `write`.
    package struct Decoded: Decodable, Sendable {
        package var annotated: Analysis
        package var format: String
        package var informational: [InformationalFinding]
        package var knowledgeBase: KnowledgeBaseInfo
        package var mdr: MDRAssessment
        package var panelLimits: [PanelLimitFinding]
        package var therapies: [Therapy]
        package var tiers: [Tier?]
    }

    /// A therapy call without its statements' keys: only the scorer's own calls can be written.
    package struct MissingReference: Error, CustomStringConvertible {
        package var drug: String
        package var description: String { "internal: the evidence for \(drug) has no knowledge-base reference" }
    }

    /// The line's bytes with its newline. `annotated` is copied as it is (it must be one JSON
    /// object: `g2t rescore` has checked its syntax and decoded what scoring reads). Written by hand
    /// (no `Codable` per value): `ScoredLineTests` compares the therapies with the `Codable` bytes of `Therapy`.
    package static func write(annotated: UnsafeRawBufferPointer, therapies: [TherapyCall], scoring: ScoreResult,
                              tiers: [Tier?]) throws -> [UInt8] {
        var w = SortedJSONEncoder.Writer(pretty: false, escapeSlashes: false)
        // About 650 bytes per therapy and 2 KB for the MDR assessment: one allocation, no regrowth.
        w.bytes.reserveCapacity(annotated.count + 1024 * therapies.count + 8192)
        w.bytes.append(UInt8(ascii: "{"))
        w.key("annotated", first: true)
        w.bytes.append(contentsOf: annotated)
        w.key("format"); w.string(format)
        // By hand (`ScoredLine+Findings`): the same bytes as the encoder every g2t JSON goes through.
        w.key("informational"); writeInformational(scoring.informational, &w)
        w.key("knowledgeBase"); writeKnowledgeBase(scoring.knowledgeBase, &w)
        w.key("mdr"); writeMDR(scoring.mdr, &w)
        w.key("panelLimits"); try writePanelLimits(scoring.panelLimits, &w)
        w.key("therapies"); try writeTherapies(therapies, &w)
        w.key("tiers")
        w.bytes.append(UInt8(ascii: "["))
        for (i, t) in tiers.enumerated() {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            w.string(t?.rawValue)
        }
        w.bytes.append(UInt8(ascii: "]"))
        w.bytes.append(UInt8(ascii: "}"))
        w.bytes.append(UInt8(ascii: "\n"))
        return w.bytes
    }

    /// The therapies as `[Therapy]`'s `Codable` bytes (line layout).
    package static func therapiesJSON(_ therapies: [TherapyCall]) throws -> [UInt8] {
        var w = SortedJSONEncoder.Writer(pretty: false, escapeSlashes: false)
        try writeTherapies(therapies, &w)
        return w.bytes
    }

    /// Keys are written with their separators as one literal each (`,"key":`, the line layout):
    /// one append instead of four per key, for the ~60 keys of a sample's evidence.
    static func writeTherapies(_ therapies: [TherapyCall], _ w: inout SortedJSONEncoder.Writer) throws {
        w.bytes.append(UInt8(ascii: "["))
        for (i, t) in therapies.enumerated() {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            // Keys in UTF-8 order: call, drug, evidence, inSetting, mdrRisk, score, setting.
            w.bytes.append(UInt8(ascii: "{"))
            w.raw("\"call\":"); w.string(t.call.rawValue)
            w.raw(",\"drug\":"); w.string(t.drug)
            w.raw(",\"evidence\":")
            w.bytes.append(UInt8(ascii: "["))
            for (j, e) in t.evidence.enumerated() {
                guard let r = e.reference else { throw MissingReference(drug: t.drug) }
                if j > 0 { w.bytes.append(UInt8(ascii: ",")) }
                try writeEvidence(e, r, &w)
            }
            w.bytes.append(UInt8(ascii: "]"))
            if let s = t.inSetting { w.raw(",\"inSetting\":"); w.raw(s ? "true" : "false") }
            w.raw(",\"mdrRisk\":"); w.string(t.mdrRisk.rawValue)
            w.raw(",\"score\":"); try w.double(t.score)
            if let s = t.setting { w.raw(",\"setting\":"); w.string(s) }
            w.bytes.append(UInt8(ascii: "}"))
        }
        w.bytes.append(UInt8(ascii: "]"))
    }

    /// Keys in UTF-8 order: ampLevel, biomarker, ccf, clonality, counted, effect, inTumorType, kind,
    /// matchedBy, oncokbLevel, sources, statement, variants, weight (optionals absent when nil).
    static func writeEvidence(_ e: EvidenceItem, _ r: EvidenceReference, _ w: inout SortedJSONEncoder.Writer) throws {
        w.bytes.append(UInt8(ascii: "{"))
        w.raw("\"ampLevel\":"); w.string(e.ampLevel)
        if let b = r.biomarker { w.raw(",\"biomarker\":"); w.string(b) }
        if let ccf = e.ccf {
            w.raw(",\"ccf\":")
            w.bytes.append(UInt8(ascii: "{"))
            w.raw("\"high\":"); try w.double(ccf.high)
            w.raw(",\"low\":"); try w.double(ccf.low)
            w.raw(",\"value\":"); try w.double(ccf.value)
            w.bytes.append(UInt8(ascii: "}"))
        }
        if let c = e.clonality { w.raw(",\"clonality\":"); w.string(c.rawValue) }
        w.raw(",\"counted\":"); w.raw(e.counted ? "true" : "false")
        w.raw(",\"effect\":"); w.string(e.effect.rawValue)
        w.raw(",\"inTumorType\":"); w.raw(e.inTumorType ? "true" : "false")
        if e.kind != .biomarker { w.raw(",\"kind\":"); w.string(e.kind.rawValue) }
        w.raw(",\"matchedBy\":"); w.string(e.matchedBy)
        w.raw(",\"oncokbLevel\":"); w.string(e.oncokbLevel)
        w.raw(",\"sources\":")
        w.bytes.append(UInt8(ascii: "["))
        for (k, s) in r.sources.enumerated() {
            if k > 0 { w.bytes.append(UInt8(ascii: ",")) }
            w.string(s)
        }
        w.bytes.append(UInt8(ascii: "]"))
        if let s = r.statement { w.raw(",\"statement\":"); w.int(s) }
        if !e.variants.isEmpty {
            w.raw(",\"variants\":")
            w.bytes.append(UInt8(ascii: "["))
            for (k, v) in e.variants.enumerated() {
                if k > 0 { w.bytes.append(UInt8(ascii: ",")) }
                w.string(v.text)
            }
            w.bytes.append(UInt8(ascii: "]"))
        }
        w.raw(",\"weight\":"); try w.double(e.weight)
        w.bytes.append(UInt8(ascii: "}"))
    }
}
