/// One exon of a transcript: genomic span and coding part (1-based, inclusive).
public struct Exon: Codable, Sendable, Hashable {
    /// Exon number in transcript order (5'→3').
    public var number: Int
    public var start: Int
    public var end: Int
    /// Coding part including the stop codon, or nil for an untranslated exon.
    public var cdsStart: Int?
    public var cdsEnd: Int?

    public init(number: Int, start: Int, end: Int, cdsStart: Int?, cdsEnd: Int?) {
        self.number = number
        self.start = start
        self.end = end
        self.cdsStart = cdsStart
        self.cdsEnd = cdsEnd
    }
}
