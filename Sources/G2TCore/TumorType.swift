/// An OncoTree tumour type (code, name, parent), from the bundled `oncotree.tsv`.
package struct TumorType: Codable, Sendable, Hashable {
    package var code: String
    package var name: String
    package var parent: String

    /// The bundled OncoTree subset, parsed once per process (a `static let` is initialised once).
    package static func catalogue() throws -> [TumorType] { try bundledCatalogue.get() }

    private static let bundledCatalogue: Result<[TumorType], DataFileError> = {
        do {
            let table = try TSVTable(file: "oncotree.tsv", text: EmbeddedData.files["oncotree.tsv"] ?? "")
            return .success(try table.rows.map {
                TumorType(code: try table.value("code", in: $0), name: try table.value("name", in: $0),
                          parent: try table.value("parent", in: $0))
            })
        } catch let e as DataFileError { return .failure(e) }
        catch { return .failure(.malformed(file: "oncotree.tsv", line: 0, problem: "\(error)")) }
    }()

    /// Finds a tumour type by OncoTree code or name, case-insensitively; otherwise the error
    /// suggests the closest codes.
    package static func resolve(_ text: String, in types: [TumorType]) throws -> TumorType {
        let key = text.trimmingSpaces().lowercased()
        if let t = types.first(where: { $0.code.lowercased() == key || $0.name.lowercased() == key }) { return t }
        let ranked = types.map { t in
            (t, min(editDistance(key, t.code.lowercased()), editDistance(key, t.name.lowercased())))
        }.sorted { ($0.1, $0.0.code) < ($1.1, $1.0.code) }
        throw TumorTypeError.unknown(text, suggestions: ranked.prefix(3).map { "\($0.0.code) (\($0.0.name))" })
    }

    /// Codes from this type up to the root (LUAD → NSCLC → LUNG), for matching knowledge-base scopes.
    package func lineage(in types: [TumorType]) -> [String] {
        var out = [code]
        var p = parent
        while !p.isEmpty, !out.contains(p) {
            out.append(p)
            p = types.first { $0.code == p }?.parent ?? ""
        }
        return out
    }
}

/// A tumour type g2t does not recognise.
package enum TumorTypeError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknown(String, suggestions: [String])

    package var description: String {
        switch self {
        case .unknown(let t, let s):
            return "unknown tumour type '\(t)'; closest OncoTree codes: \(s.joined(separator: ", ")) (see `g2t tumor-types`)"
        }
    }
}

/// Levenshtein distance, for suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = prev
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}

extension String {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
