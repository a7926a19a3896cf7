/// Every rounding and number formatting g2t writes, in one place, so JSON, HTML and TSV agree.

/// Rounding of numbers kept as numbers (JSON fields), so outputs stay short and stable.
package enum Rounding {
    /// `x` rounded half away from zero to `places` decimals: places(0.12345, 4) → 0.1235.
    package static func places(_ x: Double, _ places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<max(0, places) { scale *= 10 }
        return (x * scale).rounded() / scale
    }

    /// Every fraction g2t writes (VAF, limit of detection, allele fractions): four decimals.
    package static func fraction(_ x: Double) -> Double { places(x, 4) }
}

extension TextFormat {
    /// A fraction as a percentage with one decimal: 0.3063 → "30.6%".
    package static func percent(_ x: Double) -> String { "\((x * 1000).rounded() / 10)%" }

    /// `x` with exactly `digits` decimals, locale-independent: fixed(8.06, 1) → "8.1", fixed(-0.5, 2) → "-0.50".
    package static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
        // Beyond Int's range (|x| ≥ ~9.2e18 after scaling) Swift's own notation is exact enough and cannot trap.
        guard let n = Int(exactly: (abs(x) * scale).rounded()) else { return String(x) }
        let sign = x < 0 && n != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(n) }
        let s = String(n)
        let padded = String(repeating: "0", count: max(0, digits + 1 - s.count)) + s
        return sign + padded.dropLast(digits) + "." + padded.suffix(digits)
    }

    /// One decimal in Swift's shortest notation: 12 → "12.0", 12.34 → "12.3" (SVG coordinates, timings).
    package static func oneDecimal(_ x: Double) -> String { String(Rounding.places(x, 1)) }

    /// One decimal, dropped when it is zero: 312.0 → "312", 312.46 → "312.5" (depths, scores).
    package static func compact(_ x: Double) -> String {
        let v = Rounding.places(x, 1)
        return v == v.rounded() ? String(Int(v)) : String(v)
    }

    /// Two significant digits in scientific notation, the exponent unpadded: 2.1e-05 → "2.1e-5" (small
    /// probabilities and error rates, in origin evidence and the UMI section).
    package static func scientific(_ x: Double) -> String {
        guard x != 0 else { return "0" }
        guard x.isFinite else { return fixed(x, 1) }
        var e = 0
        var m = abs(x)
        while m < 1 { m *= 10; e -= 1 }
        while m >= 10 { m /= 10; e += 1 }
        return (x < 0 ? "-" : "") + fixed(m, 1) + "e" + String(e)
    }

    /// Thousands grouped with commas: 2430 → "2,430" (counts in sentences).
    package static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
