/// The "name version" of a knowledge base read from its top-level keys without decoding the rest:
/// the `--version` text names the bundled knowledge base, and every command builds that text while
/// parsing its arguments, where a full decode (~29 M instructions) served only those two strings.
package enum KnowledgeBaseLabel {
    /// The bundled knowledge base's "name version", as `g2t --version` prints it: scanned, or from
    /// the full decode when the scan cannot tell (a key missing or an escaped character in a value),
    /// or "unavailable" when that decode fails. A test checks the scan equals the full decode's text.
    package static func bundled() -> String {
        if let (name, version) = scan(Array((EmbeddedData.files["g2t-kb.json"] ?? "").utf8)) { return name + " " + version }
        return decoded()
    }

    /// The text from the full decode (the path `bundled()` falls back on).
    package static func decoded() -> String {
        (try? KnowledgeBaseLoader.bundled()).map { "\($0.kb.name) \($0.kb.version)" } ?? "unavailable"
    }

    /// The string values of the top-level keys "name" and "version" of a JSON object, or nil when
    /// the bytes are not an object of such keys up to them, either key is missing or not a string, or
    /// a value holds an escape (left to the full decoder). Other values are skipped, not checked.
    package static func scan(_ bytes: [UInt8]) -> (name: String, version: String)? {
        var p = Parser(bytes: bytes)
        guard p.skipSpace(), p.take(UInt8(ascii: "{")) else { return nil }
        var name: String?, version: String?
        while true {
            guard p.skipSpace(), let key = p.plainString(), p.skipSpace(), p.take(UInt8(ascii: ":")), p.skipSpace() else { return nil }
            if key == "name" || key == "version" {
                guard let value = p.plainString() else { return nil }
                if key == "name" { name = name ?? value } else { version = version ?? value }
                if let name, let version { return (name, version) }
            } else {
                guard p.skipValue() else { return nil }
            }
            guard p.skipSpace(), p.take(UInt8(ascii: ",")) else { return nil }
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var at = 0

        /// Skips JSON white space; false at the end of the bytes.
        mutating func skipSpace() -> Bool {
            while at < bytes.count {
                switch bytes[at] {
                case 0x20, 0x09, 0x0A, 0x0D: at += 1
                default: return true
                }
            }
            return false
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        /// A string without escapes or control characters (nil otherwise, or if none starts here).
        mutating func plainString() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let from = at
            while at < bytes.count {
                let c = bytes[at]
                if c == UInt8(ascii: "\"") {
                    at += 1
                    return String(validating: bytes[from..<at - 1], as: UTF8.self)
                }
                guard c != UInt8(ascii: "\\"), c >= 0x20 else { return nil }
                at += 1
            }
            return nil
        }

        /// Skips one value: strings with their escapes, nested objects and arrays by depth, and
        /// anything else up to the next delimiter. False when the bytes end inside it.
        mutating func skipValue() -> Bool {
            var depth = 0
            while at < bytes.count {
                let c = bytes[at]
                switch c {
                case UInt8(ascii: "\""):
                    at += 1
                    while at < bytes.count, bytes[at] != UInt8(ascii: "\"") {
                        at += bytes[at] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    guard at < bytes.count else { return false }
                    at += 1
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    at += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard depth > 0 else { return true }
                    depth -= 1
                    at += 1
                case UInt8(ascii: ","):
                    guard depth > 0 else { return true }
                    at += 1
                default:
                    at += 1
                }
                if depth == 0, c == UInt8(ascii: "\"") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") { return true }
            }
            return depth == 0
        }
    }
}
