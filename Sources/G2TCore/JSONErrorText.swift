#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON decoding error as one short line a user can act on: the key path and the problem, or
/// the parser's own line and column for malformed JSON (never Swift's raw `DecodingError` dump).
package enum JSONErrorText {
    /// `bytes` (the JSON decoded) lets a syntax error be placed by line and column.
    package static func describe(_ error: Error, bytes: [UInt8]? = nil) -> String {
        guard let e = error as? DecodingError else { return TextFormat.oneLine("\(error)") }
        if case .dataCorrupted(let c) = e, c.codingPath.isEmpty, let bytes, let where_ = JSONSyntax.firstError(in: bytes) {
            return TextFormat.oneLine("not valid JSON: \(where_)")
        }
        let (path, problem): (String, String)
        switch e {
        case .keyNotFound(let k, let c): (path, problem) = (keyPath(c.codingPath + [k]), "missing key '\(k.stringValue)'")
        case .typeMismatch(let t, let c): (path, problem) = (keyPath(c.codingPath), "wrong type (expected \(t))")
        case .valueNotFound(let t, let c): (path, problem) = (keyPath(c.codingPath), "missing value (expected \(t))")
        case .dataCorrupted(let c):
            // The parser's message says where the JSON breaks ("… around line 3, column 7.").
            let under = c.underlyingError.map { " \($0)" } ?? ""
            (path, problem) = (keyPath(c.codingPath), c.debugDescription + under)
        @unknown default: (path, problem) = ("", "invalid")
        }
        return TextFormat.oneLine(path.isEmpty ? problem : "\(path): \(problem)")
    }

    /// `drugs[3].name` from a coding path.
    package static func keyPath(_ keys: [CodingKey]) -> String {
        var out = ""
        for k in keys {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out
    }
}

extension TextFormat {
    /// At most this many characters in an error line: long enough for two paths and a reason.
    package static let maxErrorLength = 300

    /// `text` on one line (line breaks and tabs become spaces), cut to `limit` characters with "…".
    package static func oneLine(_ text: String, limit: Int = maxErrorLength) -> String {
        var flat = String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
        if flat.count > limit { flat = String(flat.prefix(limit - 1)) + "…" }
        return flat
    }
}
