#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one JSON set-up of g2t: every file it writes has sorted keys, so the same value always
/// gives the same bytes.
package enum JSONCoding {
    package enum Layout: Sendable {
        /// Two-space indentation, "/" unescaped, newline at the end: reports, stage files, panels of normals, batch summary.
        case document
        /// One line, "/" unescaped, newline at the end: a JSON-lines record (`g2t rescore`).
        case line
        /// As `.document`, but "/" escaped as Foundation does by default: the manifest format, whose bytes must not change.
        case manifest
        /// One line, "/" escaped, no newline: a value compared as a string (run settings).
        case compactEscaped
    }

    package static func encoder(_ layout: Layout) -> JSONEncoder {
        let enc = JSONEncoder()
        switch layout {
        case .document: enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        case .line: enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        case .manifest: enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        case .compactEscaped: enc.outputFormatting = [.sortedKeys]
        }
        return enc
    }

    /// `value` as bytes in `layout`, with the layout's trailing newline. Written by
    /// `SortedJSONEncoder` (Foundation's bytes, faster); what it does not handle goes to Foundation.
    package static func encode<T: Encodable>(_ value: T, _ layout: Layout) throws -> [UInt8] {
        var bytes: [UInt8]
        do {
            bytes = try SortedJSONEncoder(layout).encode(value)
        } catch {
            bytes = Array(try encoder(layout).encode(value))
        }
        if layout != .compactEscaped { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }

    /// The bytes of `encode(value, layout)`, handed to `sink` in pieces of about 1 MiB, for files
    /// too big to hold twice (an analysis of 200,000 variants). When `SortedJSONEncoder` cannot
    /// encode the value after some pieces went out, `restart` is called (discard them) and
    /// Foundation's bytes, or its error, follow as `encode` would give them.
    package static func stream<T: Encodable>(_ value: T, _ layout: Layout, restart: () throws -> Void,
                                            to sink: ([UInt8]) throws -> Void) throws {
        let newline = layout != .compactEscaped
        do {
            var pending: [UInt8]?
            try SortedJSONEncoder(layout).encode(value, chunk: 1 << 20) { piece in
                // One piece behind, so the newline goes with the last one.
                if let p = pending { try sink(p) }
                pending = piece
            }
            var last = pending ?? []
            if newline { last.append(UInt8(ascii: "\n")) }
            try sink(last)
        } catch is SortedJSONEncoder.Unsupported {
            try restart()
            var bytes = Array(try encoder(layout).encode(value))
            if newline { bytes.append(UInt8(ascii: "\n")) }
            try sink(bytes)
        }
    }

    package static func decoder() -> JSONDecoder { JSONDecoder() }

    /// `bytes` decoded by `TreeJSONDecoder` (Foundation's values, faster); whatever it does not
    /// decode (including every malformed input) is decoded again by Foundation, whose value or
    /// error is the result.
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        if let fast = try? TreeJSONDecoder().decode(type, from: bytes) { return fast }
        return try foundationDecode(type, from: bytes)
    }

    /// The value in `bytes[range]` decoded by `TreeJSONDecoder` alone: it throws whatever that
    /// refuses (the caller falls back to decoding the whole document with `decode`, for Foundation's
    /// value or error). For a member found by `JSONMembers`.
    package static func decodeTree<T: Decodable>(_ type: T.Type, from bytes: [UInt8], in range: Range<Int>) throws -> T {
        try TreeJSONDecoder().decode(type, from: Array(bytes[range]))
    }

    /// Foundation's decoder alone (the reference `TreeJSONDecoderTests` compares with).
    package static func foundationDecode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        // Foundation (swift-foundation with Swift 6.3.1) traps (SIGILL) while locating its own
        // "too deeply nested" error for an unterminated run of 513 brackets (found by `make
        // test-fuzz`): refuse such nesting here, at Foundation's own limit, before it sees it.
        if let offset = nestingLimitOffset(bytes) {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription:
                "The JSON is nested more than \(TreeJSONDecoder.maxDepth) arrays or objects deep (at byte \(offset + 1))."))
        }
        return try decoder().decode(type, from: Data(bytes))
    }

    /// The offset of the first bracket that opens a container more than `TreeJSONDecoder.maxDepth` levels
    /// deep, outside strings; nil if the nesting stays below it.
    static func nestingLimitOffset(_ bytes: [UInt8]) -> Int? {
        var depth = 0, inString = false, escaped = false
        for (i, b) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > TreeJSONDecoder.maxDepth { return i }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return nil
    }
}
