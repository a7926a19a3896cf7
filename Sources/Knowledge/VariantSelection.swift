import G2TCore

/// Some of a sample's variants, in input order, as positions in its variant list: the list is shared
/// (copy-on-write), not copied, so a selection of 200,000 variants costs one integer each.
package struct VariantSelection: RandomAccessCollection, Sendable {
    private let all: [VariantCall]
    private let positions: [Int]

    /// `positions` are indices of `all`, ascending.
    init(_ all: [VariantCall], _ positions: [Int]) {
        self.all = all
        self.positions = positions
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { positions.count }
    package subscript(i: Int) -> VariantCall { all[positions[i]] }
}
