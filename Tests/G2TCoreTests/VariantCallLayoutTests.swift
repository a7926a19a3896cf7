import G2TCore
import Testing

/// The annotation and the origin group live out of line (issue 13: 200,000 calls of a dense VCF in memory at once).
@Suite struct VariantCallLayoutTests {
    /// 432 bytes with the seven annotation fields inline (64-bit); the box is one pointer.
    @Test func annotationCostsOnePointerInTheCall() {
        print("VariantCall stride \(MemoryLayout<VariantCall>.stride) bytes, VariantAnnotation \(MemoryLayout<VariantAnnotation>.size)")
        let align = MemoryLayout<VariantCall>.alignment
        let bound = (432 - MemoryLayout<VariantAnnotation>.size + MemoryLayout<Int>.size + align - 1) / align * align
        #expect(MemoryLayout<VariantCall>.stride <= bound)
        #expect(MemoryLayout<VariantAnnotation>.size >= 80, "the annotation is worth moving out of line")
    }

    /// The six origin fields as they were inline in the call (344 bytes with them, annotation already out of line).
    private struct InlineOriginFields {
        var origin: VariantOrigin?
        var originEvidence: [OriginEvidence]?
        var zygosity: Zygosity?
        var population: PopulationFrequency?
        var ccf: CancerCellFraction?
        var possiblyGermline: Bool?
    }

    /// The origin group costs one pointer in the call (stride 344 → 232 bytes), and its box is
    /// smaller than the fields were (56 bytes instead of 122).
    @Test func originGroupCostsOnePointerInTheCall() {
        let align = MemoryLayout<VariantCall>.alignment
        let bound = (344 - MemoryLayout<InlineOriginFields>.size + MemoryLayout<Int>.size + align - 1) / align * align
        #expect(MemoryLayout<VariantCall>.stride <= bound)
        #expect(MemoryLayout<OriginCall>.size <= 64, "the rare population frequency is out of line: one box per classified call stays small")
    }

    /// Copies share storage but not changes: a value type, whatever the storage.
    @Test func copiesDoNotSeeEachOthersChanges() {
        var a = VariantCall(gene: "G", chrom: "c", pos: 1, ref: "A", alt: "C", vaf: 0.5, depth: 10, altDepth: 5,
                            altForward: 3, altReverse: 2, filter: .pass)
        a.annotation = VariantAnnotation(transcript: "NM_1.1", hgvsc: "c.1A>C", consequence: "missense_variant", exon: 1)
        var b = a
        b.annotation?.hgvsc = "c.2A>C"
        #expect(a.annotation?.hgvsc == "c.1A>C" && b.annotation?.hgvsc == "c.2A>C")
        #expect(a != b)
        b.annotation?.hgvsc = "c.1A>C"
        #expect(a == b, "equal values in different boxes are equal")
        b.annotation = nil
        #expect(b.annotation == nil && a.annotation != nil)
    }
}
