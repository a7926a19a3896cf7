/// One exon of a transcript: genomic span and coding part (1-based, inclusive).
package struct Exon: Codable, Sendable, Hashable {
    /// Exon number in transcript order (5'→3').
    package var number: Int
    package var start: Int
    package var end: Int
    /// Coding part including the stop codon, or nil for an untranslated exon.
    package var cdsStart: Int?
    package var cdsEnd: Int?

    package init(number: Int, start: Int, end: Int, cdsStart: Int?, cdsEnd: Int?) {
        self.number = number
        self.start = start
        self.end = end
        self.cdsStart = cdsStart
        self.cdsEnd = cdsEnd
    }
}
