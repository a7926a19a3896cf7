/// The members of one JSON object, found without decoding their values: each key with the byte
/// range of its value. The whole object is checked as JSON on the way (RFC 8259 syntax, UTF-8,
/// escapes, nesting at most `JSONSyntax.maxDepth`), so a value can be copied as it is or decoded on
/// its own. `g2t rescore` reads an annotated line this way: it decodes only the members scoring
/// reads and copies the line into its output.
///
/// Strict by design: anything unusual — a key with an escape, a key twice, a `\u` escape of a
/// surrogate, a byte sequence that is not UTF-8 — gives nil, and the caller takes Foundation's
/// decoder instead (whose value or error message is then the answer). So what this accepts,
/// Foundation accepts too.
package struct JSONMembers: Sendable {
    package private(set) var keys: [String] = []
    package private(set) var ranges: [Range<Int>] = []

    /// The object in `bytes[range]` (white space around it allowed), or nil (see above).
    package init?(_ bytes: [UInt8], in range: Range<Int>) {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
        var found: (keys: [String], ranges: [Range<Int>])?
        bytes.withUnsafeBufferPointer { buf in
            var s = Scanner(b: buf, i: range.lowerBound, end: range.upperBound)
            found = s.topObject()
        }
        guard let found else { return nil }
        keys = found.keys
        ranges = found.ranges
        // A key given twice: Foundation keeps one of them; leave the choice to it.
        guard Set(keys).count == keys.count else { return nil }
    }

    /// The byte range of `key`'s value, or nil when the object has no such key.
    package func range(of key: String) -> Range<Int>? {
        keys.firstIndex(of: key).map { ranges[$0] }
    }

    struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        var i: Int
        let end: Int

        mutating func space() {
            while i < end {
                let c = b[i]
                guard c == 32 || c == 10 || c == 13 || c == 9 else { return }
                i += 1
            }
        }

        mutating func topObject() -> (keys: [String], ranges: [Range<Int>])? {
            var keys: [String] = [], ranges: [Range<Int>] = []
            space()
            guard i < end, b[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            space()
            if i < end, b[i] == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    space()
                    guard i < end, b[i] == UInt8(ascii: "\"") else { return nil }
                    let keyStart = i + 1
                    guard string(), let key = plainKey(keyStart..<(i - 1)) else { return nil }
                    space()
                    guard i < end, b[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    space()
                    let valueStart = i
                    guard value(depth: 1) else { return nil }
                    keys.append(key)
                    ranges.append(valueStart..<i)
                    space()
                    guard i < end else { return nil }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard b[i] == UInt8(ascii: "}") else { return nil }
                    i += 1
                    break
                }
            }
            space()
            return i == end ? (keys, ranges) : nil
        }

        /// A key's text when it has no escape (every key g2t writes); nil otherwise.
        func plainKey(_ r: Range<Int>) -> String? {
            for k in r where b[k] == UInt8(ascii: "\\") { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
        }

        mutating func value(depth: Int) -> Bool {
            guard depth < JSONSyntax.maxDepth, i < end else { return false }
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1
                space()
                if i < end, b[i] == UInt8(ascii: "}") { i += 1; return true }
                while true {
                    space()
                    guard i < end, b[i] == UInt8(ascii: "\""), string() else { return false }
                    space()
                    guard i < end, b[i] == UInt8(ascii: ":") else { return false }
                    i += 1
                    space()
                    guard value(depth: depth + 1) else { return false }
                    space()
                    guard i < end else { return false }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard b[i] == UInt8(ascii: "}") else { return false }
                    i += 1
                    return true
                }
            case UInt8(ascii: "["):
                i += 1
                space()
                if i < end, b[i] == UInt8(ascii: "]") { i += 1; return true }
                while true {
                    space()
                    guard value(depth: depth + 1) else { return false }
                    space()
                    guard i < end else { return false }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard b[i] == UInt8(ascii: "]") else { return false }
                    i += 1
                    return true
                }
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return false
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard end - i >= n else { return false }
            for k in 0..<n where b[i + k] != word.utf8Start[k] { return false }
            i += n
            return true
        }

        mutating func digits() -> Int {
            let start = i
            while i < end, b[i] >= 48, b[i] <= 57 { i += 1 }
            return i - start
        }

        /// RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        mutating func number() -> Bool {
            if b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < end else { return false }
            let first = b[i]
            let n = digits()
            guard n > 0, first != 48 || n == 1 else { return false }
            if i < end, b[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { return false }
            }
            if i < end, b[i] | 0x20 == UInt8(ascii: "e") {
                i += 1
                if i < end, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { return false }
            }
            return true
        }

        /// A string from its opening quote: no control characters, the escapes JSON defines (a `\u`
        /// escape of a surrogate is left to Foundation), and well-formed UTF-8 (RFC 3629: no
        /// overlong forms, no surrogates, nothing above U+10FFFF).
        mutating func string() -> Bool {
            i += 1
            while i < end {
                skipPlain()
                guard i < end else { return false }
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; return true }
                if c < 0x20 { return false }
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < end else { return false }
                    switch b[i + 1] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 2
                    case UInt8(ascii: "u"):
                        guard i + 6 <= end else { return false }
                        var v: UInt32 = 0
                        for k in 2..<6 {
                            let h = b[i + k]
                            let d: UInt8
                            switch h {
                            case 48...57: d = h - 48
                            case 65...70: d = h - 55
                            case 97...102: d = h - 87
                            default: return false
                            }
                            v = v << 4 | UInt32(d)
                        }
                        if (0xD800...0xDFFF).contains(v) { return false }
                        i += 6
                    default: return false
                    }
                    continue
                }
                if c < 0x80 { i += 1; continue }
                guard utf8Scalar() else { return false }
            }
            return false
        }

        /// Moves to the next quote, backslash, control character or byte beyond ASCII in a string:
        /// the bytes `string()` would otherwise pass one by one (its byte loop was half of this
        /// scan, and most of a line is strings).
        mutating func skipPlain() { i = Self.plainEnd(b, from: i, end: end) }

        /// The first position from `i` in `b[..<end]` holding a quote, a backslash, a control
        /// character or a byte beyond ASCII, found 8 bytes at a time; it stops within the last 8
        /// bytes (the caller's byte loop goes on from there).
        static func plainEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
            guard let base = b.baseAddress, end <= b.count else { return start }
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let quotes = 0x22 &* ones, backslashes = 0x5C &* ones
            var i = start
            while end - i >= 8 {
                let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                // The top bit of each byte below 0x20, equal to '"' or '\\' (a zero byte of w XOR c),
                // or beyond ASCII. Borrows can set bits above the first such byte, never below it,
                // so the lowest bit set is that byte.
                let control = (w &- 0x20 &* ones) & ~w
                let q = w ^ quotes, s = w ^ backslashes
                let special = ((q &- ones) & ~q | (s &- ones) & ~s | control | w) & highs
                guard special == 0 else { return i + (special.trailingZeroBitCount >> 3) }
                i += 8
            }
            return i
        }

        /// One multi-byte UTF-8 sequence at `i` (its lead byte ≥ 0x80), checked and skipped.
        mutating func utf8Scalar() -> Bool {
            let c = b[i]
            func cont(_ k: Int) -> UInt8? { i + k < end && b[i + k] & 0xC0 == 0x80 ? b[i + k] : nil }
            switch c {
            case 0xC2...0xDF:
                guard cont(1) != nil else { return false }
                i += 2
            case 0xE0...0xEF:
                guard let c1 = cont(1), cont(2) != nil else { return false }
                if c == 0xE0 && c1 < 0xA0 { return false } // overlong
                if c == 0xED && c1 >= 0xA0 { return false } // surrogate
                i += 3
            case 0xF0...0xF4:
                guard let c1 = cont(1), cont(2) != nil, cont(3) != nil else { return false }
                if c == 0xF0 && c1 < 0x90 { return false } // overlong
                if c == 0xF4 && c1 >= 0x90 { return false } // above U+10FFFF
                i += 4
            default: return false
            }
            return true
        }
    }
}
