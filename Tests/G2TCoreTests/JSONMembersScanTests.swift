@testable import G2TCore
import Testing
import TestSupport

/// `JSONMembers` skips plain string bytes 8 at a time (`Scanner.skipPlain`): it must accept and
/// delimit exactly what the byte-by-byte scan accepted (`reference` below, the scan before), with
/// every kind of byte at every offset around the 8-byte steps.
@Suite struct JSONMembersScanTests {
    /// The string token's end (after its closing quote) starting at `start` (its opening quote), or
    /// nil: the byte-by-byte rules of `JSONMembers.Scanner.string()` before the 8-byte skip.
    static func reference(_ b: [UInt8], _ start: Int) -> Int? {
        var i = start + 1
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") { return i + 1 }
            if c < 0x20 { return nil }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < b.count else { return nil }
                switch b[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 6 <= b.count, let v = UInt32(String(decoding: b[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16),
                          b[(i + 2)..<(i + 6)].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }),
                          !(0xD800...0xDFFF).contains(v) else { return nil }
                    i += 6
                default: return nil
                }
                continue
            }
            if c < 0x80 { i += 1; continue }
            // Well-formed UTF-8 (RFC 3629), as Swift's own validation decides it.
            var n = 0
            switch c {
            case 0xC2...0xDF: n = 2
            case 0xE0...0xEF: n = 3
            case 0xF0...0xF4: n = 4
            default: return nil
            }
            guard i + n <= b.count, String(validating: b[i..<(i + n)], as: UTF8.self) != nil else { return nil }
            i += n
        }
        return nil
    }

    /// Pieces a string is made of: plain text, each byte the skip stops at, escapes, valid and broken UTF-8.
    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("Z9 ~".utf8), Array("\\\"".utf8), Array("\\\\".utf8), Array("\\/".utf8), Array("\\n".utf8),
        Array("\\u00e9".utf8), Array("\\u12g4".utf8), Array("\\ud83e".utf8), Array("\\x".utf8), [0x1F], [0x00], [0x7F], [0x20], [0x21], [0x23],
        [0x5B], [0x5D], Array("é".utf8), Array("漢".utf8), Array("🧬".utf8), [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0x80], [0xE6, 0xBC],
        [0xA2], [0xDC], [0x5C - 1], [0x5C + 1], [0x22 - 1], [0x22 + 1],
    ]

    @Test func skipPlainAcceptsAndDelimitsWhatTheByteScanDid() {
        var rng = ScanRandom(seed: 20261203)
        var checked = 0, accepted = 0
        for length in 0..<40 {
            for _ in 0..<60 {
                // Mostly plain bytes, so runs of 8 and more occur, with one or two other pieces.
                var s: [UInt8] = []
                while s.count < length {
                    s += rng.next() % 4 == 0 ? Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] : [UInt8(0x20 + rng.next() % 0x5F)]
                }
                for pad in 0..<9 {
                    // The string at every offset against the 8-byte steps, then a second member.
                    let head = Array("{\"k\":\(String(repeating: " ", count: pad))\"".utf8)
                    let bytes = head + s + Array("\",\"z\":1}".utf8)
                    let members = JSONMembers(bytes, in: 0..<bytes.count)
                    let end = Self.reference(bytes, head.count - 1)
                    // The reference string ending where the object's own text goes on means the whole object is valid.
                    let whole = end == head.count + s.count + 1
                    if let m = members {
                        // Accepted: the string ends where the byte scan ended it (a quote inside it can end it
                        // early and still leave valid JSON).
                        #expect(m.range(of: "k")?.lowerBound == head.count - 1 && m.range(of: "k")?.upperBound == end, "\(bytes)")
                        accepted += 1
                    } else if whole {
                        // The byte scan ended the string at the object's own quote: the object is valid.
                        Issue.record("refused \(bytes)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked == 40 * 60 * 9 && accepted > checked / 10)
    }

    /// A string long enough for many 8-byte steps, with the byte the skip stops at at each position.
    @Test func stopsAtEachSpecialByteAtEveryPosition() {
        for special: [UInt8] in [[0x22], [0x5C, 0x6E], [0x1F], [0xC3, 0xA9], [0xFF]] {
            for at in 0..<33 {
                var s = Array(repeating: UInt8(ascii: "x"), count: 40)
                s.replaceSubrange(at..<(at + special.count), with: special)
                let bytes = Array("{\"k\":\"".utf8) + s + Array("\"}".utf8)
                let expected = Self.reference(bytes, 5) == bytes.count - 1
                #expect((JSONMembers(bytes, in: 0..<bytes.count) != nil) == expected, "\(special) at \(at)")
            }
        }
    }
}

/// A small seeded generator (SplitMix64): the same cases on every run.
typealias ScanRandom = SplitMix64
