import Foundation
import G2TCore
import Pipeline
import Testing

/// `--config FILE`: any subset of the thresholds over the defaults; every mistake is one line
/// naming the file and the key path.
@Suite struct ConfigurationFileTests {
    func parse(_ text: String) throws -> CallingParameters {
        try ConfigurationFile.parse(Array(text.utf8), file: "lab.json")
    }

    func error(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func defaultsRoundTrip() throws {
        // `config show` lists the optional amplicon group too (with its defaults).
        var listed = CallingParameters()
        listed.amplicon = CallingParameters.AmpliconMode()
        #expect(try parse(try ConfigurationFile.defaultsText()) == listed)
        #expect(try ConfigurationFile.defaultsText().contains("\"amplicon\" : {"))
        #expect(try parse("{}") == CallingParameters())
    }

    @Test func aSubsetOverridesOnlyItsKeys() throws {
        let p = try parse(#"{"minLOD": 8, "phasing": {"cisShare": 0.7}, "copyNumber": {"gainCopies": 4}}"#)
        var expected = CallingParameters()
        expected.minLOD = 8
        expected.phasing.cisShare = 0.7
        expected.copyNumber.gainCopies = 4
        #expect(p == expected)
    }

    @Test func mistakesAreOneLineNamingFileAndKey() {
        #expect(error(#"{"phasing": {"cisShar": 0.7}}"#) == "lab.json: phasing.cisShar: unknown key (`g2t config show` lists every key)")
        #expect(error(#"{"minLod": 8}"#).hasPrefix("lab.json: minLod: unknown key"))
        #expect(error(#"{"minAltFragments": 2.5}"#) == "lab.json: minAltFragments: wrong type for this key (its default is 3)")
        #expect(error(#"{"damage": {"maxPosterior": 2}}"#) == "lab.json: damage.maxPosterior: must be a probability above 0 and below 1, not 2.0")
        // The hard orientation cut-off gave way to the damage model: its keys are unknown now.
        #expect(error(#"{"filters": {"orientationMinF1R2": 0.1}}"#).hasPrefix("lab.json: filters.orientationMinF1R2: unknown key"))
        #expect(error(#"{"origin": 3}"#) == "lab.json: origin: must be an object of thresholds")
        #expect(error(#"{"copyNumber": {"gainCopies": 6}}"#).hasPrefix("lab.json: copyNumber: needs lossCopies < 2 < gainCopies ≤ amplificationCopies"))
        #expect(error(#"{"excludedFlags": ["DUP"]}"#).hasPrefix("lab.json: excludedFlags: is fixed"))
        #expect(error(#"{"minLOD": "#).hasPrefix("lab.json: not valid JSON: line 1"))
        #expect(error("[1]") == "lab.json: a configuration file is a JSON object of thresholds (see `g2t config show`)")
        for e in [error(#"{"a": 1}"#), error(#"{"genotyping": {"minDepth": 0}}"#)] { #expect(!e.contains("\n") && e.hasPrefix("lab.json: ")) }
    }

    /// Analyses written before the groups existed were made with the defaults the groups now hold.
    @Test func analysesWithoutTheGroupsDecodeAsTheDefaults() throws {
        let old = #"""
        {"minBaseQuality": 20, "minMappingQuality": 20, "minAltFragments": 4, "minVAF": 0.005, "minLOD": 6.3, "hotspotMinLOD": 3,
         "indelErrorRate": 0.0005, "minHotspotDepth": 100, "hotspotMinAltFragments": 3, "hotspotMinVAF": 0.005, "maxHotspotLOD": 0.05,
         "excludedFlags": ["UNMAP", "SECONDARY", "QCFAIL", "DUP", "SUPPLEMENTARY"], "countFragmentsOnce": true}
        """#
        var expected = CallingParameters()
        expected.minAltFragments = 4
        #expect(try JSONDecoder().decode(CallingParameters.self, from: Data(old.utf8)) == expected)
        // An origin group written before the priors were recorded (schema 1.1 of 2026-11) gets the default priors.
        let origin = #"{"normalMinAltFragments": 3, "normalMinVAF": 0.02, "normalMinDepth": 15, "homozygousVAF": 0.85, "ponMinNormals": 2, "germlineAt": 0.99, "likelyGermlineAt": 0.8, "likelySomaticAt": 0.2}"#
        var o = CallingParameters.Origin()
        o.normalMinAltFragments = 3
        #expect(try JSONDecoder().decode(CallingParameters.Origin.self, from: Data(origin.utf8)) == o)
    }

    /// The priors, purity, identity-check and panel-of-normals thresholds are part of the configuration too.
    @Test func priorsPurityIdentityAndNormalPanelAreConfigurable() throws {
        let p = try parse(#"{"origin": {"somaticPrior": 1e-6, "polymorphismAF": 0.05}, "purity": {"subclonalBelow": 0.9},"# +
                          #" "identity": {"fewSites": 10}, "normalPanel": {"siteMinVAF": 0.02}}"#)
        #expect(p.origin.somaticPrior == 1e-6 && p.origin.polymorphismAF == 0.05 && p.purity.subclonalBelow == 0.9)
        #expect(p.identity.fewSites == 10 && p.normalPanel.siteMinVAF == 0.02)
        #expect(p.normalPanel.rule.hasPrefix("≥ 2 alternate fragments and VAF ≥ 2% at a target position"))
        #expect(error(#"{"origin": {"somaticPrior": 0}}"#) == "lab.json: origin.somaticPrior: must be a probability above 0 and below 1, not 0.0")
        #expect(error(#"{"purity": {"subclonalBelow": 1.5}}"#).hasPrefix("lab.json: purity.subclonalBelow: must be a cancer-cell fraction"))
        #expect(error(#"{"identity": {"mismatchSites": 0}}"#).hasPrefix("lab.json: identity.mismatchSites: must be a whole number from 1"))
        #expect(error(#"{"normalPanel": {"siteMinAltFragments": 0}}"#).hasPrefix("lab.json: normalPanel.siteMinAltFragments"))
    }

    /// The caller's candidate listing and soft-clip rescue cut-offs are configuration (were PanelCaller literals).
    @Test func candidateThresholdsAreConfigurable() throws {
        let p = try parse(#"{"candidates": {"listMinAltFragments": 3, "clipMatchMinShare": 1, "clipRescueWindow": 10}}"#)
        #expect(p.candidates.listMinAltFragments == 3 && p.candidates.clipMatchMinShare == 1 && p.candidates.clipRescueWindow == 10)
        #expect(p.candidates.fallbackErrorRate == CallingParameters().candidates.fallbackErrorRate)
        #expect(error(#"{"candidates": {"clipMatchMinShare": 1.5}}"#).hasPrefix("lab.json: candidates.clipMatchMinShare: must be a fraction"))
        #expect(error(#"{"candidates": {"fallbackErrorRate": 0}}"#).hasPrefix("lab.json: candidates.fallbackErrorRate: must be a probability"))
        #expect(error(#"{"candidates": {"listMinAltFragments": 0}}"#).hasPrefix("lab.json: candidates.listMinAltFragments"))
        // An analysis written before the group was recorded reads as made with its defaults.
        #expect(try JSONDecoder().decode(CallingParameters.Candidates.self, from: Data("{}".utf8)) == CallingParameters.Candidates())
    }
}
