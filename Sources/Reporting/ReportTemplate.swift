/// The report page's Mustache template, parsed once from its bytes into a tree and rendered into
/// bytes against the typed view (`TemplateNode`).
///
/// Why not swift-mustache, which renders the cohort page: on the report page it cost most of the
/// report stage (issue 17): a parse whose time grows with the square of the text (it measures the
/// distance to the end of the text, by Character, at each delimiter), `Mirror` look-ups or name
/// tables built by reflection, several dynamic casts and a `String(describing:)` per tag, and an
/// HTML escape by Character through a dictionary.
///
/// What it renders is what swift-mustache 2.1 renders, byte for byte, for the subset it accepts:
/// variables (`{{name}}`, `{{{name}}}`, `{{&name}}`, dotted names, `{{.}}`), sections and inverted
/// sections, comments, and swift-mustache's standalone-line rule (a line holding only a section,
/// inverted-section, close or comment tag and blanks is left out), which `Parser` follows step by
/// step. Anything else (partials, delimiter changes, inheritance, transforms, pragmas, a carriage
/// return or other line break than "\n") is refused with an error naming it, not rendered otherwise.
/// Markup ("{", "}", blanks, line ends) is compared as bytes where the library compares Characters:
/// they differ only where a combining mark follows one of them, which the report template has not.
/// `ReportTemplateTests` renders the report page and samples through both and compares.
struct ReportTemplate: Sendable {
    /// A tag's name: `{{.}}` or a path of names (`a.b`), looked up from the innermost context
    /// outwards, or only in the innermost one when it starts with ".".
    enum Name: Equatable, Sendable {
        case current
        case path([String], anchored: Bool)
    }

    indirect enum Part: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, [Part])
    }

    let parts: [Part]

    init(string text: String) throws(ReportError) {
        var parser = Parser(Array(text.utf8))
        parts = try parser.parseTemplate()
    }

    /// The page for `root`, as UTF-8 bytes.
    func render(_ root: any TemplateNode) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 17)
        var stack: [TemplateValue] = [.node(root)]
        Self.render(parts, &stack, into: &out)
        return out
    }

    private static func render(_ parts: [Part], _ stack: inout [TemplateValue], into out: inout [UInt8]) {
        for part in parts {
            switch part {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .variable(let name, let escaped):
                guard let value = lookUp(name, in: stack) else { continue }
                let text = describe(value)
                if escaped { HTMLEscape.append(text, to: &out) } else { out.append(contentsOf: text.utf8) }
            case .section(let name, inverted: false, let body):
                switch lookUp(name, in: stack) {
                case .nodes(let elements)?:
                    for e in elements { renderPushing(.node(e), body, &stack, into: &out) }
                case .texts(let elements)?:
                    for e in elements { renderPushing(.text(e), body, &stack, into: &out) }
                case .flag(let on)?:
                    if on { render(body, &stack, into: &out) }
                case let value?:
                    renderPushing(value, body, &stack, into: &out)
                case nil:
                    break
                }
            case .section(let name, inverted: true, let body):
                switch lookUp(name, in: stack) {
                case let value? where value.isEmptyList:
                    renderPushing(value, body, &stack, into: &out)
                case .flag(let on)?:
                    if !on { render(body, &stack, into: &out) }
                case .some:
                    break
                case nil:
                    render(body, &stack, into: &out)
                }
            }
        }
    }

    private static func renderPushing(_ value: TemplateValue, _ body: [Part], _ stack: inout [TemplateValue], into out: inout [UInt8]) {
        stack.append(value)
        render(body, &stack, into: &out)
        stack.removeLast()
    }

    /// swift-mustache's look-up: the first name in the innermost context that has it, the rest of a
    /// dotted path inside what it found.
    private static func lookUp(_ name: Name, in stack: [TemplateValue]) -> TemplateValue? {
        switch name {
        case .current:
            return stack.last
        case .path(let names, let anchored):
            guard let first = names.first, let last = stack.last else { return stack.last }
            var found: TemplateValue?
            if anchored {
                found = last.child(first)
            } else {
                for context in stack.reversed() {
                    if let c = context.child(first) { found = c; break }
                }
            }
            for n in names.dropFirst() { found = found?.child(n) }
            return found
        }
    }

    /// The text of a shown value (swift-mustache shows `String(describing:)`).
    private static func describe(_ value: TemplateValue) -> String {
        switch value {
        case .text(let s): s
        case .flag(let b): b ? "true" : "false"
        case .node(let n): String(describing: n)
        case .nodes(let a): String(describing: a)
        case .texts(let a): String(describing: a)
        }
    }
}

private extension TemplateValue {
    /// Only a struct has names; text, flags and lists have none (as under `Mirror`).
    func child(_ name: String) -> TemplateValue? {
        guard case .node(let n) = self else { return nil }
        return n.value(named: name)
    }

    var isEmptyList: Bool {
        switch self {
        case .nodes(let a): a.isEmpty
        case .texts(let a): a.isEmpty
        default: false
        }
    }
}

/// swift-mustache's HTML escape (`<`, `>`, `&`, `"` and `'`, compared as Characters).
enum HTMLEscape {
    static func append(_ text: String, to out: inout [UInt8]) {
        // Most values have nothing to escape: copied whole from the string's UTF-8 where it has
        // contiguous storage (one look at each byte, one copy), not appended byte by byte. Text beyond
        // ASCII too: a Character equal to one of the five is that single ASCII scalar, so text without
        // their bytes has none of them by Character either (a combining mark only matters next to one).
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for b in bytes where b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "&")
                || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true { return }
        var ascii = true
        for b in text.utf8 where b >= 0x80 { ascii = false; break }
        guard ascii else { return appendByCharacter(text, to: &out) }
        // ASCII: each byte is one Character, so bytes compare as the Characters do.
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(b)
            }
        }
    }

    /// Beyond ASCII a Character can join "<" with a following combining mark ("<\u{338}" is one
    /// Character, not "<"): compared by Character, as the library does.
    private static func appendByCharacter(_ text: String, to out: inout [UInt8]) {
        for c in text {
            switch c {
            case "<": out.append(contentsOf: "&lt;".utf8)
            case ">": out.append(contentsOf: "&gt;".utf8)
            case "&": out.append(contentsOf: "&amp;".utf8)
            case "\"": out.append(contentsOf: "&quot;".utf8)
            case "'": out.append(contentsOf: "&#39;".utf8)
            default: out.append(contentsOf: c.utf8)
            }
        }
    }
}
