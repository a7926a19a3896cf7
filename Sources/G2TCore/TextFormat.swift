/// Small text helpers shared by the stages, so every output formats alike.
public enum TextFormat {
    /// A fraction as a percentage with one decimal: 0.3063 → "30.6%".
    public static func percent(_ x: Double) -> String { "\((x * 1000).rounded() / 10)%" }

    /// `x` with exactly `digits` decimals, locale-independent: fixed(8.06, 1) → "8.1", fixed(-0.5, 2) → "-0.50".
    public static func fixed(_ x: Double, _ digits: Int) -> String {
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

    /// The file name of `path` without the first of `extensions` it ends with (the default
    /// sample ID): "/data/P1.vcf.gz" → "P1".
    public static func stem(_ path: String, extensions: [String]) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        for ext in extensions where base.hasSuffix(ext) { return String(base.dropLast(ext.count)) }
        return base
    }
}
