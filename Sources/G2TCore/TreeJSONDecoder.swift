#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decodes JSON written by g2t into `Decodable` values without Foundation's per-value overhead
/// (a coding path kept for every value, a dictionary built for every keyed container, dynamic
/// casts): `g2t rescore` spent most of its time in Foundation's `JSONDecoder`.
///
/// It parses the bytes once into a plain tree, then hands out containers over it. Objects whose
/// keys are in strictly increasing order (every file g2t writes: its encoder sorts keys) are
/// searched by bisection; others get a dictionary. It is strict: anything it is not sure to decode
/// exactly as Foundation does (invalid or unusual JSON, duplicate keys, numbers that are not plain
/// integers where an integer is asked for, Float, Date, Data, URL, Decimal, `superDecoder`) makes
/// it throw `Unsupported`, and `JSONCoding.decode` then decodes with Foundation, so values and
/// error messages stay Foundation's. Its containers' `codingPath` is therefore always empty: no
/// error of its own leaves `JSONCoding`. `TreeJSONDecoderTests` compares the values on every test
/// analysis.
struct TreeJSONDecoder {
    struct Unsupported: Error {}

    /// Foundation's decoder refuses nesting deeper than this too.
    static let maxDepth = 512

    func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        var p = Parser(bytes: bytes)
        p.skipSpace()
        let root = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == bytes.count else { throw Unsupported() }
        return try Self.unbox(root, as: T.self)
    }

    /// Not `indirect`: the lists already hold their elements out of line, and an indirect case
    /// boxed every value, a number or `true` included (an allocation and a release per value).
    enum Value {
        case null
        case bool(Bool)
        /// A plain integer literal (no fraction, no exponent) that fits in an Int.
        case int(Int)
        /// Any other number literal, as the nearest Double (what Foundation decodes a Double to).
        case double(Double)
        case string(String)
        case array([Value])
        /// Members in input order; `sorted` when the keys strictly increase (no duplicates).
        case object(keys: [String], values: [Value], sorted: Bool)
    }

    static func unbox<T: Decodable>(_ v: Value, as type: T.Type) throws -> T {
        // Foundation special-cases these types; leave them to it.
        if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self { throw Unsupported() }
        switch v {
        case .string(let s): if T.self == String.self, let s = s as? T { return s }
        case .int(let i):
            if T.self == Int.self, let i = i as? T { return i }
            if T.self == Double.self, let d = Double(i) as? T { return d }
        case .double(let d): if T.self == Double.self, let d = d as? T { return d }
        case .bool(let b): if T.self == Bool.self, let b = b as? T { return b }
        default: break
        }
        return try T(from: Impl(value: v))
    }

    // MARK: - Parsing (RFC 8259, strictly)

    struct Parser {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count {
                let b = bytes[i]
                guard b == 32 || b == 10 || b == 13 || b == 9 else { return }
                i += 1
            }
        }

        mutating func value(depth: Int) throws -> Value {
            guard depth < TreeJSONDecoder.maxDepth, i < bytes.count else { throw Unsupported() }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                skipSpace()
                var keys: [String] = []
                var values: [Value] = []
                var sorted = true
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(keys: keys, values: values, sorted: true) }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw Unsupported() }
                    let k = try string()
                    if let last = keys.last, !(last < k) { sorted = false }
                    skipSpace()
                    try expect(UInt8(ascii: ":"))
                    skipSpace()
                    keys.append(k)
                    values.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw Unsupported() }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    try expect(UInt8(ascii: "}"))
                    return .object(keys: keys, values: values, sorted: sorted)
                }
            case UInt8(ascii: "["):
                i += 1
                skipSpace()
                var values: [Value] = []
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(values) }
                while true {
                    skipSpace()
                    values.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw Unsupported() }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    try expect(UInt8(ascii: "]"))
                    return .array(values)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default:
                return try number()
            }
        }

        mutating func expect(_ c: UInt8) throws {
            guard i < bytes.count, bytes[i] == c else { throw Unsupported() }
            i += 1
        }

        mutating func literal(_ word: StaticString) throws {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { throw Unsupported() }
            let ok = word.withUTF8Buffer { w in (0..<n).allSatisfy { bytes[i + $0] == w[$0] } }
            guard ok else { throw Unsupported() }
            i += n
        }

        /// A number per the JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        mutating func number() throws -> Value {
            let start = i
            var negative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            guard i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 else { throw Unsupported() }
            var magnitude: UInt64 = 0
            var overflow = false
            if bytes[i] == 48 {
                i += 1
            } else {
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                    let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(UInt64(bytes[i] - 48))
                    overflow = overflow || o1 || o2
                    magnitude = s
                    i += 1
                }
            }
            var integral = true
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                integral = false
                i += 1
                guard i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 else { throw Unsupported() }
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                integral = false
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 else { throw Unsupported() }
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            }
            // "-0" is -0.0 as a Double: keep it (and anything beyond Int) as a Double literal.
            if integral, !overflow, !(negative && magnitude == 0) {
                if negative, magnitude <= UInt64(Int.max) + 1 { return .int(magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)) }
                if !negative, magnitude <= UInt64(Int.max) { return .int(Int(magnitude)) }
            }
            // Correctly rounded, as Foundation's parse (both round to nearest).
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            guard let d = Double(text), d.isFinite else { throw Unsupported() }
            return .double(d)
        }

        /// A string starting at the opening quote; escapes decoded, UTF-8 validated.
        mutating func string() throws -> String {
            i += 1
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    let s = try Self.text(bytes[start..<i])
                    i += 1
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                guard b >= 32 else { throw Unsupported() }
                i += 1
            }
            // Escapes: decode into a buffer.
            var out = Array(bytes[start..<i])
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    i += 1
                    return try Self.text(out[...])
                }
                guard b >= 32 else { throw Unsupported() }
                guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
                i += 1
                guard i < bytes.count else { throw Unsupported() }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // A high surrogate must be followed by an escaped low one.
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { throw Unsupported() }
                        i += 2
                        let low = try hex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw Unsupported() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw Unsupported() }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw Unsupported()
                }
            }
            throw Unsupported()
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count else { throw Unsupported() }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt8
                switch b {
                case 48...57: d = b - 48
                case 65...70: d = b - 55
                case 97...102: d = b - 87
                default: throw Unsupported()
                }
                v = v << 4 | UInt32(d)
                i += 1
            }
            return v
        }

        /// `b` as a String, which must be valid UTF-8. `String(validating:)` is generic and, unspecialised,
        /// looked up its metadata on every string (5% of `g2t rescore`); decoding with repair and
        /// comparing the bytes is the same check (a repaired sequence never equals the input).
        static func text(_ b: ArraySlice<UInt8>) throws -> String {
            try b.withUnsafeBufferPointer { buf in
                let s = String(decoding: buf, as: UTF8.self)
                if buf.allSatisfy({ $0 < 0x80 }) { return s }
                guard s.utf8.count == buf.count, s.utf8.elementsEqual(buf) else { throw Unsupported() }
                return s
            }
        }
    }

    // MARK: - Decoder

    struct Impl: Decoder {
        let value: Value
        var codingPath: [CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let keys, let values, let sorted) = value else { throw Unsupported() }
            return KeyedDecodingContainer(Keyed<Key>(keys: keys, values: values, index: sorted ? nil : try Self.index(keys)))
        }

        func unkeyedContainer() throws -> UnkeyedDecodingContainer {
            guard case .array(let values) = value else { throw Unsupported() }
            return Unkeyed(values: values)
        }

        func singleValueContainer() throws -> SingleValueDecodingContainer { Single(value: value) }

        /// Position of each key of an object whose keys are not sorted; duplicates are left to Foundation.
        static func index(_ keys: [String]) throws -> [String: Int] {
            var d: [String: Int] = [:]
            d.reserveCapacity(keys.count)
            for (n, k) in keys.enumerated() {
                guard d.updateValue(n, forKey: k) == nil else { throw Unsupported() }
            }
            return d
        }
    }

    static func decodeInteger<I: FixedWidthInteger>(_ v: Value) throws -> I {
        guard case .int(let i) = v, let x = I(exactly: i) else { throw Unsupported() }
        return x
    }

    static func decodeDouble(_ v: Value) throws -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: throw Unsupported()
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let keys: [String]
        let values: [Value]
        /// nil when the keys are sorted (bisection).
        let index: [String: Int]?
        var codingPath: [CodingKey] { [] }

        var allKeys: [Key] { keys.compactMap { Key(stringValue: $0) } }

        func find(_ key: Key) -> Int? {
            let k = key.stringValue
            if let index { return index[k] }
            var lo = 0, hi = keys.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                let m = keys[mid]
                if m == k { return mid }
                if m < k { lo = mid + 1 } else { hi = mid }
            }
            return nil
        }

        func value(_ key: Key) throws -> Value {
            guard let n = find(key) else { throw Unsupported() }
            return values[n]
        }

        func contains(_ key: Key) -> Bool { find(key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool {
            if case .null = try value(key) { return true }
            return false
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            guard case .bool(let b) = try value(key) else { throw Unsupported() }
            return b
        }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            guard case .string(let s) = try value(key) else { throw Unsupported() }
            return s
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try TreeJSONDecoder.decodeDouble(try value(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw Unsupported() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try TreeJSONDecoder.decodeInteger(try value(key)) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try TreeJSONDecoder.decodeInteger(try value(key)) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try TreeJSONDecoder.decodeInteger(try value(key)) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try TreeJSONDecoder.decodeInteger(try value(key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try TreeJSONDecoder.decodeInteger(try value(key)) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try TreeJSONDecoder.decodeInteger(try value(key)) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try TreeJSONDecoder.decodeInteger(try value(key)) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try TreeJSONDecoder.decodeInteger(try value(key)) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try TreeJSONDecoder.decodeInteger(try value(key)) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try TreeJSONDecoder.decodeInteger(try value(key)) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try TreeJSONDecoder.unbox(try value(key), as: T.self) }

        // Foundation's rule: an absent key or a null value is nil.
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let n = find(key) else { return nil }
            if case .null = values[n] { return nil }
            return try TreeJSONDecoder.unbox(values[n], as: T.self)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try Impl(value: try value(key)).container(keyedBy: NestedKey.self)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
            try Impl(value: try value(key)).unkeyedContainer()
        }
        func superDecoder() throws -> Decoder { throw Unsupported() }
        func superDecoder(forKey key: Key) throws -> Decoder { throw Unsupported() }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let values: [Value]
        var currentIndex = 0
        var codingPath: [CodingKey] { [] }
        var count: Int? { values.count }
        var isAtEnd: Bool { currentIndex >= values.count }

        init(values: [Value]) { self.values = values }

        mutating func next() throws -> Value {
            guard currentIndex < values.count else { throw Unsupported() }
            defer { currentIndex += 1 }
            return values[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard currentIndex < values.count else { throw Unsupported() }
            if case .null = values[currentIndex] { currentIndex += 1; return true }
            return false
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let b) = try next() else { throw Unsupported() }
            return b
        }
        mutating func decode(_ type: String.Type) throws -> String {
            guard case .string(let s) = try next() else { throw Unsupported() }
            return s
        }
        mutating func decode(_ type: Double.Type) throws -> Double { try TreeJSONDecoder.decodeDouble(try next()) }
        mutating func decode(_ type: Float.Type) throws -> Float { throw Unsupported() }
        mutating func decode(_ type: Int.Type) throws -> Int { try TreeJSONDecoder.decodeInteger(try next()) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try TreeJSONDecoder.decodeInteger(try next()) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try TreeJSONDecoder.decodeInteger(try next()) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try TreeJSONDecoder.decodeInteger(try next()) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try TreeJSONDecoder.decodeInteger(try next()) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try TreeJSONDecoder.decodeInteger(try next()) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try TreeJSONDecoder.decodeInteger(try next()) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try TreeJSONDecoder.decodeInteger(try next()) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try TreeJSONDecoder.decodeInteger(try next()) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try TreeJSONDecoder.decodeInteger(try next()) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try TreeJSONDecoder.unbox(try next(), as: T.self) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try Impl(value: try next()).container(keyedBy: NestedKey.self)
        }
        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try Impl(value: try next()).unkeyedContainer() }
        mutating func superDecoder() throws -> Decoder { throw Unsupported() }
    }

    struct Single: SingleValueDecodingContainer {
        let value: Value
        var codingPath: [CodingKey] { [] }

        func decodeNil() -> Bool {
            if case .null = value { return true }
            return false
        }
        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let b) = value else { throw Unsupported() }
            return b
        }
        func decode(_ type: String.Type) throws -> String {
            guard case .string(let s) = value else { throw Unsupported() }
            return s
        }
        func decode(_ type: Double.Type) throws -> Double { try TreeJSONDecoder.decodeDouble(value) }
        func decode(_ type: Float.Type) throws -> Float { throw Unsupported() }
        func decode(_ type: Int.Type) throws -> Int { try TreeJSONDecoder.decodeInteger(value) }
        func decode(_ type: Int8.Type) throws -> Int8 { try TreeJSONDecoder.decodeInteger(value) }
        func decode(_ type: Int16.Type) throws -> Int16 { try TreeJSONDecoder.decodeInteger(value) }
        func decode(_ type: Int32.Type) throws -> Int32 { try TreeJSONDecoder.decodeInteger(value) }
        func decode(_ type: Int64.Type) throws -> Int64 { try TreeJSONDecoder.decodeInteger(value) }
        func decode(_ type: UInt.Type) throws -> UInt { try TreeJSONDecoder.decodeInteger(value) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try TreeJSONDecoder.decodeInteger(value) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try TreeJSONDecoder.decodeInteger(value) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try TreeJSONDecoder.decodeInteger(value) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try TreeJSONDecoder.decodeInteger(value) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try TreeJSONDecoder.unbox(value, as: T.self) }
    }
}
