/// The genomic strand a transcript is read from.
public enum Strand: String, Codable, Sendable {
    case plus = "+"
    case minus = "-"
}
