import G2TCore

/// Tab-separated exports of the report's tables, and a MultiQC custom-content file.
package enum TableExport {
    package static func variants(_ a: Analysis) -> String {
        var out = ""
        variants(a) { out += $0 }
        return out
    }

    /// The same text as `variants(a)`, handed to `sink` in pieces of about 1 MB (a row per variant:
    /// 200,000 of them need not be held as one table).
    package static func variants(_ a: Analysis, to sink: (String) throws -> Void) rethrows {
        let sample = cell(a.sample.id)
        var piece = line(["sample", "gene", "chrom", "pos", "ref", "alt", "transcript", "hgvsc", "hgvsp", "hgvsp_short", "consequence",
                          "exon", "intron", "vaf", "depth", "alt_depth", "alt_forward", "alt_reverse", "filter", "hotspot"])
        // Each cell appended as it is made: no array of 19 strings per row (200,000 rows).
        func add(_ c: String) {
            piece += "\t"
            piece += cell(c)
        }
        for v in a.variants {
            piece += sample
            add(v.gene ?? ""); add(v.chrom); add(String(v.pos)); add(v.ref); add(v.alt)
            let n = v.annotation
            add(n?.transcript ?? ""); add(n?.hgvsc ?? ""); add(n?.hgvsp ?? ""); add(n?.hgvspShort ?? "")
            add(n?.consequence.text ?? ""); add(n?.exon.map(String.init) ?? ""); add(n?.intron.map(String.init) ?? "")
            add(v.vaf.map { String($0) } ?? ""); add(String(v.depth)); add(String(v.altDepth)); add(String(v.altForward)); add(String(v.altReverse))
            add(v.filter.text); add(v.hotspot ?? "")
            piece += "\n"
            if piece.utf8.count >= 1 << 20 {
                try sink(piece)
                piece = ""
            }
        }
        try sink(piece)
    }

    /// One TSV row and its line break.
    static func line(_ cells: [String]) -> String { cells.map(cell).joined(separator: "\t") + "\n" }

    package static func hotspots(_ a: Analysis) -> String {
        table(["sample", "hotspot", "gene", "chrom", "pos", "ref", "alt", "hgvsc", "hgvsp", "status", "depth", "alt_depth", "vaf", "lod"],
              a.hotspots.map { h in
                  [a.sample.id, h.name, h.gene, h.chrom, String(h.pos), h.ref, h.alt, h.hgvsc, h.hgvsp, h.status.rawValue,
                   String(h.depth), String(h.altDepth), String(h.vaf), h.lod.map { String($0) } ?? ""]
              })
    }

    package static func therapies(_ a: Analysis) -> String {
        table(["sample", "drug", "class", "call", "score", "biomarkers", "levels", "sources", "explanation"],
              a.therapies.map { t in
                  [a.sample.id, t.drug, t.drugClass, t.call.rawValue, String(t.score),
                   t.evidence.map { "\($0.effect.rawValue):\($0.biomarker)" }.joined(separator: "; "),
                   t.evidence.map { [$0.oncokbLevel.isEmpty ? nil : "OncoKB \($0.oncokbLevel)", $0.ampLevel.isEmpty ? nil : "AMP \($0.ampLevel)"]
                       .compactMap { $0 }.joined(separator: "/") }.joined(separator: "; "),
                   Array(Set(t.evidence.flatMap(\.sources))).sorted().joined(separator: "; "), t.explanation]
              })
    }

    /// MultiQC custom content: one row per sample, so MultiQC shows g2t's findings beside the
    /// lab's own QC when it finds `*_mqc.tsv` files.
    /// `summaryGenes`: the panel genes (role `summary`) whose findings the table lists.
    package static func multiQC(_ a: Analysis, summaryGenes: [String]) -> String {
        // One pass, no filtered copies of the variants.
        let findings = a.variants.compactMap { v in
            v.passed && summaryGenes.contains(v.gene ?? "") ? v.annotation?.hgvspShort.map { "\(v.gene ?? "") \($0.dropFirst(2))" } : nil
        }
        let genes = summaryGenes.joined(separator: "/")
        let column = "g2t_\(summaryGenes.joined(separator: "_").lowercased())_findings"
        let top = a.therapies.first { $0.call == .sensitive || $0.call == .likelySensitive }?.drug ?? "none"
        let resistant = a.therapies.filter { $0.call == .resistant || $0.call == .likelyResistant }.map(\.drug)
        let low = a.hotspots.filter { $0.status == .lowCoverage }.count
        // Custom content as a table section of its own ("plot_type: table"): MultiQC merges the
        // rows of every sample's file that share this id. Text columns are kept, unlike general stats.
        let header = """
        # id: 'g2t'
        # section_name: 'g2t genome to therapy'
        # description: '\(genes) findings, therapy calls and hotspot coverage from g2t \(a.software.version) (knowledge base \(a.knowledgeBase?.version ?? "none")). For research use only.'
        # plot_type: 'table'
        # pconfig:
        #     id: 'g2t_summary'
        #     title: 'g2t: findings per sample'
        # headers:
        #     \(column):
        #         title: '\(genes) findings'
        #     g2t_top_sensitive:
        #         title: 'Top sensitive drug'
        #     g2t_resistant:
        #         title: 'Resistant drugs'
        #     g2t_mean_depth:
        #         title: 'Target depth'
        #         suffix: 'x'
        #         format: '{:,.0f}'
        #     g2t_low_coverage_hotspots:
        #         title: 'Low-coverage hotspots'
        #         format: '{:,.0f}'

        """
        return header + table(["Sample", column, "g2t_top_sensitive", "g2t_resistant", "g2t_mean_depth", "g2t_low_coverage_hotspots"],
                              [[a.sample.id, findings.isEmpty ? "none" : findings.joined(separator: ","), top,
                                resistant.isEmpty ? "none" : resistant.joined(separator: ","), String(a.qc.meanTargetDepth), String(low)]])
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(cell).joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    /// One TSV cell: tabs and line breaks become spaces, and a value a spreadsheet would run as a
    /// formula (starting with `=`, `+`, `-` or `@`) gets a leading single quote, as OWASP's CSV
    /// injection guidance recommends. Plain numbers (-1.5, +3, -2e-5) are left as they are.
    package static func cell(_ s: String) -> String {
        // Most cells hold no tab or line break: no per-character pass (a row per variant adds up).
        let flat = s.utf8.contains { $0 == 9 || $0 == 10 || $0 == 13 } ? String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) : s
        guard let first = flat.utf8.first, formulaStarts.contains(first), !isPlainNumber(flat) else { return flat }
        return "'" + flat
    }

    private static let formulaStarts: Set<UInt8> = Set("=+-@".utf8)

    /// A decimal number: optional sign, digits with an optional fraction, optional exponent.
    static func isPlainNumber(_ s: String) -> Bool {
        var u = Substring(s).utf8[...]
        func digits() -> Int {
            let n = u.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            u = u.dropFirst(n)
            return n
        }
        if let c = u.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { u = u.dropFirst() }
        var mantissa = digits()
        if u.first == UInt8(ascii: ".") { u = u.dropFirst(); mantissa += digits() }
        guard mantissa > 0 else { return false }
        if let c = u.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            u = u.dropFirst()
            if let c = u.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { u = u.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return u.isEmpty
    }
}
