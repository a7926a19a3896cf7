/// Minimal reader for the tab-separated tables g2t bundles: `#` comment lines, one header row.
package struct TSVTable: Sendable {
    package let file: String
    package let columns: [String]
    /// Data rows with their 1-based line numbers in the file.
    package let rows: [(line: Int, fields: [String])]

    package init(file: String, text: String) throws {
        let (header, rows) = Self.split(text)
        guard let header else { throw DataFileError.malformed(file: file, line: 0, problem: "no header row") }
        self.file = file
        self.columns = header
        self.rows = rows
    }

    /// Header and data rows: lines split on the byte `\n` (a `\r` before it dropped, so files
    /// saved with Windows line ends read the same), fields on `\t`. By bytes, not Characters:
    /// "\r\n" is one Character, so a Character split on "\n" never splits such a file, and a
    /// Character per byte is slow for tables parsed at every start of g2t (issue 17).
    static func split(_ text: String) -> (header: [String]?, rows: [(line: Int, fields: [String])]) {
        // Over the string's contiguous UTF-8 (a generic `firstIndex` over a UTF8View slice cost ~1,400
        // instructions a line, ~10 M at every start): the same lines and fields, as tab and line feed are
        // ASCII and never split a character, so each field's bytes decode to the same String.
        var text = text
        return text.withUTF8 { bytes in
            var header: [String]?
            var rows: [(line: Int, fields: [String])] = []
            let n = bytes.count
            var at = 0
            var i = 0
            while true {
                var end = at
                while end < n && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                var lineEnd = end
                if lineEnd > at && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                if lineEnd > at && bytes[at] != UInt8(ascii: "#") {
                    var fields: [String] = []
                    var from = at
                    while true {
                        var tab = from
                        while tab < lineEnd && bytes[tab] != UInt8(ascii: "\t") { tab += 1 }
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<tab]), as: UTF8.self))
                        guard tab != lineEnd else { break }
                        from = tab + 1
                    }
                    if header == nil { header = fields } else { rows.append((i + 1, fields)) }
                }
                i += 1
                guard end != n else { break }
                at = end + 1
            }
            return (header, rows)
        }
    }

    /// The value of `column` in `fields`, or a precise error naming file, line and column.
    package func value(_ column: String, in row: (line: Int, fields: [String])) throws -> String {
        guard let i = columns.firstIndex(of: column) else {
            throw DataFileError.malformed(file: file, line: 0, problem: "missing column '\(column)'")
        }
        guard i < row.fields.count else {
            throw DataFileError.malformed(file: file, line: row.line, problem: "missing value for '\(column)'")
        }
        return row.fields[i]
    }

    /// Like `value`, parsed as an integer.
    package func int(_ column: String, in row: (line: Int, fields: [String])) throws -> Int {
        let s = try value(column, in: row)
        guard let v = Int(s) else {
            throw DataFileError.malformed(file: file, line: row.line, problem: "'\(column)' is not a whole number: '\(s)'")
        }
        return v
    }
}

/// A bundled or user-supplied data file that does not parse.
package enum DataFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(file: String)
    case malformed(file: String, line: Int, problem: String)

    package var description: String {
        switch self {
        case .missing(let f): return "\(f): missing from the panel data"
        case .malformed(let f, let l, let p): return l > 0 ? "\(f):\(l): \(p)" : "\(f): \(p)"
        }
    }
}
