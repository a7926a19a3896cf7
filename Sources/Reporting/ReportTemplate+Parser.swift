extension ReportTemplate {
    /// swift-mustache 2.1's parser (`MustacheTemplate.parse`), step by step, over bytes, for the
    /// tags `ReportTemplate` accepts. The steps that decide whitespace: at a line start the blanks
    /// are held back (`blanks`); a section, inverted-section, close or comment tag that ends its line
    /// (blanks, then "\n" or the end) after nothing but blanks is standalone, and the held blanks
    /// and the line end go; any other tag writes the held blanks first.
    struct Parser {
        private let b: [UInt8]
        private var i = 0

        init(_ bytes: [UInt8]) { b = bytes }

        private static let newline = UInt8(ascii: "\n"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")

        mutating func parseTemplate() throws(ReportError) -> [Part] {
            try checkLineBreaks()
            return try parse(section: nil, newLine: true)
        }

        /// swift-mustache treats every Unicode line break as one; this parser knows only "\n".
        private func checkLineBreaks() throws(ReportError) {
            for k in b.indices {
                switch b[k] {
                case 0x0B, 0x0C, 0x0D:
                    throw .template("line break other than \"\\n\" at byte \(k)")
                case 0xC2 where k + 1 < b.count && b[k + 1] == 0x85,
                     0xE2 where k + 2 < b.count && b[k + 1] == 0x80 && (b[k + 2] == 0xA8 || b[k + 2] == 0xA9):
                    throw .template("Unicode line break at byte \(k)")
                default:
                    continue
                }
            }
        }

        private mutating func parse(section: String?, newLine startsLine: Bool) throws(ReportError) -> [Part] {
            var parts: [Part] = []
            var newLine = startsLine
            var blanks: ArraySlice<UInt8> = []
            while i < b.count {
                if newLine {
                    let s = i
                    while i < b.count, b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "\t") { i += 1 }
                    blanks = b[s..<i]
                }
                // Text up to a line end or "{{" (which is read).
                let s = i
                var textEnd = b.count, tag = false
                while i < b.count {
                    if b[i] == Self.newline { textEnd = i; break }
                    if b[i] == Self.open, i + 1 < b.count, b[i + 1] == Self.open { textEnd = i; i += 2; tag = true; break }
                    i += 1
                }
                let text = b[s..<min(textEnd, b.count)]
                if !tag, i < b.count {
                    parts.append(.text(Array(blanks) + text + [Self.newline]))
                    newLine = true
                    i += 1
                    continue
                }
                if !text.isEmpty {
                    parts.append(.text(Array(blanks + text)))
                    blanks = []
                    newLine = false
                }
                guard tag, i < b.count else { break }
                var setNewLine = false
                switch b[i] {
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    let inverted = b[i] == UInt8(ascii: "^")
                    i += 1
                    let name = try readName()
                    if newLine && lineFinished() {
                        setNewLine = true
                    } else if !blanks.isEmpty {
                        parts.append(.text(Array(blanks)))
                        blanks = []
                    }
                    let body = try parse(section: name, newLine: setNewLine)
                    parts.append(.section(try Self.name(name), inverted: inverted, body))
                case UInt8(ascii: "/"):
                    i += 1
                    let name = try readName()
                    guard name == section else { throw .template("{{/\(name)}} closes no open section (open: \(section ?? "none"))") }
                    if !(newLine && lineFinished()), !blanks.isEmpty { parts.append(.text(Array(blanks))) }
                    return parts
                case UInt8(ascii: "!"):
                    i += 1
                    while i + 1 < b.count, !(b[i] == Self.close && b[i + 1] == Self.close) { i += 1 }
                    guard i + 1 < b.count else { throw .template("unclosed comment") }
                    i += 2
                    setNewLine = newLine && lineFinished()
                case UInt8(ascii: "{"), UInt8(ascii: "&"):
                    let triple = b[i] == Self.open
                    if !blanks.isEmpty { parts.append(.text(Array(blanks))); blanks = [] }
                    i += 1
                    let name = try readName()
                    if triple {
                        guard i < b.count, b[i] == Self.close else { throw .template("{{{\(name)}} without its third \"}\"") }
                        i += 1
                    }
                    parts.append(.variable(try Self.name(name), escaped: false))
                case UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "$"), UInt8(ascii: "%"):
                    throw .template("unsupported tag {{\(String(decoding: [b[i]], as: UTF8.self)) (delimiters, partials, inheritance, pragmas)")
                case Self.newline:
                    throw .template("a line break right after \"{{\"")
                default:
                    if !blanks.isEmpty { parts.append(.text(Array(blanks))); blanks = [] }
                    let name = try readName()
                    parts.append(.variable(try Self.name(name), escaped: true))
                }
                newLine = setNewLine
            }
            if let section { throw .template("section \(section) is not closed") }
            return parts
        }

        /// A tag's name and its closing "}}", blanks around the name skipped.
        private mutating func readName() throws(ReportError) -> String {
            skipWhitespace()
            let s = i
            while i < b.count, Self.isNameByte(b[i]) { i += 1 }
            let name = String(decoding: b[s..<i], as: UTF8.self)
            skipWhitespace()
            guard i + 1 < b.count, b[i] == Self.close, b[i + 1] == Self.close else { throw .template("tag \(name) is not closed by \"}}\"") }
            i += 2
            return name
        }

        private static func isNameByte(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"),
                 UInt8(ascii: "("), UInt8(ascii: ")"):
                return true
            default:
                return false
            }
        }

        private mutating func skipWhitespace() {
            while i < b.count, b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "\t") || b[i] == Self.newline { i += 1 }
        }

        /// True (and past the line end) when only blanks follow on this line, or the text ends here.
        private mutating func lineFinished() -> Bool {
            if i >= b.count { return true }
            var j = i
            while j < b.count, b[j] == UInt8(ascii: " ") || b[j] == UInt8(ascii: "\t") { j += 1 }
            guard j < b.count, b[j] == Self.newline else { return false }
            i = j + 1
            return true
        }

        /// "." or a dotted path; transforms ("name(x)") are refused.
        private static func name(_ text: String) throws(ReportError) -> Name {
            guard !text.contains("("), !text.contains(")") else { throw .template("transforms are not supported: \(text)") }
            guard !text.isEmpty else { throw .template("a tag without a name") }
            if text == "." { return .current }
            return .path(text.split(separator: ".").map(String.init), anchored: text.hasPrefix("."))
        }
    }
}
