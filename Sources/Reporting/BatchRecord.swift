import G2TCore

/// One sample of a batch: its status, key findings and timing, for the batch summary and the cohort page.
package struct BatchRecord: Codable, Sendable, Equatable {
    package var status: BatchStatus
    package var sample: String
    package var input: String
    package var tumorType: String
    /// Variants of tier I/II and gene gains, e.g. "EGFR p.Leu858Arg"; "none" when there are none.
    package var keyFindings: String
    /// The most favourable therapy call with its level, e.g. "osimertinib (sensitive; OncoKB 1)".
    package var topTherapy: String
    /// Drugs called resistant.
    package var resistance: String
    /// P-gp MDR risk, or not assessed ("" for a failed sample).
    package var mdr: MDRLevel?
    /// "pass", or what failed (low-coverage hotspots).
    package var qc: String
    package var seconds: Double
    /// The HTML report, relative to the batch directory.
    package var report: String
    /// The error of a failed sample.
    package var error: String
    /// How the sample's `g2t pipeline` process ended: "exit 0", "exit 1", "signal 11 (SIGSEGV)",
    /// "timeout (killed after N s)"; empty for a skipped sample.
    package var exit: String = ""

    package init(status: BatchStatus, sample: String, input: String, tumorType: String, keyFindings: String = "", topTherapy: String = "",
                resistance: String = "", mdr: MDRLevel? = nil, qc: String = "", seconds: Double = 0, report: String = "", error: String = "") {
        self.status = status
        self.sample = sample
        self.input = input
        self.tumorType = tumorType
        self.keyFindings = keyFindings
        self.topTherapy = topTherapy
        self.resistance = resistance
        self.mdr = mdr
        self.qc = qc
        self.seconds = seconds
        self.report = report
        self.error = error
    }

    static let columns = ["sample", "status", "input", "tumorType", "keyFindings", "topTherapy", "resistance", "mdr", "qc", "seconds", "report", "error", "exit"]

    var values: [String] {
        [sample, status.rawValue, input, tumorType, keyFindings, topTherapy, resistance, mdr?.text ?? "", qc, String(Rounding.places(seconds, 2)),
         report, error, exit]
    }

    enum CodingKeys: String, CodingKey {
        case status, sample, input, tumorType, keyFindings, topTherapy, resistance, mdr, qc, seconds, report, error, exit
    }

    package init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(status: try c.decode(BatchStatus.self, forKey: .status), sample: try c.decode(String.self, forKey: .sample),
                  input: try c.decode(String.self, forKey: .input), tumorType: try c.decode(String.self, forKey: .tumorType),
                  keyFindings: try c.decode(String.self, forKey: .keyFindings), topTherapy: try c.decode(String.self, forKey: .topTherapy),
                  resistance: try c.decode(String.self, forKey: .resistance), mdr: MDRLevel(text: try c.decode(String.self, forKey: .mdr)),
                  qc: try c.decode(String.self, forKey: .qc), seconds: try c.decode(Double.self, forKey: .seconds),
                  report: try c.decode(String.self, forKey: .report), error: try c.decode(String.self, forKey: .error))
        exit = try c.decodeIfPresent(String.self, forKey: .exit) ?? ""
    }

    /// The summary JSON keeps its strings: `mdr` is "" for a failed sample.
    package func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(sample, forKey: .sample)
        try c.encode(input, forKey: .input)
        try c.encode(tumorType, forKey: .tumorType)
        try c.encode(keyFindings, forKey: .keyFindings)
        try c.encode(topTherapy, forKey: .topTherapy)
        try c.encode(resistance, forKey: .resistance)
        try c.encode(mdr?.text ?? "", forKey: .mdr)
        try c.encode(qc, forKey: .qc)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(report, forKey: .report)
        try c.encode(error, forKey: .error)
        try c.encode(exit, forKey: .exit)
    }
}

/// How one sample of a batch ended.
package enum BatchStatus: String, Codable, Sendable, CaseIterable {
    case done
    /// Outputs complete and made from the same inputs and settings (resume).
    case skipped
    case failed
}

/// A sample's P-gp MDR level for the batch summary: its risk, or not assessed.
package enum MDRLevel: Sendable, Equatable {
    case risk(MDRRisk)
    case notAssessed

    /// "none", "low", "moderate", "high" or "not assessed"; nil for anything else ("" of a failed sample).
    package init?(text: String) {
        if text == "not assessed" { self = .notAssessed } else if let r = MDRRisk(rawValue: text) { self = .risk(r) } else { return nil }
    }

    package var text: String {
        switch self {
        case .risk(let r): return r.rawValue
        case .notAssessed: return "not assessed"
        }
    }

    /// Moderate or high: the cohort page highlights it.
    package var isAlert: Bool { if case .risk(let r) = self { return r >= .moderate } else { return false } }
}
