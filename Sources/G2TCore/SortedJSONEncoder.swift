#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes the same bytes as Foundation's `JSONEncoder` with `.sortedKeys` (keys in UTF-8 order;
/// optionally `.prettyPrinted` and `.withoutEscapingSlashes`), without its per-value overhead
/// (coding paths, dynamic casts, a dictionary per object): the cohort rescorer and the report
/// files spend most of their time encoding. Types it does not handle (Date, Data, URL, Decimal)
/// and non-finite numbers make it throw `Unsupported`; `JSONCoding.encode` then uses Foundation,
/// so the output and the errors stay Foundation's. `SortedJSONEncoderTests` compares the bytes.
struct SortedJSONEncoder {
    let pretty: Bool
    let escapeSlashes: Bool

    struct Unsupported: Error {}

    init(pretty: Bool, escapeSlashes: Bool) {
        self.pretty = pretty
        self.escapeSlashes = escapeSlashes
    }

    /// The options of `JSONCoding.encoder(layout)` (all of them sort keys).
    init(_ layout: JSONCoding.Layout) {
        switch layout {
        case .document: self.init(pretty: true, escapeSlashes: false)
        case .line: self.init(pretty: false, escapeSlashes: false)
        case .manifest: self.init(pretty: true, escapeSlashes: true)
        case .compactEscaped: self.init(pretty: false, escapeSlashes: true)
        }
    }

    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        // Straight into one buffer when the value's `encode(to:)` fills its containers in order
        // (all of g2t's do); otherwise, or on any error, through the tree below.
        if let direct = try? DirectJSONEncoder(pretty: pretty, escapeSlashes: escapeSlashes).encode(value) { return direct }
        let root = try Self.box(value)
        var w = Writer(pretty: pretty, escapeSlashes: escapeSlashes)
        w.bytes.reserveCapacity(16_384)
        try w.write(root)
        return w.bytes
    }

    /// The same bytes as `encode`, handed to `sink` in pieces of at least `chunk` bytes (the last
    /// may be shorter), so a report of 200,000 variants (hundreds of MB of JSON) is never held whole.
    func encode<T: Encodable>(_ value: T, chunk: Int, to sink: ([UInt8]) throws -> Void) throws {
        let root = try Self.box(value)
        try withoutActuallyEscaping(sink) { sink in
            var w = Writer(pretty: pretty, escapeSlashes: escapeSlashes)
            w.sink = sink
            w.flushAt = chunk
            w.bytes.reserveCapacity(chunk + 16_384)
            try w.write(root)
            try sink(w.bytes)
        }
    }

    /// Lists at least this long are written one element at a time (`Node.lazy`), never boxed whole:
    /// the tree of a 200,000-variant analysis took most of a gigabyte when built whole.
    static let lazyListCount = 256
    static let variantList: Any.Type = [VariantCall].self
    /// A lazy list's elements are written on `lazyListThreads` threads, `lazyListBlock` at a
    /// time, then appended in order: each element's bytes depend on it and the indent only, so the output
    /// is the same (writing 200,000 variants was a third of `g2t call`, on one core). Two threads: the
    /// default `--threads` and this project's machine; the block bounds the bytes held (~1 KB each).
    static let lazyListThreads = 2
    static let lazyListBlock = 256

    /// The encoded value of `v` (an empty object when its `encode(to:)` wrote nothing, as Foundation).
    static func box<T: Encodable>(_ v: T) throws -> Node {
        // Strings and numbers in arrays and optionals come here as generic values: written directly,
        // without an encoder object and a container for each.
        if T.self == String.self, let s = v as? String { return .string(s) }
        if T.self == Double.self, let d = v as? Double { return try number(d) }
        if T.self == Int.self, let i = v as? Int { return .number(i.description) }
        if T.self == Bool.self, let b = v as? Bool { return .bool(b) }
        // The one list that grows with the input (one entry per called variant) is boxed lazily.
        // Its type is looked up once: `[VariantCall].self` here cost a metadata-cache lookup per value.
        if T.self == variantList, let list = v as? [VariantCall], list.count >= lazyListCount {
            // Each written by `VariantCall.writeJSON` (the same bytes, without a tree or Codable per key).
            return .lazy(LazyList(count: list.count) { @Sendable i, w in try list[i].writeJSON(&w) })
        }
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self { throw Unsupported() }
        let e = Impl()
        try v.encode(to: e)
        return e.node ?? .object(Object())
    }

    static func number<F: BinaryFloatingPoint & CustomStringConvertible>(_ f: F) throws -> Node {
        guard f.isFinite else { throw Unsupported() }
        var s = f.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return .number(s)
    }

    enum Node {
        case string(String)
        case number(String)
        case bool(Bool)
        case null
        case object(Object)
        case array(List)
        /// A `superEncoder`, filled after it was handed out.
        case deferred(Impl)
        /// A list whose elements are written one at a time, straight into the writer (no tree).
        case lazy(LazyList)
    }

    final class LazyList: Sendable {
        let count: Int
        /// Writes element `i` at the writer's indent.
        let write: @Sendable (Int, inout Writer) throws -> Void
        init(count: Int, write: @escaping @Sendable (Int, inout Writer) throws -> Void) {
            self.count = count
            self.write = write
        }
    }

    final class Object {
        var keys: [String] = []
        var values: [Node] = []
        /// Room for the keys of most records up front: growing 1, 2, 4, 8, 16 reallocated each object's arrays four times.
        init() {
            keys.reserveCapacity(16)
            values.reserveCapacity(16)
        }
        func set(_ key: String, _ v: Node) {
            keys.append(key)
            values.append(v)
        }
    }

    final class List {
        var values: [Node] = []
    }

    final class Impl: Encoder {
        var node: Node?
        var codingPath: [CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object(let o)? = node { return KeyedEncodingContainer(Keyed<Key>(object: o)) }
            let o = Object()
            node = .object(o)
            return KeyedEncodingContainer(Keyed<Key>(object: o))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if case .array(let l)? = node { return Unkeyed(list: l) }
            let l = List()
            node = .array(l)
            return Unkeyed(list: l)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(encoder: self) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let object: Object
        var codingPath: [CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { object.set(key.stringValue, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(key.stringValue, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { object.set(key.stringValue, .string(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws { object.set(key.stringValue, try number(value)) }
        mutating func encode(_ value: Float, forKey key: Key) throws { object.set(key.stringValue, try number(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { object.set(key.stringValue, .number(value.description)) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { object.set(key.stringValue, .number(value.description)) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { object.set(key.stringValue, .number(value.description)) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { object.set(key.stringValue, .number(value.description)) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { object.set(key.stringValue, .number(value.description)) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { object.set(key.stringValue, .number(value.description)) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { object.set(key.stringValue, .number(value.description)) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { object.set(key.stringValue, .number(value.description)) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { object.set(key.stringValue, .number(value.description)) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { object.set(key.stringValue, .number(value.description)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { object.set(key.stringValue, try box(value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let o = Object()
            object.set(key.stringValue, .object(o))
            return KeyedEncodingContainer(Keyed<NestedKey>(object: o))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let l = List()
            object.set(key.stringValue, .array(l))
            return Unkeyed(list: l)
        }

        mutating func superEncoder() -> Encoder {
            let e = Impl()
            object.set("super", .deferred(e))
            return e
        }

        mutating func superEncoder(forKey key: Key) -> Encoder {
            let e = Impl()
            object.set(key.stringValue, .deferred(e))
            return e
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let list: List
        var codingPath: [CodingKey] { [] }
        var count: Int { list.values.count }

        mutating func encodeNil() throws { list.values.append(.null) }
        mutating func encode(_ value: Bool) throws { list.values.append(.bool(value)) }
        mutating func encode(_ value: String) throws { list.values.append(.string(value)) }
        mutating func encode(_ value: Double) throws { list.values.append(try number(value)) }
        mutating func encode(_ value: Float) throws { list.values.append(try number(value)) }
        mutating func encode(_ value: Int) throws { list.values.append(.number(value.description)) }
        mutating func encode(_ value: Int8) throws { list.values.append(.number(value.description)) }
        mutating func encode(_ value: Int16) throws { list.values.append(.number(value.description)) }
        mutating func encode(_ value: Int32) throws { list.values.append(.number(value.description)) }
        mutating func encode(_ value: Int64) throws { list.values.append(.number(value.description)) }
        mutating func encode(_ value: UInt) throws { list.values.append(.number(value.description)) }
        mutating func encode(_ value: UInt8) throws { list.values.append(.number(value.description)) }
        mutating func encode(_ value: UInt16) throws { list.values.append(.number(value.description)) }
        mutating func encode(_ value: UInt32) throws { list.values.append(.number(value.description)) }
        mutating func encode(_ value: UInt64) throws { list.values.append(.number(value.description)) }
        mutating func encode<T: Encodable>(_ value: T) throws { list.values.append(try box(value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let o = Object()
            list.values.append(.object(o))
            return KeyedEncodingContainer(Keyed<NestedKey>(object: o))
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let l = List()
            list.values.append(.array(l))
            return Unkeyed(list: l)
        }

        mutating func superEncoder() -> Encoder {
            let e = Impl()
            list.values.append(.deferred(e))
            return e
        }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: Impl
        var codingPath: [CodingKey] { [] }

        mutating func encodeNil() throws { encoder.node = .null }
        mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
        mutating func encode(_ value: String) throws { encoder.node = .string(value) }
        mutating func encode(_ value: Double) throws { encoder.node = try number(value) }
        mutating func encode(_ value: Float) throws { encoder.node = try number(value) }
        mutating func encode(_ value: Int) throws { encoder.node = .number(value.description) }
        mutating func encode(_ value: Int8) throws { encoder.node = .number(value.description) }
        mutating func encode(_ value: Int16) throws { encoder.node = .number(value.description) }
        mutating func encode(_ value: Int32) throws { encoder.node = .number(value.description) }
        mutating func encode(_ value: Int64) throws { encoder.node = .number(value.description) }
        mutating func encode(_ value: UInt) throws { encoder.node = .number(value.description) }
        mutating func encode(_ value: UInt8) throws { encoder.node = .number(value.description) }
        mutating func encode(_ value: UInt16) throws { encoder.node = .number(value.description) }
        mutating func encode(_ value: UInt32) throws { encoder.node = .number(value.description) }
        mutating func encode(_ value: UInt64) throws { encoder.node = .number(value.description) }
        mutating func encode<T: Encodable>(_ value: T) throws { encoder.node = try box(value) }
    }

    /// Serialises a finished tree exactly as Foundation's JSONWriter does.
    struct Writer {
        let pretty: Bool
        let escapeSlashes: Bool
        var bytes: [UInt8] = []
        var indent = 0
        /// Streaming: where full pieces go (nil: everything stays in `bytes`), and their size.
        var sink: (([UInt8]) throws -> Void)?
        var flushAt = Int.max

        mutating func write(_ n: Node) throws {
            switch n {
            case .string(let s): string(s)
            case .number(let s): bytes.append(contentsOf: s.utf8)
            case .bool(let b): raw(b ? "true" : "false")
            case .null: raw("null")
            case .object(let o): try object(o)
            case .array(let l): try array(l.values.count) { l.values[$0] }
            case .deferred(let e): try write(e.node ?? .object(Object()))
            case .lazy(let l): try lazyArray(l)
            }
        }

        /// The list's elements written in parallel, a block at a time, then appended in order.
        mutating func lazyArray(_ l: LazyList) throws {
            bytes.append(UInt8(ascii: "["))
            if pretty { indent += 1 }
            let (pretty, escapeSlashes, indent) = (self.pretty, self.escapeSlashes, self.indent)
            var start = 0
            while start < l.count {
                let first = start, end = min(l.count, start + SortedJSONEncoder.lazyListBlock)
                let pieces = try ParallelMap.map(end - first, threads: SortedJSONEncoder.lazyListThreads, state: { _ in () }) { _, i -> [UInt8] in
                    var w = Writer(pretty: pretty, escapeSlashes: escapeSlashes)
                    w.indent = indent
                    try l.write(first + i, &w)
                    return w.bytes
                }
                for (i, piece) in pieces.enumerated() {
                    if first + i > 0 { bytes.append(UInt8(ascii: ",")) }
                    if pretty { newlineIndent() }
                    bytes.append(contentsOf: piece)
                    try flushIfFull()
                }
                start = end
            }
            if pretty {
                if l.count == 0 { bytes.append(10) }
                self.indent -= 1
                newlineIndent()
            }
            bytes.append(UInt8(ascii: "]"))
        }

        mutating func flushIfFull() throws {
            guard let sink, bytes.count >= flushAt else { return }
            try sink(bytes)
            bytes.removeAll(keepingCapacity: true)
        }

        mutating func newlineIndent() {
            bytes.append(10)
            // The indent's spaces in one append (a variant's ~25 keys each took 4–6 single-byte appends).
            let n = 2 * indent
            if n <= Self.spaces.utf8CodeUnitCount {
                bytes.append(contentsOf: UnsafeBufferPointer(start: Self.spaces.utf8Start, count: n))
            } else {
                for _ in 0..<indent { bytes.append(32); bytes.append(32) }
            }
        }

        /// Spaces for indents up to 32 levels (deeper ones are written a level at a time).
        static var spaces: StaticString { "                                                                " }

        /// A literal's bytes in one append (a `String`'s UTF-8 view went through the generic, per-byte path).
        mutating func raw(_ s: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        }

        mutating func array(_ count: Int, _ element: (Int) throws -> Node) throws {
            bytes.append(UInt8(ascii: "["))
            if pretty { indent += 1 }
            for i in 0..<count {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                if pretty { newlineIndent() }
                try write(try element(i))
                try flushIfFull()
            }
            if pretty {
                if count == 0 { bytes.append(10) }
                indent -= 1
                newlineIndent()
            }
            bytes.append(UInt8(ascii: "]"))
        }

        mutating func object(_ o: Object) throws {
            // Keys in UTF-8 order; a key set twice keeps its last value (Foundation holds a dictionary).
            let order = Self.keyOrder(o.keys)
            bytes.append(UInt8(ascii: "{"))
            if pretty { indent += 1 }
            var first = true
            for (k, i) in order.enumerated() where k + 1 == order.count || o.keys[order[k + 1]] != o.keys[i] {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                if pretty { newlineIndent() }
                string(o.keys[i])
                if pretty { raw(" : ") } else { bytes.append(UInt8(ascii: ":")) }
                try write(o.values[i])
            }
            if pretty {
                if first { bytes.append(10) }
                indent -= 1
                newlineIndent()
            }
            bytes.append(UInt8(ascii: "}"))
        }

        static let hex: [UInt8] = Array("0123456789abcdef".utf8)

        /// Indices of `keys` in UTF-8 order, equal keys in the order they were set (a stable
        /// insertion sort: objects have a few dozen keys at most, compared byte by byte).
        static func keyOrder(_ keys: [String]) -> [Int] {
            var order = Array(keys.indices)
            guard keys.count > 1 else { return order }
            for i in 1..<order.count {
                let x = order[i]
                var j = i
                while j > 0, utf8Less(keys[x], keys[order[j - 1]]) {
                    order[j] = order[j - 1]
                    j -= 1
                }
                order[j] = x
            }
            return order
        }

        /// Whether `a` sorts before `b` by UTF-8 bytes (Foundation's `.sortedKeys` order).
        static func utf8Less(_ a: String, _ b: String) -> Bool {
            let fast = a.utf8.withContiguousStorageIfAvailable { pa in
                b.utf8.withContiguousStorageIfAvailable { pb -> Bool in
                    let n = min(pa.count, pb.count)
                    var i = 0
                    while i < n {
                        if pa[i] != pb[i] { return pa[i] < pb[i] }
                        i += 1
                    }
                    return pa.count < pb.count
                }
            }
            if let r = fast ?? nil { return r }
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        }

        func needsEscape(_ c: UInt8) -> Bool {
            c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || (c == UInt8(ascii: "/") && escapeSlashes)
        }

        mutating func string(_ s: String) {
            bytes.append(UInt8(ascii: "\""))
            defer { bytes.append(UInt8(ascii: "\"")) }
            // The bytes in place (native and literal strings): runs without escapes copied whole.
            let done: Void? = s.utf8.withContiguousStorageIfAvailable { buf in
                var run = 0
                for i in buf.indices where needsEscape(buf[i]) {
                    if i > run { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[run..<i])) }
                    escape(buf[i])
                    run = i + 1
                }
                if run < buf.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[run...])) }
            }
            if done != nil { return }
            for c in s.utf8 { if needsEscape(c) { escape(c) } else { bytes.append(c) } }
        }

        /// The escape Foundation writes for `c` (one of those `needsEscape` selects).
        mutating func escape(_ c: UInt8) {
            bytes.append(92)
            switch c {
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0c: bytes.append(UInt8(ascii: "f"))
            case 0x0a: bytes.append(UInt8(ascii: "n"))
            case 0x0d: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x00...0x1f:
                bytes.append(UInt8(ascii: "u"))
                bytes.append(48)
                bytes.append(48)
                bytes.append(Self.hex[Int(c >> 4)])
                bytes.append(Self.hex[Int(c & 15)])
            default: bytes.append(c) // '"', '\\', '/'
            }
        }
    }
}
