extension ScoredLine {
    /// `MDRAssessment`'s `Codable` bytes in the line layout, written by hand (as the therapies are):
    /// the generic encoder's containers for the MDR assessment, informational findings and knowledge
    /// base were a fifth of writing a scored line. Keys in UTF-8 order: assessed, evidence, level,
    /// notAssessed, risk, sources. `PlainJSONTests` compares the bytes with `Codable`'s.
    static func writeMDR(_ m: MDRAssessment, _ w: inout SortedJSONEncoder.Writer) {
        w.raw("{\"assessed\":"); w.raw(m.assessed ? "true" : "false")
        w.raw(",\"evidence\":"); writeStrings(m.evidence, &w)
        w.raw(",\"level\":"); w.string(m.level)
        w.raw(",\"notAssessed\":"); writeStrings(m.notAssessed, &w)
        w.raw(",\"risk\":"); w.string(m.risk.rawValue)
        w.raw(",\"sources\":"); writeStrings(m.sources, &w)
        w.bytes.append(UInt8(ascii: "}"))
    }

    /// `[InformationalFinding]`'s `Codable` bytes. Keys: biomarker, level, matchedBy, sources, statement.
    static func writeInformational(_ list: [InformationalFinding], _ w: inout SortedJSONEncoder.Writer) {
        w.bytes.append(UInt8(ascii: "["))
        for (i, f) in list.enumerated() {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            w.raw("{\"biomarker\":"); w.string(f.biomarker)
            w.raw(",\"level\":"); w.string(f.level)
            w.raw(",\"matchedBy\":"); w.string(f.matchedBy)
            w.raw(",\"sources\":"); writeStrings(f.sources, &w)
            w.raw(",\"statement\":"); w.string(f.statement)
            w.bytes.append(UInt8(ascii: "}"))
        }
        w.bytes.append(UInt8(ascii: "]"))
    }

    /// `KnowledgeBaseInfo`'s `Codable` bytes. Keys: name, oncokbDataDate (absent when nil), sha256, version.
    static func writeKnowledgeBase(_ k: KnowledgeBaseInfo, _ w: inout SortedJSONEncoder.Writer) {
        w.raw("{\"name\":"); w.string(k.name)
        if let d = k.oncokbDataDate { w.raw(",\"oncokbDataDate\":"); w.string(d) }
        w.raw(",\"sha256\":"); w.string(k.sha256)
        w.raw(",\"version\":"); w.string(k.version)
        w.bytes.append(UInt8(ascii: "}"))
    }

    /// `[PanelLimitFinding]`'s `Codable` bytes. Keys: assessment (absent when nil: codons, maxLOD,
    /// mutated; each codon assessed, codon, depth, gene, lod absent when nil), drugs, genes, sources, statement.
    static func writePanelLimits(_ list: [PanelLimitFinding], _ w: inout SortedJSONEncoder.Writer) throws {
        w.bytes.append(UInt8(ascii: "["))
        for (i, f) in list.enumerated() {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            w.bytes.append(UInt8(ascii: "{"))
            if let a = f.assessment {
                w.raw("\"assessment\":{\"codons\":[")
                for (k, c) in a.codons.enumerated() {
                    if k > 0 { w.bytes.append(UInt8(ascii: ",")) }
                    w.raw("{\"assessed\":"); w.raw(c.assessed ? "true" : "false")
                    w.raw(",\"codon\":"); w.string(c.codon)
                    w.raw(",\"depth\":"); w.int(c.depth)
                    w.raw(",\"gene\":"); w.string(c.gene)
                    if let lod = c.lod { w.raw(",\"lod\":"); try w.double(lod) }
                    w.bytes.append(UInt8(ascii: "}"))
                }
                w.raw("],\"maxLOD\":"); try w.double(a.maxLOD)
                w.raw(",\"mutated\":"); writeStrings(a.mutated, &w)
                w.raw("},")
            }
            w.raw("\"drugs\":"); writeStrings(f.drugs, &w)
            w.raw(",\"genes\":"); writeStrings(f.genes, &w)
            w.raw(",\"sources\":"); writeStrings(f.sources, &w)
            w.raw(",\"statement\":"); w.string(f.statement)
            w.bytes.append(UInt8(ascii: "}"))
        }
        w.bytes.append(UInt8(ascii: "]"))
    }

    static func writeStrings(_ list: [String], _ w: inout SortedJSONEncoder.Writer) {
        w.bytes.append(UInt8(ascii: "["))
        for (i, s) in list.enumerated() {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            w.string(s)
        }
        w.bytes.append(UInt8(ascii: "]"))
    }

    /// The four as `write` writes them, for `PlainJSONTests`.
    package static func findingsJSON(mdr: MDRAssessment, informational: [InformationalFinding], knowledgeBase: KnowledgeBaseInfo,
                                     panelLimits: [PanelLimitFinding]) throws
        -> (mdr: [UInt8], informational: [UInt8], knowledgeBase: [UInt8], panelLimits: [UInt8]) {
        var a = SortedJSONEncoder.Writer(pretty: false, escapeSlashes: false)
        writeMDR(mdr, &a)
        var b = SortedJSONEncoder.Writer(pretty: false, escapeSlashes: false)
        writeInformational(informational, &b)
        var c = SortedJSONEncoder.Writer(pretty: false, escapeSlashes: false)
        writeKnowledgeBase(knowledgeBase, &c)
        var d = SortedJSONEncoder.Writer(pretty: false, escapeSlashes: false)
        try writePanelLimits(panelLimits, &d)
        return (a.bytes, b.bytes, c.bytes, d.bytes)
    }
}
