/// The gene panel on one build: genes, MANE transcripts, hotspots, targets and reference bases.
/// It is data: the bundled tables in `Sources/G2TCore/Data`, parsed at start-up.
package struct Panel: Sendable {
    package let build: GenomeBuild
    package let genes: [PanelGene]
    package let transcripts: [Transcript]
    package let hotspots: [Hotspot]
    package let reference: PanelReference
    /// Bases added on each side of a coding exon to make a target.
    package let targetFlank: Int
    /// Length of each panel chromosome on this build (`assemblies.tsv`), for headers and GFF3.
    package let chromosomeLengths: [String: Int]
    /// Names of the hotspots that are also germline predisposition sites (`germline-predisposition.tsv`).
    package let predispositionHotspots: Set<String>

    package init(build: GenomeBuild, genes: [PanelGene], transcripts: [Transcript], hotspots: [Hotspot],
                reference: PanelReference, targetFlank: Int = 20, chromosomeLengths: [String: Int] = [:],
                predispositionHotspots: Set<String> = []) {
        self.build = build
        self.genes = genes
        self.transcripts = transcripts
        self.hotspots = hotspots
        self.reference = reference
        self.targetFlank = targetFlank
        self.chromosomeLengths = chromosomeLengths
        self.predispositionHotspots = predispositionHotspots
    }

    /// The same panel reading its bases from `reference` (a user's FASTA).
    package func with(reference: PanelReference) -> Panel {
        Panel(build: build, genes: genes, transcripts: transcripts, hotspots: hotspots, reference: reference, targetFlank: targetFlank,
              chromosomeLengths: chromosomeLengths, predispositionHotspots: predispositionHotspots)
    }

    /// The chromosomes the panel's genes lie on, in panel naming ("chr7"), sorted.
    package var chromosomes: [String] { Array(Set(transcripts.map(\.chrom))).sorted() }

    /// The symbols of the panel genes with `role`, in panel order.
    package func genes(with role: PanelGene.Role) -> [String] {
        genes.filter { $0.roles.contains(role) }.map(\.symbol)
    }

    /// Coding exons ± `targetFlank`, merged and sorted, labelled by gene and exon.
    package var targets: [Target] {
        var out: [Target] = []
        for t in transcripts {
            for e in t.codingExons {
                guard let cs = e.cdsStart, let ce = e.cdsEnd else { continue }
                out.append(Target(gene: t.gene, exon: e.number,
                                  interval: GenomicInterval(chrom: t.chrom, start: cs - targetFlank, end: ce + targetFlank)))
            }
        }
        return out.sorted { $0.interval < $1.interval }
    }

    /// The transcript of `gene`, if on the panel.
    package func transcript(of gene: String) -> Transcript? {
        transcripts.first { $0.gene == gene }
    }

    /// The panel gene whose transcript spans `pos`.
    package func gene(at chrom: String, _ pos: Int) -> String? {
        transcripts.first { t in
            let lo = t.exons.map(\.start).min() ?? 0, hi = t.exons.map(\.end).max() ?? 0
            return t.chrom == chrom && pos >= lo - targetFlank && pos <= hi + targetFlank
        }?.gene
    }
}

/// One target interval: a coding exon with its flanks.
package struct Target: Codable, Sendable, Hashable {
    package var gene: String
    package var exon: Int
    package var interval: GenomicInterval
}
