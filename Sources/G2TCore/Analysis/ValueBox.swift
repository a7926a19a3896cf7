/// Immutable out-of-line storage of a per-variant stage result (`VariantCall.annotation`,
/// `VariantCall.originCall`): a call without the result pays one pointer. Setting the property
/// makes a new box, so copies of a call share one box and never see each other's changes (value
/// semantics without a uniqueness check).
final class ValueBox<Value: Sendable & Equatable>: Sendable, Equatable {
    let value: Value

    init(_ value: Value) { self.value = value }

    static func == (a: ValueBox, b: ValueBox) -> Bool { a === b || a.value == b.value }
}
