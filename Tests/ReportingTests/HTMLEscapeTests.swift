@testable import Reporting
import Testing
import TestSupport

/// `HTMLEscape.append` (text without the five escaped bytes copied whole, ASCII or not) against the byte-by-byte and Character-by-Character
/// version it replaced (`referenceAppend`, kept here as it was).
@Suite struct HTMLEscapeTests {
    static let texts = ["", "EGFR L858R", "p.(Leu858Arg) 55191822 T>G", "a<b", "x > y", "A & B", "say \"no\"", "it's",
                        "<&>\"'", "µg/ml", "naïve <b>", "<\u{338} is one Character", "Ω & ω", "–5% × 2 ≥ 1", "e\u{301}\u{338}", "\u{338}<", "👩‍🔬 'lab'", "\r\n<", String(repeating: "ACGT", count: 5_000),
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

    /// Random texts from scalars that test the Character rule: the five escaped characters, combining
    /// marks (U+0301, U+0338) that join a preceding "<" into another Character, CR LF, a ZWJ emoji
    /// sequence and other non-ASCII letters, mixed with plain ASCII. Many have none of the five bytes
    /// and non-ASCII scalars: the copied-whole path beyond ASCII.
    @Test func randomTextsEscapeAsBefore() {
        let pool: [String] = ["<", ">", "&", "\"", "'", "\u{301}", "\u{338}", "\r", "\n", "\u{200D}", "👩", "🔬", "µ", "Ω", "é", "–",
                              "a", "b", "Z", " ", "0", "/", "%", "\t", "日本"]
        var rng = SplitMix64(seed: 0x68746D6C)
        var plainBeyondASCII = 0
        for _ in 0..<4_000 {
            let n = Int.random(in: 0...24, using: &rng)
            // Half the texts draw only from the entries after the five: nothing to escape.
            let from = Bool.random(using: &rng) ? 5 : 0
            var t = ""
            for _ in 0..<n { t += pool[Int.random(in: from..<pool.count, using: &rng)] }
            if from == 5 && t.utf8.contains(where: { $0 >= 0x80 }) { plainBeyondASCII += 1 }
            var got: [UInt8] = [1], want: [UInt8] = [1]
            HTMLEscape.append(t, to: &got)
            Self.referenceAppend(t, to: &want)
            #expect(got == want, "\(Array(t.unicodeScalars))")
        }
        #expect(plainBeyondASCII > 1_000)
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
