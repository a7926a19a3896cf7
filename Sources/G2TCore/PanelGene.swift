/// A gene on the panel and what g2t reports for it.
package struct PanelGene: Codable, Sendable, Hashable {
    /// What g2t does with a gene: the `role` column of genes.tsv (comma-separated).
    package enum Role: String, Codable, Sendable, CaseIterable {
        /// Tumour driver and resistance calls.
        case somatic
        /// Germline pharmacogenomic genotypes at its rsID hotspots as well.
        case pgx
        /// The report states a negative result over its hotspots (with their limit of detection)
        /// when none is mutated, and lists its findings in the MultiQC table.
        case summary
        /// Its somatic copy number and expression are the P-gp multidrug-resistance evidence; the
        /// `--abcb1-expression` alias sets its expression (the knowledge base's `mdr.gene` names it too).
        case mdr
    }

    package var symbol: String
    package var transcript: String
    package var roles: [Role]

    package init(symbol: String, transcript: String, roles: [Role]) {
        self.symbol = symbol
        self.transcript = transcript
        self.roles = roles
    }

    package var isPGx: Bool { roles.contains(.pgx) }
}
