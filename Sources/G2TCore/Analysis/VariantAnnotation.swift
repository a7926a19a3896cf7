/// The annotate stage's result for one variant, on the panel transcript that covers it.
///
/// `VariantCall.annotation` is nil when the annotate stage has not run for the variant or when the
/// variant lies outside every panel transcript (the annotator then leaves it as it was): both mean
/// "no transcript-level description", and the report writes the same JSON for both (every
/// annotation key null). When the annotator places a variant on a transcript it always names the
/// transcript, the c. change and the consequence, so those are not optional here; the protein
/// change and the exon or intron number are absent where they do not apply (intronic, UTR and
/// flanking variants have no protein change; a variant is in an exon or in an intron).
package struct VariantAnnotation: Sendable, Equatable, Hashable {
    /// RefSeq accession of the MANE Select transcript ("NM_005228.5").
    package var transcript: String
    /// HGVS c. change on `transcript` ("c.2573T>G").
    package var hgvsc: String
    /// HGVS p. change, three-letter amino acids ("p.Leu858Arg"); nil for a change outside the CDS.
    package var hgvsp: String?
    /// The same protein change with one-letter amino acids ("p.L858R").
    package var hgvspShort: String?
    /// SO terms, most severe first (JSON: joined by "&").
    package var consequence: Consequence
    package var exon: Int?
    /// Intron number, for intronic variants.
    package var intron: Int?

    package init(transcript: String, hgvsc: String, hgvsp: String? = nil, hgvspShort: String? = nil, consequence: Consequence,
                 exon: Int? = nil, intron: Int? = nil) {
        self.transcript = transcript
        self.hgvsc = hgvsc
        self.hgvsp = hgvsp
        self.hgvspShort = hgvspShort
        self.consequence = consequence
        self.exon = exon
        self.intron = intron
    }
}
