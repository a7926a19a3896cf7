/// A held read's slots and qualities (`AlignmentFile.UMIRead.bases`: `2 · length` bytes, the slots then
/// the qualities) in one object with its bytes tail-allocated. An `[UInt8]` per read went through the
/// standard library's unspecialised buffer allocation, a metadata look-up per read (~370 instructions,
/// ~39 M at ~20,800x, branch mc1); a `ManagedBuffer` subclass is allocated directly. Written only by
/// `UMIMoleculeTally.add` before the read is handed to the window; read-only after.
final class UMIReadBases: ManagedBuffer<Int, UInt8> {
    /// `length` positions: slots 6 (not covered) and qualities 0, two fills (memset).
    static func make(length: Int) -> UMIReadBases {
        let n = 2 * max(0, length)
        // No room kept beyond the read's own (a 320-byte minimum, for reads clipped at a region's edge to
        // take any later read, cost +7 MiB peak RSS at ~43,800x for little more reuse).
        let made = create(minimumCapacity: n) { _ in n }
        // `create` makes an instance of the class it is called on.
        let b = unsafeDowncast(made, to: UMIReadBases.self)
        b.clear()
        return b
    }

    /// This buffer made over as `make(length:)` makes a new one, if it has room: for a spare buffer nothing
    /// else holds (`UMIMoleculeStream.spareBases`), which saves an allocation and a free per read.
    func reuse(length: Int) -> Bool {
        let n = 2 * max(0, length)
        guard n <= capacity else { return false }
        header = n
        clear()
        return true
    }

    /// Every position not covered: `count / 2` slots 6, then as many qualities 0 (UInt8: no deinitialisation needed).
    private func clear() {
        let n = header
        withUnsafeMutablePointerToElements { p in
            p.initialize(repeating: 6, count: n / 2)
            (p + n / 2).initialize(repeating: 0, count: n / 2)
        }
    }

    /// Bytes held: twice the positions covered.
    var count: Int { header }

    subscript(_ i: Int) -> UInt8 {
        precondition(i >= 0 && i < header, "UMIReadBases index out of range")
        return withUnsafeMutablePointerToElements { $0[i] }
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointerToElements { try body(UnsafeBufferPointer(start: $0, count: header)) }
    }

    func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointerToElements { try body(UnsafeMutableBufferPointer(start: $0, count: header)) }
    }
}
