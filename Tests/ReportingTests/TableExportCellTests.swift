import Reporting
import Testing

/// Spreadsheet formula injection (OWASP "CSV injection"): cells a spreadsheet would evaluate are quoted.
@Suite struct TableExportCellTests {
    @Test(arguments: [
        ("=1+2", "'=1+2"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("=HYPERLINK(\"x\")\tB", "'=HYPERLINK(\"x\") B"), ("-", "'-"), ("-e5", "'-e5"),
        ("-1.5", "-1.5"), ("+3", "+3"), ("-2e-5", "-2e-5"), ("0.25", "0.25"), ("EGFR L858R", "EGFR L858R"),
        ("c.2573T>G", "c.2573T>G"), ("", ""), ("a\nb", "a b"),
    ])
    func cells(value: String, expected: String) {
        #expect(TableExport.cell(value) == expected)
    }
}
