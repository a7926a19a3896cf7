#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes `SortedJSONEncoder`'s bytes (Foundation's, sorted keys) straight into one growing
/// buffer, without building a tree first: each value is written where it ends up, and an
/// object's members are reordered by key only when its `encode(to:)` has finished (most members
/// are copied once; objects already in key order are not copied at all). The tree of objects,
/// lists and nodes cost most of `g2t rescore`'s encoding in allocations and reference counting.
///
/// It handles what synthesised and g2t's hand-written `Codable` do: containers filled one after
/// the other. Anything else (a nested container or super-encoder, a container used after a
/// later one opened, two kinds of container for one value), Date/Data/URL/Decimal and non-finite
/// numbers make it throw `SortedJSONEncoder.Unsupported`; `SortedJSONEncoder.encode` then
/// builds the tree as before. `SortedJSONEncoderTests` compares its bytes with Foundation's.
struct DirectJSONEncoder {
    let pretty: Bool
    let escapeSlashes: Bool

    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let state = State(writer: SortedJSONEncoder.Writer(pretty: pretty, escapeSlashes: escapeSlashes))
        state.w.bytes.reserveCapacity(16_384)
        try state.value(value)
        guard !state.unsupported, state.frames.isEmpty else { throw SortedJSONEncoder.Unsupported() }
        return state.w.bytes
    }

    /// One member of an open object: its key and where `"key":value` lies in the buffer.
    struct Member {
        let key: String
        let start: Int
        let end: Int
    }

    /// An open container: which value it belongs to, its kind, and where its contents start.
    struct Frame {
        let owner: Int
        let id: Int
        let isObject: Bool
        /// Objects: the first of their members in `State.members`. Lists: the element count.
        var firstMember = 0
        var count = 0
        /// Right after the opening bracket.
        let contentStart: Int
    }

    /// The buffer and open containers of one `encode` call, used by one thread. Its properties
    /// skip the runtime exclusivity checks (10% of `g2t rescore` with them): no access to them
    /// overlaps another, since every write happens in a call that returns before the next.
    final class State {
        @exclusivity(unchecked) var w: SortedJSONEncoder.Writer
        @exclusivity(unchecked) var frames: [Frame] = []
        /// Members of every open object, innermost last.
        @exclusivity(unchecked) var members: [Member] = []
        @exclusivity(unchecked) var scratch: [UInt8] = []
        @exclusivity(unchecked) var nextID = 0
        /// Set by calls that cannot throw (opening a container) when the pattern is not handled.
        @exclusivity(unchecked) var unsupported = false

        init(writer: SortedJSONEncoder.Writer) { w = writer }

        func newID() -> Int {
            nextID += 1
            return nextID
        }

        /// Writes `v` in place, then closes the container its `encode(to:)` opened.
        func value<T: Encodable>(_ v: T) throws {
            if unsupported { throw SortedJSONEncoder.Unsupported() }
            if T.self == String.self, let s = v as? String { return w.string(s) }
            if T.self == Double.self, let d = v as? Double { return try number(d) }
            if T.self == Int.self, let i = v as? Int { return raw(i.description) }
            if T.self == Bool.self, let b = v as? Bool { return raw(b ? "true" : "false") }
            // Written by hand (the same bytes): a dense VCF's 200,000 variants through Codable cost seconds.
            if T.self == VariantCall.self, let c = v as? VariantCall { return try c.writeJSON(&w) }
            if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self { throw SortedJSONEncoder.Unsupported() }
            let id = newID()
            let start = w.bytes.count
            let depth = frames.count
            try v.encode(to: Impl(state: self, owner: id, start: start))
            if unsupported { throw SortedJSONEncoder.Unsupported() }
            if frames.count == depth + 1, let f = frames.last, f.owner == id {
                try close()
            } else if frames.count != depth {
                throw SortedJSONEncoder.Unsupported()
            } else if w.bytes.count == start {
                // Nothing encoded: an empty object, as Foundation writes it.
                openObject(owner: id)
                try close()
            }
        }

        func raw(_ s: String) { w.bytes.append(contentsOf: s.utf8) }

        func number<F: BinaryFloatingPoint & CustomStringConvertible>(_ f: F) throws {
            guard f.isFinite else { throw SortedJSONEncoder.Unsupported() }
            var s = f.description
            if s.hasSuffix(".0") { s.removeLast(2) }
            raw(s)
        }

        @discardableResult
        func openObject(owner: Int) -> Int {
            let id = newID()
            w.bytes.append(UInt8(ascii: "{"))
            if w.pretty { w.indent += 1 }
            frames.append(Frame(owner: owner, id: id, isObject: true, firstMember: members.count, contentStart: w.bytes.count))
            return id
        }

        func openList(owner: Int) -> Int {
            let id = newID()
            w.bytes.append(UInt8(ascii: "["))
            if w.pretty { w.indent += 1 }
            frames.append(Frame(owner: owner, id: id, isObject: false, contentStart: w.bytes.count))
            return id
        }

        /// Whether container `id` is the innermost open one (containers are filled in order).
        func check(_ id: Int) throws {
            guard !unsupported, let f = frames.last, f.id == id else {
                unsupported = true
                throw SortedJSONEncoder.Unsupported()
            }
        }

        /// Starts the next member of the innermost object (`check`ed): separator, key, colon.
        func beginMember(_ key: String) -> Int {
            if frames[frames.count - 1].count > 0 { w.bytes.append(UInt8(ascii: ",")) }
            frames[frames.count - 1].count += 1
            if w.pretty { w.newlineIndent() }
            let start = w.bytes.count
            w.string(key)
            if w.pretty { w.bytes.append(contentsOf: " : ".utf8) } else { w.bytes.append(UInt8(ascii: ":")) }
            return start
        }

        func endMember(_ key: String, _ start: Int) {
            members.append(Member(key: key, start: start, end: w.bytes.count))
        }

        /// Starts the next element of the innermost list (`check`ed).
        func beginElement() {
            if frames[frames.count - 1].count > 0 { w.bytes.append(UInt8(ascii: ",")) }
            frames[frames.count - 1].count += 1
            if w.pretty { w.newlineIndent() }
        }

        /// Closes the innermost container; an object's members are put in key order first.
        func close() throws {
            guard let f = frames.popLast() else { throw SortedJSONEncoder.Unsupported() }
            if f.isObject {
                let list = members[f.firstMember...]
                var inOrder = true
                var i = list.startIndex + 1
                while i < list.endIndex {
                    // Strictly increasing: no reordering and no key set twice.
                    if !SortedJSONEncoder.Writer.utf8Less(list[i - 1].key, list[i].key) || list[i - 1].key == list[i].key {
                        inOrder = false
                        break
                    }
                    i += 1
                }
                if !inOrder { reorder(Array(list), from: f.contentStart) }
                members.removeSubrange(f.firstMember...)
            }
            if w.pretty {
                if f.count == 0 { w.bytes.append(10) }
                w.indent -= 1
                w.newlineIndent()
            }
            w.bytes.append(f.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }

        /// Rewrites an object's members from `contentStart` in key order; a key set twice keeps
        /// its last value (as `SortedJSONEncoder.Writer.object`).
        func reorder(_ list: [Member], from contentStart: Int) {
            let order = SortedJSONEncoder.Writer.keyOrder(list.map(\.key))
            scratch.removeAll(keepingCapacity: true)
            var first = true
            for (k, i) in order.enumerated() where k + 1 == order.count || list[order[k + 1]].key != list[i].key {
                if !first { scratch.append(UInt8(ascii: ",")) }
                first = false
                if w.pretty {
                    scratch.append(10)
                    for _ in 0..<w.indent { scratch.append(32); scratch.append(32) }
                }
                scratch.append(contentsOf: w.bytes[list[i].start..<list[i].end])
            }
            w.bytes.removeSubrange(contentStart...)
            w.bytes.append(contentsOf: scratch)
        }
    }

    struct Impl: Encoder {
        let state: State
        /// The value this encoder writes, and where its bytes start.
        let owner: Int
        let start: Int
        var codingPath: [CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        /// The container already open for this value, if it is the innermost one.
        func open(object: Bool) -> Int? {
            guard let f = state.frames.last, f.owner == owner else { return nil }
            if f.isObject != object { state.unsupported = true }
            return f.id
        }

        /// Whether this value may still open a container: it wrote nothing yet.
        func fresh() -> Bool {
            if state.w.bytes.count != start || state.frames.contains(where: { $0.owner == owner }) { state.unsupported = true }
            return !state.unsupported
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if let id = open(object: true) { return KeyedEncodingContainer(Keyed<Key>(state: state, id: id)) }
            let id = fresh() ? state.openObject(owner: owner) : 0
            return KeyedEncodingContainer(Keyed<Key>(state: state, id: id))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if let id = open(object: false) { return Unkeyed(state: state, id: id) }
            let id = fresh() ? state.openList(owner: owner) : 0
            return Unkeyed(state: state, id: id)
        }

        func singleValueContainer() -> SingleValueEncodingContainer {
            if !fresh() { state.unsupported = true }
            return Single(state: state, encoder: self)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let state: State
        let id: Int
        var codingPath: [CodingKey] { [] }

        func put(_ key: Key, _ write: () throws -> Void) throws {
            try state.check(id)
            let k = key.stringValue
            let start = state.beginMember(k)
            try write()
            state.endMember(k, start)
        }

        mutating func encodeNil(forKey key: Key) throws { try put(key) { state.raw("null") } }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try put(key) { state.raw(value ? "true" : "false") } }
        mutating func encode(_ value: String, forKey key: Key) throws { try put(key) { state.w.string(value) } }
        mutating func encode(_ value: Double, forKey key: Key) throws { try put(key) { try state.number(value) } }
        mutating func encode(_ value: Float, forKey key: Key) throws { try put(key) { try state.number(value) } }
        mutating func encode(_ value: Int, forKey key: Key) throws { try put(key) { state.raw(value.description) } }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try put(key) { state.raw(value.description) } }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try put(key) { state.raw(value.description) } }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try put(key) { state.raw(value.description) } }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try put(key) { state.raw(value.description) } }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try put(key) { state.raw(value.description) } }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(key) { state.raw(value.description) } }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(key) { state.raw(value.description) } }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(key) { state.raw(value.description) } }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(key) { state.raw(value.description) } }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try put(key) { try state.value(value) } }

        // Filled after later members may have been written: left to the tree encoder.
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            state.unsupported = true
            return KeyedEncodingContainer(Keyed<NestedKey>(state: state, id: 0))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            state.unsupported = true
            return Unkeyed(state: state, id: 0)
        }

        mutating func superEncoder() -> Encoder {
            state.unsupported = true
            return Impl(state: state, owner: 0, start: -1)
        }

        mutating func superEncoder(forKey key: Key) -> Encoder {
            state.unsupported = true
            return Impl(state: state, owner: 0, start: -1)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let state: State
        let id: Int
        var codingPath: [CodingKey] { [] }
        var count: Int { state.frames.last(where: { $0.id == id })?.count ?? 0 }

        func put(_ write: () throws -> Void) throws {
            try state.check(id)
            state.beginElement()
            try write()
        }

        mutating func encodeNil() throws { try put { state.raw("null") } }
        mutating func encode(_ value: Bool) throws { try put { state.raw(value ? "true" : "false") } }
        mutating func encode(_ value: String) throws { try put { state.w.string(value) } }
        mutating func encode(_ value: Double) throws { try put { try state.number(value) } }
        mutating func encode(_ value: Float) throws { try put { try state.number(value) } }
        mutating func encode(_ value: Int) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: Int8) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: Int16) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: Int32) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: Int64) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: UInt) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: UInt8) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: UInt16) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: UInt32) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: UInt64) throws { try put { state.raw(value.description) } }
        mutating func encode<T: Encodable>(_ value: T) throws { try put { try state.value(value) } }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            state.unsupported = true
            return KeyedEncodingContainer(Keyed<NestedKey>(state: state, id: 0))
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            state.unsupported = true
            return Unkeyed(state: state, id: 0)
        }

        mutating func superEncoder() -> Encoder {
            state.unsupported = true
            return Impl(state: state, owner: 0, start: -1)
        }
    }

    /// One value in place of a container; written once, before anything else of its value.
    struct Single: SingleValueEncodingContainer {
        let state: State
        let encoder: Impl
        var codingPath: [CodingKey] { [] }

        func put(_ write: () throws -> Void) throws {
            guard !state.unsupported, state.w.bytes.count == encoder.start,
                  state.frames.last.map({ $0.owner != encoder.owner }) ?? true else {
                state.unsupported = true
                throw SortedJSONEncoder.Unsupported()
            }
            try write()
        }

        mutating func encodeNil() throws { try put { state.raw("null") } }
        mutating func encode(_ value: Bool) throws { try put { state.raw(value ? "true" : "false") } }
        mutating func encode(_ value: String) throws { try put { state.w.string(value) } }
        mutating func encode(_ value: Double) throws { try put { try state.number(value) } }
        mutating func encode(_ value: Float) throws { try put { try state.number(value) } }
        mutating func encode(_ value: Int) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: Int8) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: Int16) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: Int32) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: Int64) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: UInt) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: UInt8) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: UInt16) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: UInt32) throws { try put { state.raw(value.description) } }
        mutating func encode(_ value: UInt64) throws { try put { state.raw(value.description) } }
        mutating func encode<T: Encodable>(_ value: T) throws { try put { try state.value(value) } }
    }
}
