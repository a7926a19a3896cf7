import Glibc

/// The flat per-position fields of a `RegionCounts` (its layout), held by reference so that the counting
/// pass hands its buffer over (`SpanTally.finish`) and a part of a region (`RegionCounts.slice`) is a view
/// of its parent's fields: at ~1,000× two ~3 MB copies per run, with their page faults, were the largest
/// cost of the counting after the per-base loop itself. A value: a write to fields whose storage is
/// shared, or to a view, first copies them (copy on write, as `Array` does).
package struct CountFields: RandomAccessCollection, Equatable, Sendable {
    /// Written only by the `SpanTally` that made it, before hand-over, or through a `CountFields` that
    /// holds the only reference to it (`makeUnique`); read-only otherwise.
    final class Storage: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<UInt32>
        /// From `calloc` (freed with `free`), else from `allocate`.
        private let fromCalloc: Bool

        /// `count` zeros from `calloc`: a large block comes as fresh zero pages, so no pass clears them and
        /// a page the counting never writes (the gaps between a cluster's targets) is never touched.
        init(count: Int) {
            if count > 0, let p = calloc(count, MemoryLayout<UInt32>.stride) {
                buffer = UnsafeMutableBufferPointer(start: p.bindMemory(to: UInt32.self, capacity: count), count: count)
                fromCalloc = true
            } else {
                buffer = .allocate(capacity: Swift.max(0, count))
                buffer.initialize(repeating: 0)
                fromCalloc = false
            }
        }

        init(copying values: UnsafeBufferPointer<UInt32>) {
            buffer = .allocate(capacity: values.count)
            _ = buffer.initialize(from: values)
            fromCalloc = false
        }

        deinit {
            if fromCalloc { free(buffer.baseAddress) } else { buffer.deallocate() }
        }
    }

    private var storage: Storage
    private var offset: Int
    package private(set) var count: Int

    /// `count` zeros.
    init(zeros count: Int) {
        storage = Storage(count: Swift.max(0, count))
        offset = 0
        self.count = Swift.max(0, count)
    }

    init(_ values: [UInt32]) {
        storage = values.withUnsafeBufferPointer { Storage(copying: $0) }
        offset = 0
        count = values.count
    }

    /// All of `storage` (the counting pass's buffer, handed over).
    init(handingOver storage: Storage) {
        self.storage = storage
        offset = 0
        count = storage.buffer.count
    }

    /// `range` of these fields, sharing their storage (no copy).
    func view(_ range: Range<Int>) -> CountFields {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "CountFields.view out of range")
        var out = self
        out.offset = offset + range.lowerBound
        out.count = range.count
        return out
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { count }

    /// The sum of the `n` fields from `i` (as adding `self[i]`, ..., `self[i + n - 1]` one by one, an
    /// overflow trapping alike), with one range check, not one per field: a position's depth is ten
    /// fields, read ~100,000 times in a small run's QC and hotspot look-ups.
    func sum(from i: Int, count n: Int) -> UInt32 {
        precondition(i >= 0 && n >= 0 && i + n <= count, "CountFields index out of range")
        guard n > 0, let start = storage.buffer.baseAddress else { return 0 }
        let base = start + offset + i
        var d: UInt32 = 0
        for k in 0..<n { d += base[k] }
        return d
    }

    package subscript(i: Int) -> UInt32 {
        get {
            precondition(i >= 0 && i < count, "CountFields index out of range")
            return storage.buffer[offset + i]
        }
        set {
            precondition(i >= 0 && i < count, "CountFields index out of range")
            makeUnique()
            storage.buffer[offset + i] = newValue
        }
    }

    /// Runs `body` on the fields' memory, made this value's own first: one uniqueness check for a loop of
    /// writes, where the subscript's setter checks (and the getter and setter test the index) per write.
    /// `body` must stay inside `0..<count`.
    mutating func withUnsafeMutableFields<R>(_ body: (UnsafeMutableBufferPointer<UInt32>) -> R) -> R {
        makeUnique()
        return body(UnsafeMutableBufferPointer(rebasing: storage.buffer[offset..<(offset + count)]))
    }

    /// Copies the fields into a storage of their own unless this value already holds all of one alone.
    private mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&storage) || offset != 0 || count != storage.buffer.count else { return }
        storage = Storage(copying: UnsafeBufferPointer(rebasing: storage.buffer[offset..<(offset + count)]))
        offset = 0
    }

    package static func == (a: CountFields, b: CountFields) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}
