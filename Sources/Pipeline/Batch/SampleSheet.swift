import G2TCore
import HTS
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A batch's sample sheet, nf-core style: CSV with `sample,input,tumor_type` and optional
/// `abcb1_expression`, `pon`, `normal`, `purity`, `config`, `amplicons`, `umi_tag`; validated up front with line-numbered errors.
package struct SampleSheet: Sendable, Equatable {
    /// One row: a sample to run.
    package struct Row: Sendable, Equatable {
        package var line: Int
        package var sample: String
        package var input: String
        package var tumorType: String?
        package var abcb1Expression: Double?
        /// Expression per panel gene (column `expression`: GENE=TPM, separated by ";"), as --expression.
        package var expression: [GeneExpression] = []
        package var pon: String?
        /// The matched normal's alignments (as --normal).
        package var normal: String?
        /// For a VCF input, the sample column to read (column `vcf_sample`; default: the tumour column).
        package var vcfSample: String?
        /// Drugs the patient has had (column `prior_therapy`, separated by ";"), resolved when scoring.
        package var priorTherapies: [String] = []
        /// Tumour purity from pathology, in (0, 1] (as --purity).
        package var purity: Double?
        /// Amplicon design (column `amplicons`, as --amplicons).
        package var amplicons: String?
        /// The SAM tag holding the reads' UMIs (column `umi_tag`, as --umi-tag).
        package var umiTag: String?
        /// A thresholds file (column `config`, as --config) and the thresholds it gives, checked when the sheet is read.
        package var config: String?
        package var parameters: CallingParameters?
    }

    package var path: String
    package var rows: [Row]

    static let required = ["sample", "input", "tumor_type"]
    static let optional = ["abcb1_expression", "expression", "pon", "normal", "purity", "prior_therapy", "vcf_sample", "config", "amplicons", "umi_tag"]
    /// Names of the batch's own files in --out: a sample so named would collide with them.
    static let reserved: Set<String> = ["batch-summary", "batch-summary.tsv", "batch-summary.json", "batch-summary.manifest.json", "cohort", "cohort.html"]

    /// Reads and validates `path`; every problem found is reported, each with its line.
    package static func load(_ path: String) throws -> SampleSheet {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SampleSheetError(path: path, problems: ["cannot read the sample sheet"])
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0[...]) }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let headerLine = lines.first else { throw SampleSheetError(path: path, problems: ["line 1: empty sample sheet"]) }
        let header = try fields(headerLine, line: 1, path: path).map { $0.lowercased() }
        var problems: [String] = []
        for c in required where !header.contains(c) { problems.append("line 1: missing column '\(c)' (need \(required.joined(separator: ",")))") }
        for c in header where !required.contains(c) && !optional.contains(c) {
            problems.append("line 1: unknown column '\(c)' (optional columns: \(optional.joined(separator: ", ")))")
        }
        if !problems.isEmpty { throw SampleSheetError(path: path, problems: problems) }
        let types = (try? TumorType.catalogue()) ?? []
        let base = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        for (i, text) in lines.enumerated().dropFirst() {
            let n = i + 1
            if text.trimmingCharacters(in: .whitespaces).isEmpty || text.hasPrefix("#") { continue }
            let values = try fields(text, line: n, path: path)
            guard values.count == header.count else {
                problems.append("line \(n): \(values.count) fields, the header has \(header.count)")
                continue
            }
            let v = Dictionary(uniqueKeysWithValues: zip(header, values.map { $0.trimmingCharacters(in: .whitespaces) }))
            let sample = v["sample"] ?? ""
            if sample.isEmpty || !sample.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) || sample.hasPrefix(".") {
                problems.append("line \(n): sample '\(sample)' must be letters, digits, '-', '_' or '.'")
            } else if reserved.contains(sample.lowercased()) {
                problems.append("line \(n): sample '\(sample)' is the name of a batch summary file; choose another")
            } else if let first = seen[sample] {
                problems.append("line \(n): duplicate sample '\(sample)' (first on line \(first))")
            } else {
                seen[sample] = n
            }
            func file(_ key: String) -> String? {
                guard let f = v[key], !f.isEmpty else { return nil }
                let resolved = f.hasPrefix("/") || FileManager.default.fileExists(atPath: f) ? f : base + "/" + f
                if !FileManager.default.fileExists(atPath: resolved) { problems.append("line \(n): \(key) file '\(f)' not found") }
                return resolved
            }
            let input = file("input")
            if input == nil { problems.append("line \(n): input is empty") }
            var tumor = v["tumor_type"].flatMap { $0.isEmpty ? nil : $0 }
            if let t = tumor {
                do { tumor = try TumorType.resolve(t, in: types).code } catch { problems.append("line \(n): \(error)") }
            }
            var tpm: Double?
            if let e = v["abcb1_expression"], !e.isEmpty {
                if let x = Double(e), InputLimits.isTPM(x) { tpm = x } else { problems.append("line \(n): abcb1_expression '\(e.prefix(40))' is not a TPM value from 0 to 1000000") }
            }
            var expression: [GeneExpression] = []
            for pair in (v["expression"] ?? "").split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2, !parts[0].isEmpty, let x = Double(parts[1]), InputLimits.isTPM(x) {
                    expression.append(GeneExpression(gene: parts[0], tpm: x, source: "--expression"))
                } else {
                    problems.append("line \(n): expression '\(pair.prefix(40))' is not GENE=TPM with a TPM from 0 to 1000000")
                }
            }
            var purity: Double?
            if let e = v["purity"], !e.isEmpty {
                if let x = Double(e), x > 0, x <= 1 { purity = x } else { problems.append("line \(n): purity '\(e)' is not in (0, 1]") }
            }
            var row = Row(line: n, sample: sample, input: input ?? "", tumorType: tumor, abcb1Expression: tpm, pon: file("pon"), normal: file("normal"),
                          purity: purity)
            row.expression = expression
            row.vcfSample = v["vcf_sample"].flatMap { $0.isEmpty ? nil : $0 }
            row.amplicons = file("amplicons")
            if let t = v["umi_tag"], !t.isEmpty {
                if UMITag(t) == nil { problems.append("line \(n): umi_tag '\(t.prefix(20))' is not a SAM tag name (two characters, a letter then a letter or digit, e.g. RX)") }
                row.umiTag = t
            }
            if let c = file("config"), FileManager.default.fileExists(atPath: c) {
                row.config = c
                do { row.parameters = try ConfigurationFile.load(path: c) } catch { problems.append("line \(n): config: \(error)") }
            }
            row.priorTherapies = (v["prior_therapy"] ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            rows.append(row)
        }
        if rows.isEmpty && problems.isEmpty { problems.append("no samples (only a header)") }
        if !problems.isEmpty { throw SampleSheetError(path: path, problems: problems) }
        return SampleSheet(path: path, rows: rows)
    }

    /// CSV fields of one line: commas, double quotes with "" for a quote.
    static func fields(_ line: String, line n: Int, path: String) throws -> [String] {
        var out: [String] = []
        var cur = ""
        var quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    if let d = chars.next() {
                        if d == "\"" { cur.append("\"") } else { quoted = false; if d == "," { out.append(cur); cur = "" } else { cur.append(d) } }
                    } else { quoted = false }
                } else { cur.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { out.append(cur); cur = "" }
            else { cur.append(c) }
        }
        if quoted { throw SampleSheetError(path: path, problems: ["line \(n): unterminated quote"]) }
        out.append(cur)
        return out
    }
}

/// Everything wrong with a sample sheet, one problem per line.
package struct SampleSheetError: Error, Equatable, Sendable, CustomStringConvertible {
    package var path: String
    package var problems: [String]
    package var description: String { problems.map { "\(path): \($0)" }.joined(separator: "\n") }
}
