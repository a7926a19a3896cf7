@testable import G2TCore
import Testing

/// `TSVTable` splits text without carriage returns by bytes: the same rows as splitting by Character.
@Suite struct TSVTableTests {
    static func same(_ text: String) -> Bool {
        let a = TSVTable.splitByByte(text), b = TSVTable.splitByCharacter(text)
        return a.header == b.header && a.rows.map(\.line) == b.rows.map(\.line) && a.rows.map(\.fields) == b.rows.map(\.fields)
    }

    @Test func byteSplitMatchesCharacterSplit() {
        let cases = ["", "\n", "a\tb\n1\t2\n", "# note\na\tb\n\n1\t\n\t2\n# x\n3\t4", "a\tb\n1\t2\t\n",
                     "gène\tnom\né\t\u{301}x\n", "a\n", "#only\n#comments\n"]
        for t in cases { #expect(Self.same(t), "\(t.debugDescription)") }
    }

    @Test func everyBundledTableParsesAsByCharacter() throws {
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
}
