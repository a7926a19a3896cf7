/// Minimal reader for the tab-separated tables g2t bundles: `#` comment lines, one header row.
package struct TSVTable: Sendable {
    package let file: String
    package let columns: [String]
    /// Data rows with their 1-based line numbers in the file.
    package let rows: [(line: Int, fields: [String])]

    package init(file: String, text: String) throws {
        var header: [String]?
        var rows: [(Int, [String])] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if header == nil { header = fields; continue }
            rows.append((i + 1, fields))
        }
        guard let header else { throw DataFileError.malformed(file: file, line: 0, problem: "no header row") }
        self.file = file
        self.columns = header
        self.rows = rows
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
