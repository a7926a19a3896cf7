/// One sample of a batch: its status, key findings and timing, for the batch summary and the cohort page.
public struct BatchRecord: Codable, Sendable, Equatable {
    /// "done", "skipped" (outputs complete and newer than the inputs) or "failed".
    public var status: String
    public var sample: String
    public var input: String
    public var tumorType: String
    /// Variants of tier I/II and gene gains, e.g. "EGFR p.Leu858Arg"; "none" when there are none.
    public var keyFindings: String
    /// The most favourable therapy call with its level, e.g. "osimertinib (sensitive; OncoKB 1)".
    public var topTherapy: String
    /// Drugs called resistant.
    public var resistance: String
    /// P-gp MDR risk ("none", "low", "moderate", "high") or "not assessed".
    public var mdr: String
    /// "pass", or what failed (low-coverage hotspots).
    public var qc: String
    public var seconds: Double
    /// The HTML report, relative to the batch directory.
    public var report: String
    /// The error of a failed sample.
    public var error: String
    /// How the sample's `g2t pipeline` process ended: "exit 0", "exit 1", "signal 11 (SIGSEGV)",
    /// "timeout (killed after N s)"; empty for a skipped sample.
    public var exit: String = ""

    public init(status: String, sample: String, input: String, tumorType: String, keyFindings: String = "", topTherapy: String = "",
                resistance: String = "", mdr: String = "", qc: String = "", seconds: Double = 0, report: String = "", error: String = "") {
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
        [sample, status, input, tumorType, keyFindings, topTherapy, resistance, mdr, qc, String((seconds * 100).rounded() / 100), report, error, exit]
    }
}
