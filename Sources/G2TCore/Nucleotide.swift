/// Base-level helpers shared by annotation (reverse strands) and calling (strand-collapsed substitutions).
package enum Nucleotide {
    /// Complement of an upper-case base (anything else becomes N).
    package static func complement(_ b: UInt8) -> UInt8 {
        switch b {
        case UInt8(ascii: "A"): return UInt8(ascii: "T")
        case UInt8(ascii: "C"): return UInt8(ascii: "G")
        case UInt8(ascii: "G"): return UInt8(ascii: "C")
        case UInt8(ascii: "T"): return UInt8(ascii: "A")
        default: return UInt8(ascii: "N")
        }
    }
}
