/// The genomic strand a transcript is read from.
package enum Strand: String, Codable, Sendable {
    case plus = "+"
    case minus = "-"
}
