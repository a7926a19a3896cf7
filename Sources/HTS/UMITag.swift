/// A two-character SAM tag name (`RX` by default), validated as the SAM specification requires.
package struct UMITag: Sendable, Hashable, CustomStringConvertible {
    package let name: String
    /// `name`'s two bytes, for `bam_aux_get` (`withCName`): passing the String made a C string per read
    /// (~2% of a UMI run's instructions).
    private let byte0: CChar, byte1: CChar
    package static let standard = UMITag(validated: "RX")

    private init(validated: String) {
        name = validated
        let u = Array(validated.utf8)
        byte0 = CChar(bitPattern: u[0])
        byte1 = CChar(bitPattern: u[1])
    }

    /// The name's two bytes (`AlignmentFile.scanAux` compares them with each aux field's tag).
    var bytes: (UInt8, UInt8) { (UInt8(bitPattern: byte0), UInt8(bitPattern: byte1)) }

    /// Runs `body` with the name as a NUL-terminated C string on the stack.
    @inline(__always)
    package func withCName<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
        var bytes: (CChar, CChar, CChar) = (byte0, byte1, 0)
        return withUnsafePointer(to: &bytes) { $0.withMemoryRebound(to: CChar.self, capacity: 3) { body($0) } }
    }

    /// nil unless `s` is a letter followed by a letter or digit (SAM v1 §1.5).
    package init?(_ s: String) {
        let u = Array(s.utf8)
        guard u.count == 2, (UInt8(ascii: "A")...UInt8(ascii: "z")).contains(u[0]), u[0].isLetterASCII,
              u[1].isLetterASCII || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(u[1]) else { return nil }
        self.init(validated: s)
    }

    package var description: String { name }
}

private extension UInt8 {
    var isLetterASCII: Bool { (65...90).contains(self) || (97...122).contains(self) }
}

extension ReadFilter {
    /// The duplicate flag (0x400): in UMI mode duplicates are members of their molecule's family.
    package static let duplicateFlag = UInt16(0x400)
}
