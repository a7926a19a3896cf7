import G2TCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The settings recorded in a report's manifest, by name: everything that changes the report.
/// `g2t pipeline` records them and `g2t batch` compares them before skipping a sample, so both
/// compute them here from the same `CallOptions`.
package enum RunSettings {
    /// `tumorType` is the resolved OncoTree code (the sheet resolves it; the pipeline records the analysis's).
    package static func of(_ o: CallOptions, tumorType: String?, disclaimer: String) -> [String: String] {
        let parameters = (try? JSONCoding.encode(o.parameters, .compactEscaped)).map { String(decoding: $0, as: UTF8.self) } ?? "\(o.parameters)"
        var settings: [String: String] = [
            "sample": o.sampleID ?? "",
            "vcfSample": o.vcfSample ?? "",
            "tumorType": tumorType ?? "",
            "build": o.build?.rawValue ?? "",
            "abcb1Expression": o.abcb1Expression.map { "\($0)" } ?? "",
            "priorTherapies": o.priorTherapies.joined(separator: ";"),
            "fields": o.fields.map { "\($0.name)=\($0.value)" }.joined(separator: "\u{1F}"),
            "parameters": parameters,
            "disclaimer": disclaimer,
            "purity": o.purity.map { "\($0)" } ?? "",
            // The matched normal as a file (size, mtime, inode), not a path spelling.
            "normal": o.normal.flatMap { try? FileStamp.of($0) }.map { "\($0.size):\($0.mtimeNanoseconds):\($0.inode)" } ?? "",
        ]
        // Only when given, so manifests of runs without it keep their bytes.
        if let a = o.amplicons {
            settings["amplicons"] = (try? FileStamp.of(a)).map { "\($0.size):\($0.mtimeNanoseconds):\($0.inode)" } ?? a
        }
        if !o.expression.isEmpty { settings["expression"] = o.expression.map { "\($0.gene)=\($0.tpm)" }.joined(separator: ";") }
        return settings
    }

    /// The manifest's provenance for an analysis made from `o`; `inputStamp` is taken before the
    /// input was read, so a file changed during the run does not match afterwards.
    package static func provenance(_ o: CallOptions, analysis a: Analysis, inputStamp: FileStamp, knowledgeBaseSHA256: String,
                                  disclaimer: String) throws -> RunProvenance {
        RunProvenance(input: inputStamp, inputSHA256: a.inputs.first?.sha256 ?? "",
                      reference: try o.reference.map(FileStamp.of), knowledgeBaseSHA256: knowledgeBaseSHA256,
                      // The call stage recorded the PoN's checksum when it read it: not a second pass.
                      ponSHA256: try o.pon.map { p in try a.inputs.first { $0.path == p }?.sha256 ?? FileDigest.sha256(path: p) },
                      settings: of(o, tumorType: a.sample.tumorType, disclaimer: disclaimer), g2t: "\(G2TVersion.current) (\(G2TVersion.commit))")
    }
}
