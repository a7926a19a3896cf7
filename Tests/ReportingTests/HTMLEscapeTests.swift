@testable import Reporting
import Testing

/// `HTMLEscape.append` (plain ASCII copied whole) against the byte-by-byte and Character-by-Character
/// version it replaced (`referenceAppend`, kept here as it was).
@Suite struct HTMLEscapeTests {
    static let texts = ["", "EGFR L858R", "p.(Leu858Arg) 55191822 T>G", "a<b", "x > y", "A & B", "say \"no\"", "it's",
                        "<&>\"'", "µg/ml", "naïve <b>", "<\u{338} is one Character", "Ω & ω", String(repeating: "ACGT", count: 5_000),
                        String(repeating: "ACGT", count: 5_000) + "<", "tab\there\nnewline"]

    @Test(arguments: texts) func escapesAsBefore(text: String) {
        var got: [UInt8] = Array("prefix ".utf8)
        HTMLEscape.append(text, to: &got)
        var want: [UInt8] = Array("prefix ".utf8)
        Self.referenceAppend(text, to: &want)
        #expect(got == want)
    }

    @Test func substringsEscapeAsBefore() {
        // A String made from a Substring, and one built by appending: other storage, same bytes.
        let s = String("xx<yy>zz µ".dropFirst(2))
        var built = ""
        for c in "plain text" { built.append(c) }
        for t in [s, built] {
            var got: [UInt8] = [], want: [UInt8] = []
            HTMLEscape.append(t, to: &got)
            Self.referenceAppend(t, to: &want)
            #expect(got == want, "\(t)")
        }
    }

    static func referenceAppend(_ text: String, to out: inout [UInt8]) {
        var ascii = true
        for b in text.utf8 where b >= 0x80 { ascii = false; break }
        guard ascii else {
            for c in text {
                switch c {
                case "<": out.append(contentsOf: "&lt;".utf8)
                case ">": out.append(contentsOf: "&gt;".utf8)
                case "&": out.append(contentsOf: "&amp;".utf8)
                case "\"": out.append(contentsOf: "&quot;".utf8)
                case "'": out.append(contentsOf: "&#39;".utf8)
                default: out.append(contentsOf: c.utf8)
                }
            }
            return
        }
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(b)
            }
        }
    }
}
