@testable import G2TCore
import Testing

/// `TSVTable` splits lines on "\n" (dropping a "\r" before it) and fields on tabs, by bytes.
@Suite struct TSVTableTests {
    /// An independent reference: lines split by Unicode scalar (where "\r\n" is two scalars, unlike
    /// Characters), a trailing "\r" dropped, comments and blank lines skipped.
    static func reference(_ text: String) -> (header: [String]?, rows: [(line: Int, fields: [String])]) {
        var header: [String]?
        var rows: [(line: Int, fields: [String])] = []
        for (i, raw) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw[...]
            if line.last == "\r" { line = line.dropLast() }
            if line.isEmpty || line.first == "#" { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
            if header == nil { header = fields } else { rows.append((i + 1, fields)) }
        }
        return (header, rows)
    }

    static func same(_ text: String) -> Bool {
        let a = TSVTable.split(text), b = reference(text)
        return a.header == b.header && a.rows.map(\.line) == b.rows.map(\.line) && a.rows.map(\.fields) == b.rows.map(\.fields)
    }

    @Test func splitMatchesTheReference() {
        let cases = ["", "\n", "a\tb\n1\t2\n", "# note\na\tb\n\n1\t\n\t2\n# x\n3\t4", "a\tb\n1\t2\t\n",
                     "gène\tnom\né\t\u{301}x\n", "a\n", "#only\n#comments\n",
                     "a\tb\r\n1\t2\r\n", "a\tb\r\n\r\n# c\r\n1\t\r\n", "a\tb\n1\tx\ry\n", "a\r\n"]
        for t in cases { #expect(Self.same(t), "\(t.debugDescription)") }
    }

    @Test func everyBundledTableMatchesTheReference() throws {
        let tables = PanelLoader.bundledFiles.filter { $0.key.hasSuffix(".tsv") }
        #expect(tables.count >= 5)
        for (name, text) in tables { #expect(Self.same(text), "\(name)") }
    }

    @Test func linesAndFieldsAreKept() throws {
        let t = try TSVTable(file: "t.tsv", text: "# c\na\tb\n\n1\t\n")
        #expect(t.columns == ["a", "b"])
        #expect(t.rows.count == 1 && t.rows[0].line == 4 && t.rows[0].fields == ["1", ""])
        #expect(throws: DataFileError.self) { try TSVTable(file: "e.tsv", text: "# only\n") }
    }

    /// A table saved with Windows line ends reads as the same table (it was one line before: "\r\n"
    /// is a single Character, which a split on "\n" never matches).
    @Test func windowsLineEndsReadAsTheSameTable() throws {
        let unix = try TSVTable(file: "u.tsv", text: "# c\ngene\tchrom\nEGFR\t7\nKRAS\t12\n")
        let windows = try TSVTable(file: "w.tsv", text: "# c\r\ngene\tchrom\r\nEGFR\t7\r\nKRAS\t12\r\n")
        #expect(windows.columns == unix.columns)
        #expect(windows.rows.map(\.fields) == unix.rows.map(\.fields))
        #expect(windows.rows.map(\.line) == [3, 4])
        #expect(try windows.int("chrom", in: windows.rows[1]) == 12)
    }
}
