/// The origin step's result for one variant (docs/germline.md): what the origin model decided,
/// what it weighed, and the values that follow from the decision. The call stage's origin step
/// (`OriginClassifier`) makes all of it at once, the CCF included (it needs the purity, which the
/// step estimates from the same variants first), so it is set as one value.
///
/// `VariantCall.originCall` is nil when the origin step has not run for the call (analyses made
/// before the origin model, calls built in code). The JSON keeps its six flat keys on the variant,
/// each absent when it has no value (see `VariantCall.decodeOrigin` for what a file may hold).
package struct OriginCall: Sendable, Equatable {
    // Declaration order is memory order: the one-byte fields together, the rare population
    // frequency out of line. Every call the origin step sees holds one of these in a box (a dense
    // VCF: 200,000), so its size is paid per variant: 56 bytes instead of 122.

    /// Somatic or germline, or `unknown` when nothing informs it: the model always decides.
    package var origin: VariantOrigin
    /// Heterozygous or homozygous, for germline and likely-germline variants only.
    package var zygosity: Zygosity?
    /// At a known germline predisposition site (EGFR T790M) with germline-like evidence: the report
    /// recommends germline testing; the variant keeps its therapy meaning. JSON `true` or absent.
    package var possiblyGermline: Bool
    /// What the model weighed, in its order. Empty only for a call made without its sentences (the
    /// classifier's purity-estimate pass, whose calls the final pass replaces): the model always
    /// records at least the population-frequency or hotspot entry. JSON `originEvidence`, absent when empty.
    package var evidence: [OriginEvidence]
    /// Cancer-cell fraction, for variants that may carry one (`mayBeGermline` false, a VAF) when the
    /// purity is known (given or estimated); nil otherwise.
    package var ccf: CancerCellFraction?
    /// Population frequency from the germline resource; nil when the variant is not in it (or there
    /// is no resource). Stored out of line: few variants are in the resource, and inline it is 72 bytes.
    package var population: PopulationFrequency? {
        get { populationBox?.value }
        set { populationBox = newValue.map(ValueBox.init) }
    }
    private var populationBox: ValueBox<PopulationFrequency>?

    package init(origin: VariantOrigin, evidence: [OriginEvidence] = [], zygosity: Zygosity? = nil,
                 population: PopulationFrequency? = nil, ccf: CancerCellFraction? = nil, possiblyGermline: Bool = false) {
        self.origin = origin
        self.zygosity = zygosity
        self.possiblyGermline = possiblyGermline
        self.evidence = evidence
        self.ccf = ccf
        populationBox = population.map(ValueBox.init)
    }

    /// Germline or likely germline (and not at a predisposition site, whose variants keep their
    /// therapy meaning): not a somatic finding, not a biomarker.
    package var isGermlineFinding: Bool { origin.isGermline && !possiblyGermline }

    /// Germline, likely germline or possibly germline: its allele fraction says nothing about the
    /// tumour's purity, and it gets no CCF.
    package var mayBeGermline: Bool { origin.isGermline || possiblyGermline }
}
