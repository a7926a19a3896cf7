import G2TCore
import Testing

/// `PanelReference.parseFASTA` splits ASCII text into lines by bytes: it must give what splitting the
/// String by Character gives (the parse it replaced, still used for other text).
@Suite struct PanelReferenceParseTests {
    func same(_ a: [PanelReference.Block], _ b: [PanelReference.Block]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.chrom == $1.chrom && $0.start == $1.start && $0.bases == $1.bases }
    }

    @Test func bundledFilesParseAsByCharacter() throws {
        let names = PanelLoader.bundledFileNames.filter { $0.hasSuffix(".fa") }
        #expect(names.count >= 14)
        for name in names {
            let text = try #require(PanelLoader.bundledFile(name))
            let fast = try PanelReference.parseFASTA(text, file: name)
            #expect(!fast.isEmpty && fast.allSatisfy { !$0.bases.isEmpty })
            #expect(same(fast, try PanelReference.parseFASTAByCharacter(text, file: name)), "\(name)")
        }
    }

    @Test(arguments: [">chr7:10-12 x\nacg\n\n>chr7:20-21\nTT\n", "\n\n>chr1:5-6\nnA", ">chr7:1-2\r\nAC\r\n", "junk\n>chr2:3-4 é\nGg\n"])
    func cornerCasesParseAsByCharacter(text: String) throws {
        #expect(same(try PanelReference.parseFASTA(text, file: "t.fa"), try PanelReference.parseFASTAByCharacter(text, file: "t.fa")))
    }

    /// The record name as the header parse took it before its ASCII path (main f33c2dc, verbatim: a
    /// Character split of the line after ">"), then `chrom:start-end`; nil where it threw.
    static func referenceHeader(_ line: Substring) -> (chrom: String, start: Int)? {
        let name = line.dropFirst().split(separator: " ").first.map(String.init) ?? ""
        let parts = name.split(separator: ":")
        guard parts.count == 2, let dash = parts[1].firstIndex(of: "-"),
              let s = Int(parts[1][..<dash]) else { return nil }
        return (String(parts[0]), s)
    }

    /// Header lines with leading, repeated and trailing spaces, tabs, a CR, non-ASCII text and a
    /// combining mark after a space (one Character with it: no split there), by both parses.
    @Test(arguments: [">chr7:10-12", ">chr7:10-12 x y", "> chr7:10-12", ">  chr7:10-12  z", ">chr7:10-12\tdesc", ">",
                      ">chr7:10-12\r", ">chr7:10-12 \r", ">chr1:5-6 é", ">chr1:5-6 \u{301}x", ">chr2:7-9\u{301} x", "> ",
                      ">chr7", ">chr7:x-2", ">chr7:3-4:5", ">\tchr7:3-4"])
    func headerNamesAsTheCharacterSplit(header: String) throws {
        let text = header + "\nAC\n"
        let want = Self.referenceHeader(Substring(header))
        for parse in [PanelReference.parseFASTA, PanelReference.parseFASTAByCharacter] {
            let got = try? parse(text, "t.fa")
            #expect(got?.first?.chrom == want?.chrom && got?.first?.start == want?.start, "\(header.debugDescription)")
        }
    }

    @Test func aBadRecordNameNamesTheSameLine() throws {
        let text = "\n>chr7:1-2\nAC\n\n>bad\nAC\n"
        #expect(throws: DataFileError.malformed(file: "t.fa", line: 3, problem: "record name 'bad' is not chrom:start-end")) {
            try PanelReference.parseFASTA(text, file: "t.fa")
        }
        #expect(throws: DataFileError.malformed(file: "t.fa", line: 3, problem: "record name 'bad' is not chrom:start-end")) {
            try PanelReference.parseFASTAByCharacter(text, file: "t.fa")
        }
    }
}
