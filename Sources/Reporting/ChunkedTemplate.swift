import Mustache

/// A Mustache template parsed as a run of smaller templates, cut at line starts outside every
/// section, whose renders joined are the whole template's render.
///
/// Why: swift-mustache's parser measures the distance to the end of its text (a walk over the
/// Characters) at each delimiter check, so parsing costs grow with the square of the text's
/// length; the 21 kB report template took ~35 ms, the largest fixed cost of the report stage
/// (issue 17). Parsed in pieces of at least `pieceSize` bytes it costs a few milliseconds.
///
/// Why the render is unchanged: Mustache's standalone-line rule looks only at the tag's own line,
/// and each piece holds whole lines; a piece never cuts a section (all sections open and close in
/// one piece), so every tag renders against the same context stack as in the whole template.
/// Templates with anything whose effect crosses a cut (delimiter changes `{{=`, partials `{{>`,
/// inheritance `{{<` `{{$`) or with tags the scan cannot pair are parsed whole.
struct ChunkedTemplate {
    private let pieces: [MustacheTemplate]

    /// Pieces are at least this long (bytes) unless the template ends: on the report template 256
    /// gives 35 pieces and 1/18 of the whole parse's quadratic cost (smaller pieces gain little:
    /// its largest sections, ~2.5 kB, cannot be cut).
    static let pieceSize = 256

    init(string text: String, pieceSize: Int = Self.pieceSize) throws {
        pieces = try Self.pieces(of: text, pieceSize: pieceSize).map { try MustacheTemplate(string: $0) }
    }

    /// How many templates the text was parsed as.
    var pieceCount: Int { pieces.count }

    func render(_ object: Any) -> String {
        var out = ""
        for p in pieces { out += p.render(object) }
        return out
    }

    /// `text` cut into pieces as described above (the whole text as one piece when it cannot be cut safely).
    static func pieces(of text: String, pieceSize: Int = Self.pieceSize) -> [String] {
        guard let cuts = cutPoints(Array(text.utf8)) else { return [text] }
        var out: [String] = []
        let bytes = Array(text.utf8)
        var from = 0
        for c in cuts where c - from >= pieceSize {
            out.append(String(decoding: bytes[from..<c], as: UTF8.self))
            from = c
        }
        if from < bytes.count || out.isEmpty { out.append(String(decoding: bytes[from...], as: UTF8.self)) }
        return out
    }

    /// Byte offsets of line starts outside every tag and section, or nil when the template uses a
    /// tag whose effect can cross a cut or its tags do not pair.
    static func cutPoints(_ b: [UInt8]) -> [Int]? {
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var cuts: [Int] = []
        var depth = 0
        var i = 0
        while i < b.count {
            if b[i] == open, i + 1 < b.count, b[i + 1] == open {
                let triple = i + 2 < b.count && b[i + 2] == open
                let sigil = i + 2 < b.count ? b[i + 2] : 0
                switch sigil {
                case UInt8(ascii: "#"), UInt8(ascii: "^"): depth += 1
                case UInt8(ascii: "/"): depth -= 1
                case UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "$"): return nil
                default: break
                }
                guard depth >= 0 else { return nil }
                // The tag's end: "}}" ("}}}" for a triple mustache).
                var j = i + 2
                while j + 1 < b.count && !(b[j] == close && b[j + 1] == close) { j += 1 }
                guard j + 1 < b.count else { return nil }
                i = j + 2
                if triple {
                    guard i < b.count, b[i] == close else { return nil }
                    i += 1
                }
                continue
            }
            if b[i] == UInt8(ascii: "\n"), depth == 0, i + 1 < b.count { cuts.append(i + 1) }
            i += 1
        }
        return depth == 0 ? cuts : nil
    }
}
