import Foundation
import G2TCore
import Testing
import TestSupport

/// The panel is data: no gene, transcript or chromosome of the bundled panel is named in a string
/// literal in Sources/ (outside the bundled Data and the Generated code that embeds it).
@Suite struct PanelLiteralTests {
    /// Names to look for, read from the panel data itself.
    static func names() throws -> (words: [String], chromosomes: [String]) {
        var words: Set<String> = [], chroms: Set<String> = []
        for p in try PanelSet.bundled().panels.values {
            for t in p.transcripts { words.formUnion([t.gene, t.refseq, t.ensembl, t.protein]); chroms.insert(t.chrom) }
        }
        return (words.sorted(), chroms.sorted())
    }

    /// The string-literal parts of a Swift line (comments removed), tracking multi-line literals.
    static func literals(_ line: Substring, inMultiline: inout Bool) -> [String] {
        var out: [String] = [], current = "", inString = inMultiline
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if chars[i...].starts(with: "\"\"\"") {
                if inString { out.append(current); current = "" }
                inString.toggle()
                inMultiline = inString
                i += 3
                continue
            }
            if inString {
                if c == "\\" && i + 1 < chars.count { current.append(c); current.append(chars[i + 1]); i += 2; continue }
                if c == "\"" && !inMultiline { out.append(current); current = ""; inString = false; i += 1; continue }
                current.append(c)
            } else {
                if c == "/" && i + 1 < chars.count && chars[i + 1] == "/" { break }
                if c == "\"" { inString = true }
            }
            i += 1
        }
        if inString { out.append(current) }
        return out
    }

    @Test func noPanelNameInSources() throws {
        let (words, chroms) = try Self.names()
        #expect(words.contains("EGFR") && chroms.contains("chr7"), "the names come from the data")
        let bare = chroms.map { $0.hasPrefix("chr") ? String($0.dropFirst(3)) : $0 }
        var found: [String] = []
        let root = TestSupport.root + "/Sources"
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        #expect(files.count > 50)
        for f in files.sorted() where f.hasSuffix(".swift") && !f.contains("/Data/") && !f.contains("/Generated/") {
            var multiline = false
            for (n, line) in try TestSupport.readText("\(root)/\(f)").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for lit in Self.literals(line, inMultiline: &multiline) {
                    // Tokens keep "." (versioned accessions) but not at their end (end of a sentence).
                    let tokens = lit.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }
                        .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
                    let hit = tokens.first { words.contains($0) || chroms.contains($0) } ?? (bare.contains(lit) && !line.contains("number: \"\(lit)\"") && !line.contains("oncokbLevel") ? lit : nil)  // VCF Number=1 and OncoKB level 1 are not chr1
                    if let hit { found.append("Sources/\(f):\(n + 1): \(hit)") }
                }
            }
        }
        #expect(found.isEmpty, "panel names in code: \(found.joined(separator: "; "))")
    }

    @Test func theScannerFindsLiterals() {
        var m = false
        #expect(Self.literals(#"let g = "EGFR" // "ABCB1""#, inMultiline: &m) == ["EGFR"])
        #expect(Self.literals(#"x("a \(b) chr7:1")"#, inMultiline: &m) == [#"a \(b) chr7:1"#])
        _ = Self.literals(#"let t = """"#, inMultiline: &m)
        #expect(m)
        #expect(Self.literals("    title: 'EGFR findings'", inMultiline: &m) == ["    title: 'EGFR findings'"])
    }
}
