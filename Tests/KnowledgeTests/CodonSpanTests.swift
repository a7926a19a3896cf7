@testable import Knowledge
import Testing
import TestSupport

/// `BiomarkerMatcher.asciiCodonSpan` (bytes) must give the Character walk's span on every ASCII change
/// without CR, and leave anything else to it.
@Suite struct CodonSpanTests {
    @Test func asciiSpansAreTheCharacterWalks() {
        let named = ["p.L858R", "p.E746_A750del", "p.A767_V769dup", "p.D770_N771insSVD", "p.G12C", "p.T790M", "p.V600E", "p.Q61fsTer45",
                     "p.M1=", "p.X", "", "p", "p.", "p.12", "p.E746_A750delinsQ", "p.99999999999999999999A", "p.A1_99999999999999999999del",
                     "p.0A", "p.A007B", "p.A1i2", "p.(Leu858Arg)", "c.2573T>G", "p.A1\nB2", "p.A1\r\nB2", "\r\np.A1"]
        for p in named {
            if p.utf8.contains(13) { #expect(BiomarkerMatcher.asciiCodonSpan(p) == nil, "\(p.debugDescription)") }
            else { #expect(BiomarkerMatcher.asciiCodonSpan(p) == .some(BiomarkerMatcher.characterCodonSpan(p)), "\(p)") }
            #expect(BiomarkerMatcher.codonSpan(p) == BiomarkerMatcher.characterCodonSpan(p))
        }
        var rng = SplitMix64(seed: 858)
        let alphabet = Array("p.AD1290_delinsf=*?")
        for _ in 0..<5000 {
            let p = String((0..<Int.random(in: 0...14, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "A" })
            #expect(BiomarkerMatcher.asciiCodonSpan(p) == .some(BiomarkerMatcher.characterCodonSpan(p)), "\(p)")
        }
        // Not ASCII: the Character walk ("٣" is a number to it).
        for p in ["p.A٣B", "p.É12", "p.A12é"] {
            #expect(BiomarkerMatcher.asciiCodonSpan(p) == nil)
            #expect(BiomarkerMatcher.codonSpan(p) == BiomarkerMatcher.characterCodonSpan(p))
        }
    }
}
