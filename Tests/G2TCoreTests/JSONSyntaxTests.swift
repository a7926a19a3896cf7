import G2TCore
import Testing

@Suite struct JSONSyntaxTests {
    @Test(arguments: [
        ("{\"a\": [1, 2.5e3, -0, true, null, \"x\\\"y\"]}", nil),
        ("{\n  \"a\": [1,,2]\n}", "line 2, column 11: unexpected ','"),
        ("{\"a\": 1", "line 1, column 8: unexpected end of the file"),
        ("{\"a\" 1}", "line 1, column 6: unexpected '1'"),
        ("{} x", "line 1, column 4: unexpected data after the JSON value"),
        ("{a: 1}", "line 1, column 2: expected a quoted key or string"),
        ("\"abc", "line 1, column 5: unterminated string"),
    ] as [(String, String?)])
    func locates(text: String, expected: String?) {
        #expect(JSONSyntax.firstError(in: Array(text.utf8)) == expected)
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(JSONSyntax.firstError(in: deep)?.contains("nested more than 512 deep") == true)
    }

    @Test func errorsStayOneShortLine() {
        let long = TextFormat.oneLine("a\nb" + String(repeating: "x", count: 1000))
        #expect(long.count == TextFormat.maxErrorLength && long.hasPrefix("a b") && long.hasSuffix("…"))
    }

    /// Finite numbers beyond Int's range used to trap in the fixed-decimal formatter.
    @Test func hugeNumbersFormatWithoutTrapping() {
        #expect(TextFormat.fixed(1e308, 1) == "1e+308")
        #expect(TextFormat.fixed(-3e19, 2) == "-3e+19")
        #expect(TextFormat.fixed(8.06, 1) == "8.1")
    }
}
