@testable import G2TCore
import Testing

/// `SortedJSONEncoder.Writer.double` compares and copies bytes instead of `hasSuffix(".0")` on the
/// description: the same text on random bit patterns, rounded weights and the extremes.
@Suite struct WriterDoubleTests {
    @Test func doubleIsItsDescriptionWithoutATrailingPointZero() throws {
        var rng = ScanRandom(seed: 20261203)
        var values: [Double] = [0, -0.0, 1, -1, 10, 100, 0.5, -2.25, 1e16, 1e21, 1e-7, 5e-324, 0.1 + 0.2,
                                .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude]
        for _ in 0..<5000 {
            let d = Double(bitPattern: rng.next())
            if d.isFinite { values.append(d) }
            values.append(Double(Int(rng.next() % 4001) - 2000) / 100)
        }
        for d in values {
            var w = SortedJSONEncoder.Writer(pretty: false, escapeSlashes: false)
            try w.double(d)
            let s = d.description
            #expect(String(decoding: w.bytes, as: UTF8.self) == (s.hasSuffix(".0") ? String(s.dropLast(2)) : s), "\(d)")
        }
        var w = SortedJSONEncoder.Writer(pretty: false, escapeSlashes: false)
        #expect(throws: SortedJSONEncoder.Unsupported.self) { try w.double(.nan) }
    }
}
