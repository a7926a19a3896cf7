/// Values read straight from JSON bytes, without `Codable`: for the few member types `g2t rescore`
/// decodes on every line (`HotspotCall.plainList`). Only the plain forms g2t itself writes are read
/// — objects with their keys in strictly increasing byte order (g2t sorts keys, so no key twice),
/// strings without escapes, integers as plain integer literals —; anything else gives nil and the
/// caller decodes with `Codable` (`JSONCoding.decodeTree`), whose value or error is then the answer.
/// So a value read here is the value `Codable` decodes (`PlainJSONTests` compares them).
///
/// Every value is checked as JSON on the way (`JSONMembers.Scanner`), so the bytes need not come from
/// a checked line.
package enum PlainJSON {
    /// The byte ranges of the elements of the array in `b[range]` (white space around it allowed); nil
    /// when it is not one valid JSON array.
    package static func elements(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>]? {
        guard range.lowerBound >= 0, range.upperBound <= b.count else { return nil }
        var s = JSONMembers.Scanner(b: b, i: range.lowerBound, end: range.upperBound)
        var out: [Range<Int>] = []
        s.space()
        guard s.i < s.end, b[s.i] == UInt8(ascii: "[") else { return nil }
        s.i += 1
        s.space()
        if s.i < s.end, b[s.i] == UInt8(ascii: "]") {
            s.i += 1
        } else {
            while true {
                s.space()
                let start = s.i
                guard s.value(depth: 1) else { return nil }
                out.append(start..<s.i)
                s.space()
                guard s.i < s.end else { return nil }
                if b[s.i] == UInt8(ascii: ",") { s.i += 1; continue }
                guard b[s.i] == UInt8(ascii: "]") else { return nil }
                s.i += 1
                break
            }
        }
        s.space()
        return s.i == s.end ? out : nil
    }

    /// Each member of the object in `b[range]`: `body(key bytes, value range)`, in order. false when
    /// it is not one valid JSON object, a key has an escape or does not follow the previous one in
    /// strictly increasing byte order, or `body` returns false.
    package static func members(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Bool) -> Bool {
        guard range.lowerBound >= 0, range.upperBound <= b.count else { return false }
        var s = JSONMembers.Scanner(b: b, i: range.lowerBound, end: range.upperBound)
        s.space()
        guard s.i < s.end, b[s.i] == UInt8(ascii: "{") else { return false }
        s.i += 1
        s.space()
        if s.i < s.end, b[s.i] == UInt8(ascii: "}") {
            s.i += 1
        } else {
            var previous: UnsafeBufferPointer<UInt8>?
            while true {
                s.space()
                guard s.i < s.end, b[s.i] == UInt8(ascii: "\"") else { return false }
                let keyStart = s.i + 1
                guard s.string() else { return false }
                let key = UnsafeBufferPointer(rebasing: b[keyStart..<(s.i - 1)])
                guard !key.contains(UInt8(ascii: "\\")) else { return false }
                if let p = previous, !precedes(p, key) { return false }
                previous = key
                s.space()
                guard s.i < s.end, b[s.i] == UInt8(ascii: ":") else { return false }
                s.i += 1
                s.space()
                let valueStart = s.i
                guard s.value(depth: 1), body(key, valueStart..<s.i) else { return false }
                s.space()
                guard s.i < s.end else { return false }
                if b[s.i] == UInt8(ascii: ",") { s.i += 1; continue }
                guard b[s.i] == UInt8(ascii: "}") else { return false }
                s.i += 1
                break
            }
        }
        s.space()
        return s.i == s.end
    }

    /// Whether `a` comes strictly before `b` in byte order (the order g2t's encoder sorts keys in).
    static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<min(a.count, b.count) where a[k] != b[k] { return a[k] < b[k] }
        return a.count < b.count
    }

    /// Whether `key` is `name` (ASCII).
    package static func isKey(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        let n = name.utf8Start
        for k in 0..<key.count where key[k] != n[k] { return false }
        return true
    }

    /// The string value `b[r]` (a valid JSON string: the members' values are checked) when it has no
    /// escape; nil otherwise (not a string, or escaped).
    package static func string(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String? {
        guard r.count >= 2, b[r.lowerBound] == UInt8(ascii: "\""), b[r.upperBound - 1] == UInt8(ascii: "\"") else { return nil }
        let inner = UnsafeBufferPointer(rebasing: b[(r.lowerBound + 1)..<(r.upperBound - 1)])
        guard !inner.contains(UInt8(ascii: "\\")) else { return nil }
        // Checked UTF-8 (`JSONMembers.Scanner.string`): decoding repairs nothing.
        return String(decoding: inner, as: UTF8.self)
    }

    /// The integer `b[r]` when it is a plain integer literal (no fraction, no exponent, not "-0")
    /// within Int: what `Codable` reads as an Int without help; nil otherwise.
    package static func int(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        guard i < r.upperBound else { return nil }
        let negative = b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < r.upperBound else { return nil }
        // As `TreeJSONDecoder.Parser.number`: the magnitude without overflow, then within Int.
        var m: UInt64 = 0
        for k in i..<r.upperBound {
            let d = b[k] &- 48
            guard d <= 9 else { return nil }
            let (t, o1) = m.multipliedReportingOverflow(by: 10)
            let (s, o2) = t.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { return nil }
            m = s
        }
        // A leading zero is refused by the scanner; "-0" is the Double -0.0 to Codable.
        guard !(negative && m == 0) else { return nil }
        if negative { return m <= UInt64(Int.max) + 1 ? (m == UInt64(Int.max) + 1 ? Int.min : -Int(m)) : nil }
        return m <= UInt64(Int.max) ? Int(m) : nil
    }

    /// The number `b[r]` as `Codable` reads a Double (`TreeJSONDecoder`: an integer literal within
    /// Int through Int, any other through the correctly rounded parse); nil when it is not a number.
    package static func double(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Double? {
        if let i = int(b, r) { return Double(i) }
        guard !r.isEmpty else { return nil }
        let c = b[r.lowerBound]
        guard c == UInt8(ascii: "-") || (48...57).contains(c) else { return nil }
        guard let d = Double(String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)), d.isFinite else { return nil }
        return d
    }

    /// Whether `b[r]` is `null`.
    package static func isNull(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        r.count == 4 && b[r.lowerBound] == UInt8(ascii: "n")
    }
}
