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
        var header: [String]?
        var rows: [(line: Int, fields: [String])] = []
        var utf8 = text.utf8[...]
        var i = 0
        while true {
            let end = utf8.firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            var line = utf8[..<end]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            defer { i += 1 }
            if !line.isEmpty && line.first != UInt8(ascii: "#") {
                var fields: [String] = []
                var rest = line
                while true {
                    let tab = rest.firstIndex(of: UInt8(ascii: "\t")) ?? rest.endIndex
                    fields.append(String(Substring(rest[..<tab])))
                    guard tab != rest.endIndex else { break }
                    rest = rest[rest.index(after: tab)...]
                }
                if header == nil { header = fields } else { rows.append((i + 1, fields)) }
            }
            guard end != utf8.endIndex else { break }
            utf8 = utf8[utf8.index(after: end)...]
        }
        return (header, rows)
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
