import G2TCore

/// The HGVS p. description of a coding change, found by translating the reference and the
/// altered coding sequence and comparing the proteins. Works alike for SNVs, MNVs and indels.
package struct ProteinChange: Sendable, Equatable {
    /// Three-letter form, e.g. "p.Leu858Arg".
    package var threeLetter: String
    /// One-letter form, e.g. "p.L858R".
    package var oneLetter: String
    /// Sequence Ontology term.
    package var consequence: Consequence

    /// Compares the reference protein with the one a CDS edit makes: at 0-based CDS `index`,
    /// `deleted` bases become `inserted`. Only the codons the edit touches are translated.
    /// `downstream`: the 3′ UTR after the stop codon, into which a frameshift's translation runs on
    /// when the shifted frame meets no stop inside the CDS (its new stop is then counted, not "?").
    package static func compare(refCDS: [UInt8], refProtein refP: [Character], index i: Int, deleted d: Int, inserted ins: [UInt8],
                                downstream: [UInt8] = []) -> ProteinChange {
        let start = (i / 3) * 3
        let frameshift = (ins.count - d) % 3 != 0
        // The altered stretch: from the first touched codon to the end of the last one (in frame),
        // or to the end of the CDS and on into the 3′ UTR (frameshift: translation runs on until a stop).
        let end = frameshift ? refCDS.count : min(refCDS.count, ((i + d + 2) / 3) * 3)
        let window = Array(refCDS[start..<i]) + ins + Array(refCDS[min(i + d, end)..<end]) + (frameshift ? downstream : [])
        let w = GeneticCode.translate(window)
        let a = start / 3
        // The alternate protein is refP[0..<a] + w + (in frame, no new stop) refP[end/3...].
        let tail = !frameshift && w.last != "*" && end / 3 < refP.count ? end / 3 : refP.count
        let altCount = a + w.count + (refP.count - tail)
        func alt(_ j: Int) -> Character { j < a ? refP[j] : j < a + w.count ? w[j - a] : refP[tail + (j - a - w.count)] }
        let altP = ProteinView(count: altCount, at: alt)
        // A stop inside the altered stretch ends the protein early (unless it is the reference stop itself).
        let newStop = !frameshift && w.last == "*" && altCount * 3 < refCDS.count + ins.count - d
        return compare(refP: refP, altP: altP, frameshift: frameshift, firstChanged: a, editIndex: i,
                       newStopRefEnd: newStop ? end / 3 : nil, lengthChange: ins.count - d, commonSuffix: refP.count - tail)
    }

    /// Compares `refCDS` (c.1 to the stop codon) with a whole altered `altCDS`, translating all of
    /// it: the slow oracle for the local comparison. `editIndex`/`deleted` locate the edit.
    /// `downstream` as for the local comparison (read on after `altCDS` when it is a frameshift).
    package static func compare(refCDS: [UInt8], altCDS: [UInt8], editIndex: Int, deleted: Int, downstream: [UInt8] = []) -> ProteinChange {
        let frameshift = (altCDS.count - refCDS.count) % 3 != 0
        let refP = GeneticCode.translate(refCDS), altArray = GeneticCode.translate(frameshift ? altCDS + downstream : altCDS)
        // A new stop: the alternate's stop codon ends before the (shifted) reference stop.
        let newStop = !frameshift && altArray.last == "*" && altArray.count * 3 < altCDS.count
        return compare(refP: refP, altP: ProteinView(count: altArray.count) { altArray[$0] }, frameshift: frameshift,
                       firstChanged: 0, editIndex: editIndex,
                       newStopRefEnd: newStop ? min(refP.count, (editIndex + deleted + 2) / 3) : nil,
                       lengthChange: altCDS.count - refCDS.count)
    }

    /// A protein given by length and accessor, so the alternate need not be built in full.
    struct ProteinView {
        let count: Int
        let at: (Int) -> Character
        subscript(_ j: Int) -> Character { at(j) }
        var last: Character? { count > 0 ? at(count - 1) : nil }
    }

    /// `commonSuffix`: how many last residues of `altP` are known to be `refP`'s own (the unchanged tail
    /// of an in-frame edit), so the suffix trim need not compare them one by one (the rest of the protein,
    /// hundreds of residues, per variant).
    static func compare(refP: [Character], altP: ProteinView, frameshift: Bool, firstChanged: Int, editIndex: Int,
                        newStopRefEnd: Int? = nil, lengthChange: Int = 0, commonSuffix: Int = 0) -> ProteinChange {
        // Bounds-checked: a residue index past the protein (an edit at the stop codon's far side) names
        // an unknown residue rather than trapping; the branches below avoid it where the change is known.
        func name3(_ i: Int, _ p: [Character]) -> String { (p.indices.contains(i) ? GeneticCode.threeLetter(p[i]) : "Xaa") + "\(i + 1)" }
        func name1(_ i: Int, _ p: [Character]) -> String { (p.indices.contains(i) ? GeneticCode.oneLetter(p[i]) : "X") + "\(i + 1)" }

        if frameshift {
            var i = min(firstChanged, refP.count, altP.count)
            while i < min(refP.count, altP.count) && refP[i] == altP[i] { i += 1 }
            guard i < refP.count else {
                return ProteinChange(threeLetter: "p.?", oneLetter: "p.?", consequence: [.frameshiftVariant])
            }
            if i < altP.count && altP[i] == "*" {
                // A frameshift whose first new codon is a stop is named as a nonsense change (HGVS),
                // but it stays a frameshift_variant, as VEP and bcftools csq call it.
                return ProteinChange(threeLetter: "p.\(name3(i, refP))Ter", oneLetter: "p.\(name1(i, refP))*", consequence: [.frameshiftVariant])
            }
            if i == 0 && refP.first == "M" {
                return ProteinChange(threeLetter: "p.Met1?", oneLetter: "p.M1?", consequence: [.startLost])
            }
            let newAA = i < altP.count ? altP[i] : "X"
            let ter = altP.last == "*" ? "\(altP.count - i)" : "?"
            return ProteinChange(threeLetter: "p.\(name3(i, refP))\(GeneticCode.threeLetter(newAA))fsTer\(ter)",
                                 oneLetter: "p.\(name1(i, refP))\(GeneticCode.oneLetter(newAA))fs*\(ter)",
                                 consequence: [.frameshiftVariant])
        }

        // In frame: trim the common prefix first, then the common suffix, so that a change in a
        // repeat is named at its most C-terminal position (the HGVS 3' rule).
        var k = min(firstChanged, refP.count, altP.count)
        while k < min(refP.count, altP.count) && refP[k] == altP[k] { k += 1 }
        if k >= refP.count, altP.count > refP.count, refP.last == "*" {
            // Every reference residue, the stop included, is unchanged and the edit only adds after the
            // stop (an insertion between the last stop base and the 3' UTR): the protein is the same.
            let last = refP.count - 1
            return ProteinChange(threeLetter: "p.\(name3(last, refP))=", oneLetter: "p.\(name1(last, refP))=", consequence: [.stopRetainedVariant])
        }
        if let refEnd = newStopRefEnd, k < altP.count {
            // A new stop: name the replaced residues up to the end of the edited codons, and the new ones up to Ter.
            // An in-frame indel that makes it is also an in-frame deletion or insertion (as VEP and bcftools csq say).
            let stop: Consequence = lengthChange < 0 ? [.stopGained, .inframeDeletion] : lengthChange > 0 ? [.stopGained, .inframeInsertion] : [.stopGained]
            let ins = (k..<altP.count).map { altP[$0] }
            if ins.first == "*" {
                return ProteinChange(threeLetter: "p.\(name3(k, refP))Ter", oneLetter: "p.\(name1(k, refP))*", consequence: stop)
            }
            let b = min(max(k, refEnd - 1), refP.count - 1)
            let r3 = k == b ? name3(k, refP) : "\(name3(k, refP))_\(name3(b, refP))"
            let r1 = k == b ? name1(k, refP) : "\(name1(k, refP))_\(name1(b, refP))"
            return ProteinChange(threeLetter: "p.\(r3)delins\(ins.map(GeneticCode.threeLetter).joined())",
                                 oneLetter: "p.\(r1)delins\(ins.map(GeneticCode.oneLetter).joined())", consequence: stop)
        }
        // The known common tail is skipped: the loop would compare each of its residues equal.
        var s = max(0, min(commonSuffix, min(refP.count, altP.count) - k))
        while s < min(refP.count, altP.count) - k && refP[refP.count - 1 - s] == altP[altP.count - 1 - s] { s += 1 }
        let del = Array(refP[k..<(refP.count - s)])
        let ins = (k..<(altP.count - s)).map { altP[$0] }

        if del.isEmpty && ins.isEmpty {
            let codon = min(editIndex / 3, refP.count - 1)
            return ProteinChange(threeLetter: "p.\(name3(codon, refP))=", oneLetter: "p.\(name1(codon, refP))=",
                                 consequence: refP[codon] == "*" ? [.stopRetainedVariant] : [.synonymousVariant])
        }
        if k == 0 && refP.first == "M" {
            return ProteinChange(threeLetter: "p.Met1?", oneLetter: "p.M1?", consequence: [.startLost])
        }
        if del.contains("*") {
            let added = ins.first.map { GeneticCode.threeLetter($0) } ?? "Xaa"
            return ProteinChange(threeLetter: "p.Ter\(k + 1)\(added)extTer?", oneLetter: "p.*\(k + 1)\(ins.first.map { String($0) } ?? "X")ext*?",
                                 consequence: [.stopLost])
        }
        if ins.first == "*" {
            return ProteinChange(threeLetter: "p.\(name3(k, refP))Ter", oneLetter: "p.\(name1(k, refP))*", consequence: [.stopGained])
        }
        let three = ins.map(GeneticCode.threeLetter).joined(), one = ins.map(GeneticCode.oneLetter).joined()
        func range3(_ a: Int, _ b: Int) -> String { a == b ? name3(a, refP) : "\(name3(a, refP))_\(name3(b, refP))" }
        func range1(_ a: Int, _ b: Int) -> String { a == b ? name1(a, refP) : "\(name1(a, refP))_\(name1(b, refP))" }

        if del.count == 1 && ins.count == 1 {
            return ProteinChange(threeLetter: "p.\(name3(k, refP))\(three)", oneLetter: "p.\(name1(k, refP))\(one)",
                                 consequence: [.missenseVariant])
        }
        if ins.isEmpty {
            let b = k + del.count - 1
            return ProteinChange(threeLetter: "p.\(range3(k, b))del", oneLetter: "p.\(range1(k, b))del", consequence: [.inframeDeletion])
        }
        if del.isEmpty {
            // Inserted residues equal to those just before: a duplication.
            if k >= ins.count && Array(refP[(k - ins.count)..<k]) == ins {
                return ProteinChange(threeLetter: "p.\(range3(k - ins.count, k - 1))dup", oneLetter: "p.\(range1(k - ins.count, k - 1))dup",
                                     consequence: [.inframeInsertion])
            }
            guard k > 0 && k < refP.count else {
                return ProteinChange(threeLetter: "p.?", oneLetter: "p.?", consequence: [.inframeInsertion])
            }
            return ProteinChange(threeLetter: "p.\(range3(k - 1, k))ins\(three)", oneLetter: "p.\(range1(k - 1, k))ins\(one)",
                                 consequence: [.inframeInsertion])
        }
        let b = k + del.count - 1
        let consequence: Consequence = del.count > ins.count ? [.inframeDeletion] : del.count < ins.count ? [.inframeInsertion] : [.proteinAlteringVariant]
        return ProteinChange(threeLetter: "p.\(range3(k, b))delins\(three)", oneLetter: "p.\(range1(k, b))delins\(one)",
                             consequence: consequence)
    }
}
