/// Finds where malformed JSON breaks, as "line L, column C: problem" (Foundation's decoder only
/// says "The given data was not valid JSON."). A plain recursive-descent check of RFC 8259 syntax.
package enum JSONSyntax {
    /// Nesting deeper than this is refused (Foundation's decoder stops at 512 too); it also
    /// bounds this checker's recursion.
    static let maxDepth = 512

    /// The first syntax error in `bytes`, or nil when they are well-formed JSON.
    package static func firstError(in bytes: [UInt8]) -> String? {
        var p = Parser(bytes: bytes)
        do throws(Parser.Failure) {
            p.skipSpace()
            try p.value(depth: 0)
            p.skipSpace()
            if p.i < bytes.count { throw Parser.Failure(at: p.i, problem: "unexpected data after the JSON value") }
            return nil
        } catch {
            let at = min(error.at, bytes.count)
            var line = 1, column = 1
            for b in bytes[..<at] {
                if b == 10 { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            return "line \(line), column \(column): \(error.problem)"
        }
    }

    struct Parser {
        struct Failure: Error { var at: Int; var problem: String }
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, [9, 10, 13, 32].contains(bytes[i]) { i += 1 }
        }

        func fail(_ problem: String) -> Failure { Failure(at: i, problem: problem) }

        func unexpected() -> Failure {
            guard i < bytes.count else { return fail("unexpected end of the file") }
            let b = bytes[i]
            return fail(b >= 32 && b < 127 ? "unexpected '\(Character(UnicodeScalar(b)))'" : "unexpected byte \(b)")
        }

        mutating func expect(_ c: UInt8) throws(Failure) {
            guard i < bytes.count, bytes[i] == c else { throw unexpected() }
            i += 1
        }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < JSONSyntax.maxDepth else { throw fail("nested more than \(JSONSyntax.maxDepth) deep") }
            guard i < bytes.count else { throw unexpected() }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return }
                while true {
                    skipSpace()
                    try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"))
                    skipSpace()
                    try value(depth: depth + 1)
                    skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    try expect(UInt8(ascii: "}"))
                    return
                }
            case UInt8(ascii: "["):
                i += 1
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return }
                while true {
                    skipSpace()
                    try value(depth: depth + 1)
                    skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    try expect(UInt8(ascii: "]"))
                    return
                }
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw unexpected()
            }
        }

        mutating func literal(_ word: String) throws(Failure) {
            for c in word.utf8 { try expect(c) }
        }

        mutating func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            return i - start
        }

        mutating func number() throws(Failure) {
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            let start = i
            let n = digits()
            guard n > 0 else { throw unexpected() }
            guard n == 1 || bytes[start] != UInt8(ascii: "0") else { throw Failure(at: start, problem: "a number with a leading zero") }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { throw unexpected() }
            }
            if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { throw unexpected() }
            }
        }

        mutating func string() throws(Failure) {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw i < bytes.count ? fail("expected a quoted key or string") : unexpected() }
            i += 1
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return }
                if b < 32 { throw fail("control character in a string") }
                i += b == UInt8(ascii: "\\") ? 2 : 1
            }
            throw fail("unterminated string")
        }
    }
}
