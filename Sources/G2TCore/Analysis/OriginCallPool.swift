/// Identical origin calls stored once. A dense VCF's 200,000 calls hold ~30,000 distinct ones (the
/// same counts at one purity give the same evidence sentences and CCF), and each stored call costs a
/// box and an evidence array (~180 bytes with malloc's headers): ~30 MB held from the call stage to
/// the end of the run (issue 13). The box is immutable (`ValueBox`) and setting a call's
/// `originCall` makes a new one, so calls sharing a box keep value semantics.
///
/// "Identical" is bit for bit, not `==`: 0.0 == -0.0 and canonically equivalent strings compare
/// equal, yet may be written differently, and a shared box must write what the call's own would.
package struct OriginCallPool {
    /// Boxes by hash; a bucket holds more than one only on a hash collision.
    private var boxes: [Int: [ValueBox<OriginCall>]] = [:]

    package init() {}

    /// Sets `call` as `variant.originCall`, in the box of an identical call set through this pool
    /// before, if any. A call with a population frequency (few: the germline resource's) gets its own.
    package mutating func set(_ call: OriginCall, on variant: inout VariantCall) {
        guard call.population == nil else {
            variant.originCall = call
            return
        }
        let h = Self.hash(call)
        if let shared = boxes[h]?.first(where: { Self.identical($0.value, call) }) {
            variant.originBox = shared
            return
        }
        let box = ValueBox(call)
        boxes[h, default: []].append(box)
        variant.originBox = box
    }

    /// Distinct boxes made so far (tests).
    package var count: Int { boxes.values.reduce(0) { $0 + $1.count } }

    private static func hash(_ c: OriginCall) -> Int {
        var h = Hasher()
        h.combine(c.origin)
        h.combine(c.zygosity)
        h.combine(c.possiblyGermline)
        h.combine(c.evidence.count)
        for e in c.evidence {
            h.combine(e.source)
            h.combine(e.favours)
            var detail = e.detail
            detail.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        if let f = c.ccf {
            h.combine(f.value.bitPattern)
            h.combine(f.low.bitPattern)
            h.combine(f.high.bitPattern)
        } else {
            h.combine(0 as UInt8)
        }
        return h.finalize()
    }

    /// Byte-for-byte equality of two strings; strings sharing storage (the sentence a worker remembered
    /// for equal counts) are equal at once. (`utf8.elementsEqual` walked the view byte by byte: about
    /// half of the pool's instructions, callgrind on 50,000 records.)
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.baseAddress == y.baseAddress || x.elementsEqual(y)) }
        }
    }

    /// Same fields, strings byte for byte, numbers bit for bit (population: both nil, see `set`).
    private static func identical(_ a: OriginCall, _ b: OriginCall) -> Bool {
        guard a.origin == b.origin, a.zygosity == b.zygosity, a.possiblyGermline == b.possiblyGermline,
              a.population == nil, b.population == nil, a.evidence.count == b.evidence.count else { return false }
        for (x, y) in zip(a.evidence, b.evidence) {
            guard x.source == y.source, x.favours == y.favours, sameBytes(x.detail, y.detail) else { return false }
        }
        switch (a.ccf, b.ccf) {
        case (nil, nil): return true
        case let (x?, y?):
            return x.value.bitPattern == y.value.bitPattern && x.low.bitPattern == y.low.bitPattern && x.high.bitPattern == y.high.bitPattern
        default: return false
        }
    }
}
