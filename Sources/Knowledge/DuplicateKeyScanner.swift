/// Finds the first object with a repeated key in JSON text. Foundation's decoder keeps one of the
/// two values without a word (and Python's `json` the other), so a knowledge base with a repeated
/// key would mean different things to g2t and to the schema check: it is refused instead.
///
/// A single pass over the bytes; strings are compared after their escapes are left as written,
/// which is what a duplicate typed by hand looks like. Malformed JSON is left to the decoder.
enum DuplicateKeyScanner {
    struct Duplicate: Equatable {
        /// Key path of the object holding the repeated key, e.g. "effects[3]".
        var path: String
        var key: String
        /// 1-based line of the second occurrence.
        var line: Int
    }

    private enum Container {
        case object(path: String, keys: Set<String>, pendingKey: String?)
        case array(path: String, index: Int)
    }

    static func firstDuplicate(in bytes: [UInt8]) -> Duplicate? {
        var stack: [Container] = []
        var line = 1
        var i = 0
        // Whether the next string in an object is a key (after "{" or ",") rather than a value.
        var expectKey = false

        func childPath() -> String {
            switch stack.last {
            case .object(let p, _, let k)?: return p.isEmpty ? (k ?? "") : "\(p).\(k ?? "")"
            case .array(let p, let n)?: return "\(p)[\(n)]"
            case nil: return ""
            }
        }

        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: "{"):
                stack.append(.object(path: childPath(), keys: [], pendingKey: nil))
                expectKey = true
            case UInt8(ascii: "["):
                stack.append(.array(path: childPath(), index: 0))
                expectKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                expectKey = false
            case UInt8(ascii: ","):
                if case .array(let p, let n)? = stack.last { stack[stack.count - 1] = .array(path: p, index: n + 1); expectKey = false }
                else { expectKey = true }
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "\"") {
                    if bytes[j] == UInt8(ascii: "\\") { j += 1 }
                    j += 1
                }
                guard j < bytes.count else { return nil }
                if expectKey, case .object(let p, var keys, _)? = stack.last {
                    let key = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                    if !keys.insert(key).inserted { return Duplicate(path: p.isEmpty ? "(top level)" : p, key: key, line: line) }
                    stack[stack.count - 1] = .object(path: p, keys: keys, pendingKey: key)
                    expectKey = false
                }
                i = j
            default: break
            }
            i += 1
        }
        return nil
    }
}
