@testable import HTS
import Testing

/// The tally loop's packed base-code lookup gives the table's slot for every 4-bit code.
@Suite struct CountingSlotTests {
    @Test func packedSlotsMatchTheTable() {
        #expect(AlignmentFile.baseIndex.count == 16)
        for code in 0..<16 { #expect(AlignmentFile.slot(code) == AlignmentFile.baseIndex[code], "code \(code)") }
        // A C G T (htslib 1 2 4 8) are slots 0–3; N (15) is slot 4.
        #expect([1, 2, 4, 8, 15].map(AlignmentFile.slot) == [0, 1, 2, 3, 4])
    }
}
