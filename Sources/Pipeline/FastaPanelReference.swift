import G2TCore
import HTS

/// Reads the panel's target regions (with margins) from a user's FASTA, and checks that it is
/// the build the alignments say by comparing every hotspot's reference allele.
enum FastaPanelReference {
    static func load(path: String, panel: Panel, margin: Int = 300) throws -> PanelReference {
        let fasta = try FastaFile(path: path)
        // The FASTA's own name for each panel chromosome ("chr7" or "7").
        let naming = { (c: String) -> String in
            let bare = c.hasPrefix("chr") ? String(c.dropFirst(3)) : c
            return fasta.length(of: c) != nil ? c : fasta.length(of: bare) != nil ? bare : c
        }
        var blocks: [PanelReference.Block] = []
        for iv in GenomicInterval.merge(panel.targets.map {
            GenomicInterval(chrom: $0.interval.chrom, start: $0.interval.start - margin, end: $0.interval.end + margin)
        }) {
            let contig = naming(iv.chrom)
            // A panel chromosome the FASTA lacks (a chr7-only reference): its bases stay unknown, as for
            // a chromosome absent from the alignments; a FASTA with none of them is refused below.
            guard let len = fasta.length(of: contig) else { continue }
            guard len >= iv.start else {
                throw PipelineError.referenceMismatch(path: path, detail: "contig '\(contig)' is \(len) bases long, shorter than the panel targets on it: not the alignments' reference")
            }
            let region = GenomicRegion(contig: contig, start: max(0, iv.start - 1), end: min(len, iv.end))
            blocks.append(PanelReference.Block(chrom: iv.chrom, start: region.start + 1, bases: Array(try fasta.fetch(region).utf8)))
        }
        guard !blocks.isEmpty else {
            throw PipelineError.referenceMismatch(path: path, detail: "has none of the panel's chromosomes (\(panel.chromosomes.map(naming).joined(separator: ", ")))")
        }
        let ref = PanelReference(blocks: blocks)
        for h in panel.hotspots {
            let seen = ref.sequence(GenomicInterval(chrom: h.chrom, start: h.pos, end: h.pos + h.ref.count - 1))
            if let seen, seen != h.ref {
                throw PipelineError.referenceMismatch(path: path,
                    detail: "reference base at \(naming(h.chrom)):\(h.pos) is \(seen), but \(panel.build.rawValue) has \(h.ref): not the alignments' build")
            }
        }
        return ref
    }
}
