/// A gene on the panel and what g2t reports for it.
public struct PanelGene: Codable, Sendable, Hashable {
    public var symbol: String
    public var transcript: String
    /// "somatic", "pgx", or both.
    public var roles: [String]

    public var isPGx: Bool { roles.contains("pgx") }
}
