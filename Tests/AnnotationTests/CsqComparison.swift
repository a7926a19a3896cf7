import G2TCore

/// Compares one g2t annotation with one bcftools csq BCSQ field.
struct CsqComparison {
    var compared = 0
    var agreeing = 0
    var explained: [String: Int] = [:]
    /// A few examples of each explained category, for docs/annotation.md.
    var examples: [String: [String]] = [:]
    var current = ""
    var unexplained: [String] = []

    /// bcftools csq consequence names → Sequence Ontology terms.
    static let so: [String: String] = [
        "missense": "missense_variant", "synonymous": "synonymous_variant", "stop_gained": "stop_gained",
        "stop_lost": "stop_lost", "start_lost": "start_lost", "frameshift": "frameshift_variant",
        "inframe_deletion": "inframe_deletion", "inframe_insertion": "inframe_insertion",
        "inframe_altering": "protein_altering_variant", "splice_donor": "splice_donor_variant",
        "splice_acceptor": "splice_acceptor_variant", "splice_region": "splice_region_variant",
        "5_prime_utr": "5_prime_UTR_variant", "3_prime_utr": "3_prime_UTR_variant", "intron": "intron_variant",
        "stop_retained": "stop_retained_variant", "start_retained": "start_retained_variant",
        "coding_sequence": "coding_sequence_variant",
    ]

    /// A protein edit: at 1-based `start`, `deleted` residues become `inserted`.
    struct Edit: Equatable { var start: Int; var deleted: Int; var inserted: [Character] }

    mutating func compare(_ v: VariantCall, bcsq: String?, protein: [Character]) {
        compared += 1
        current = "\(v.pos) \(v.ref)>\(v.alt): g2t \(v.annotation?.consequence.text ?? "-") \(v.annotation?.hgvspShort ?? ""); bcftools \((bcsq ?? "-").prefix(160))"
        let key = "\(v.pos) \(v.ref)>\(v.alt) g2t=\(v.annotation?.consequence.text ?? "-") \(v.annotation?.hgvspShort ?? "-") csq=\(bcsq?.prefix(300) ?? "-")"
        let ourTerms = Set((v.annotation?.consequence.terms ?? []).map(\.rawValue))
        guard let bcsq else {
            if ourTerms.isSubset(of: ["upstream_gene_variant", "downstream_gene_variant"]) {
                return note("outside the transcript: g2t says up/downstream_gene_variant, bcftools csq reports nothing")
            }
            return unexplained.append(key + " (no BCSQ)")
        }
        // BCSQ holds one or more comma-separated entries: consequence|gene|transcript|biotype|strand|aa|dna.
        var theirTerms = Set<String>()
        var aa = ""
        for entry in bcsq.split(separator: ",") {
            let f = entry.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            for t in (f.first ?? "").split(separator: "&") {
                let bare = String(t.drop { $0 == "*" || $0 == "@" })
                theirTerms.insert(Self.so[bare] ?? bare)
            }
            if f.count > 5, !f[5].isEmpty { aa = f[5] }
        }

        var proteinAgrees = true
        var noTheirProtein = false
        if ourTerms.contains("frameshift_variant") && theirTerms.contains("frameshift_variant") {
            if let theirs = Self.theirFirstChange(aa) {
                proteinAgrees = Self.frameshiftStart(v.annotation?.hgvspShort) == theirs
            } else {
                noTheirProtein = true  // bcftools gives no position ("" or "30V>30?") at some exon edges
            }
        } else if v.annotation?.hgvspShort != nil && (aa.isEmpty || aa.contains("?")) && !theirTerms.isDisjoint(with: ["inframe_deletion", "inframe_insertion", "missense_variant"]) {
            noTheirProtein = true  // bcftools gives "729GLWIP>729?" for some changes at exon edges
        } else if let ours = v.annotation?.hgvspShort, let mine = Self.ourEdit(ours, protein), let theirs = Self.theirEdit(aa) {
            proteinAgrees = Self.apply(mine, protein) == Self.apply(theirs, protein)
        }
        if ourTerms == theirTerms && proteinAgrees && !noTheirProtein { agreeing += 1; return }
        if ourTerms == theirTerms && noTheirProtein { return note("change at an exon edge: bcftools csq gives no protein position (\"?\")") }

        // Explained differences (docs/annotation.md).
        let spliceish: Set<String> = ["splice_region_variant", "intron_variant"]
        if ourTerms == theirTerms.union(["intron_variant"]) && proteinAgrees {
            return note("intronic splice region: g2t adds intron_variant (as VEP does), bcftools csq does not")
        }
        if ourTerms.subtracting(spliceish) == theirTerms.subtracting(spliceish) && proteinAgrees {
            return note("splice_region flag differs (region definitions)")
        }
        let boundary: Set<String> = ["splice_donor_variant", "splice_acceptor_variant", "splice_region_variant", "intron_variant"]
        if ourTerms.contains("coding_sequence_variant") && !ourTerms.isDisjoint(with: boundary)
            && !theirTerms.isDisjoint(with: ["splice_donor_variant", "splice_acceptor_variant", "splice_region_variant"]) {
            return note("change across an exon-intron boundary: g2t makes no protein prediction (splicing effect unknown)")
        }
        if ourTerms.isSubset(of: boundary) && theirTerms.subtracting(boundary).isSubset(of: ["synonymous_variant", "coding_sequence_variant"])
            && !theirTerms.isDisjoint(with: boundary) {
            return note("intronic deletion anchored on the last exon base: bcftools csq adds a coding term")
        }
        unexplained.append(key)
    }

    /// Position and new residue of a frameshift, "p.E27Ffs*50" → "27F".
    static func frameshiftStart(_ p: String?) -> String? {
        guard let p else { return nil }
        if p.hasSuffix("*"), !p.contains("fs") { return String(p.dropFirst(3)) }  // "p.C187*" → "187*"
        guard let fs = p.range(of: "fs") else { return nil }
        let head = p[p.index(p.startIndex, offsetBy: 3)..<fs.lowerBound]  // drop "p." and the old residue
        return String(head)
    }

    /// First residue where bcftools' ref and alt strings differ: "26EEKK>26EFAK" → "27F".
    static func theirFirstChange(_ aa: String) -> String? {
        let sides = aa.split(separator: ">").map(String.init)
        guard sides.count == 2, !sides[1].contains("?"), let (pos, r) = split(sides[0]), let (_, a) = split(sides[1]) else { return nil }
        let ra = Array(r), aa = Array(a)
        var i = 0
        while i < min(ra.count, aa.count) && ra[i] == aa[i] { i += 1 }
        guard i < aa.count else { return nil }
        return "\(pos + i)\(aa[i])"
    }

    mutating func note(_ c: String) {
        explained[c, default: 0] += 1
        if examples[c, default: []].count < 4 { examples[c, default: []].append(current) }
    }

    /// Applies an edit and truncates at the first stop.
    static func apply(_ e: Edit, _ p: [Character]) -> [Character] {
        let i = max(0, min(p.count, e.start - 1)), j = max(i, min(p.count, i + e.deleted))
        let out = Array(p[..<i]) + e.inserted + Array(p[j...])
        if let s = out.firstIndex(of: "*") { return Array(out[...s]) }
        return out
    }

    /// bcftools' "858L>858R", "745KELREA>745K", "767A>767ASVD", "2R>2*", "1145I".
    static func theirEdit(_ aa: String) -> Edit? {
        let sides = aa.split(separator: ">").map(String.init)
        guard let left = sides.first, let (pos, refAA) = split(left) else { return nil }
        guard sides.count == 2, let (_, altAA) = split(sides[1]) else { return Edit(start: pos, deleted: 0, inserted: []) }
        if altAA.contains("X") { return nil }  // frameshift: compared by consequence only
        return Edit(start: pos, deleted: refAA.count, inserted: Array(altAA))
    }

    static func split(_ s: String) -> (Int, String)? {
        let digits = s.prefix { $0.isNumber }
        guard let n = Int(digits) else { return nil }
        return (n, String(s.dropFirst(digits.count)))
    }

    /// g2t's one-letter HGVS p. as an edit (nil for frameshift, start/stop loss).
    static func ourEdit(_ p: String, _ protein: [Character]) -> Edit? {
        let s = String(p.dropFirst(2))
        if s.contains("fs") || s.contains("?") || s.contains("ext") { return nil }
        if s.hasSuffix("=") { return Edit(start: 1, deleted: 0, inserted: []) }
        // Positions named in the text, and the tail after the last position.
        var positions: [Int] = []
        var num = ""
        var tail = ""
        for ch in s {
            if ch.isNumber { num.append(ch); tail = "" } else {
                if !num.isEmpty { positions.append(Int(num) ?? 0); num = "" }
                tail.append(ch)
            }
        }
        if !num.isEmpty { positions.append(Int(num) ?? 0) }
        guard let a = positions.first else { return nil }
        let b = positions.count > 1 ? positions[1] : a
        if tail.hasPrefix("delins") { return Edit(start: a, deleted: b - a + 1, inserted: Array(tail.dropFirst(6))) }
        if tail == "del" { return Edit(start: a, deleted: b - a + 1, inserted: []) }
        if tail == "dup" { return Edit(start: b + 1, deleted: 0, inserted: Array(protein[(a - 1)..<b])) }
        if tail.hasPrefix("ins") { return Edit(start: a + 1, deleted: 0, inserted: Array(tail.dropFirst(3))) }
        // Substitution: "L858R", "W123*".
        return Edit(start: a, deleted: 1, inserted: Array(tail))
    }
}
