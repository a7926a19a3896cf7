/// The reference base at each position of a region as a count slot (0–3 for A, C, G, T), or 5 where it
/// is unknown (no reference given, beyond its end, or not ACGT): 5 never equals a read's base slot, so an
/// unknown reference base counts every read base as an alternate candidate, never as the reference.
enum ReferenceSlots {
    static func of(_ bases: [UInt8]?, length: Int) -> [Int] {
        (0..<max(0, length)).map { i in
            guard let bases, i < bases.count else { return 5 }
            switch bases[i] {
            case UInt8(ascii: "A"): return 0
            case UInt8(ascii: "C"): return 1
            case UInt8(ascii: "G"): return 2
            case UInt8(ascii: "T"): return 3
            default: return 5
            }
        }
    }
}
