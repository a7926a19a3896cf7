import G2TCore
import HTS

/// Depth, alternate count, allele fraction and strand counts of one ALT allele of one sample,
/// read from whichever fields the caller wrote.
struct AlleleEvidence: Equatable {
    var depth: Int
    var alt: Int
    var vaf: Double?
    var forward = 0
    var reverse = 0

    /// The caller styles g2t reads, in the order it tries them.
    enum Style: String {
        case formatAD = "FORMAT AD (Mutect2, VarDict, DeepVariant, bcftools -a AD, GATK)"
        case freebayes = "FORMAT AO/RO (freebayes)"
        case strelka = "FORMAT tier-1 counts (Strelka2)"
        case dp4 = "INFO DP4 (bcftools)"
        case infoAF = "INFO AF and DP"
        case none = "no depth fields"
    }

    /// Evidence for ALT number `a` (0-based) of sample `s` among `n` samples.
    static func read(_ r: VCFRecord, sample s: Int, of n: Int, alt a: Int) -> (AlleleEvidence, Style) {
        func fmt(_ key: String) -> [Int32]? {
            guard case .integers(let v)? = r.format(key), n > 0, v.count % n == 0, !v.isEmpty else { return nil }
            let per = v.count / n
            return Array(v[(s * per)..<((s + 1) * per)]).map { $0 < 0 ? 0 : $0 }  // missing → 0
        }
        func fmtF(_ key: String) -> [Float]? {
            guard case .floats(let v)? = r.format(key), n > 0, v.count % n == 0, !v.isEmpty else { return nil }
            let per = v.count / n
            return Array(v[(s * per)..<((s + 1) * per)])
        }
        func infoI(_ key: String) -> [Int32]? { if case .integers(let v)? = r.info(key) { return v } else { return nil } }
        func infoF(_ key: String) -> [Float]? { if case .floats(let v)? = r.info(key) { return v } else { return nil } }
        func fraction(_ v: [Float]?) -> Double? {
            guard let v, !v.isEmpty else { return nil }
            let x = Double(a < v.count ? v[a] : v[0])
            return x.isFinite && x >= 0 && x <= 1 ? x : nil
        }
        var e: AlleleEvidence
        var style: Style
        if let ad = fmt("AD"), ad.count > a + 1 {
            let depth = fmt("DP").flatMap(\.first).map(Int.init) ?? Int(ad.reduce(0, +))
            e = AlleleEvidence(depth: depth, alt: Int(ad[a + 1]), vaf: fraction(fmtF("AF")) ?? fraction(fmtF("VAF")))
            style = .formatAD
        } else if let ao = fmt("AO"), ao.count > a {
            let ro = fmt("RO").flatMap(\.first).map(Int.init) ?? 0
            let depth = fmt("DP").flatMap(\.first).map(Int.init) ?? ro + Int(ao.reduce(0, +))
            e = AlleleEvidence(depth: depth, alt: Int(ao[a]), vaf: nil)
            style = .freebayes
        } else if let tir = fmt("TIR"), let tar = fmt("TAR"), let t = tir.first, let f = tar.first {
            e = AlleleEvidence(depth: Int(t + f), alt: Int(t), vaf: nil)
            style = .strelka
        } else if r.alts.indices.contains(a), r.ref.count == 1, r.alts[a].count == 1,
                  let altU = fmt(r.alts[a] + "U"), let t1 = altU.first {
            let depth = ["A", "C", "G", "T"].compactMap { fmt($0 + "U")?.first }.reduce(0, +)
            e = AlleleEvidence(depth: Int(depth), alt: Int(t1), vaf: nil)
            style = .strelka
        } else if let dp4 = infoI("DP4"), dp4.count == 4 {
            let depth = infoI("DP")?.first.map(Int.init) ?? Int(dp4.reduce(0, +))
            e = AlleleEvidence(depth: depth, alt: Int(dp4[2] + dp4[3]), vaf: nil, forward: Int(dp4[2]), reverse: Int(dp4[3]))
            style = .dp4
        } else if let af = fraction(infoF("AF")), let dp = infoI("DP")?.first {
            e = AlleleEvidence(depth: Int(dp), alt: Int((af * Double(dp)).rounded()), vaf: af)
            style = .infoAF
        } else {
            return (AlleleEvidence(depth: 0, alt: 0, vaf: nil), .none)
        }
        if e.vaf == nil, e.depth > 0 { e.vaf = Double(e.alt) / Double(e.depth) }
        e.vaf = e.vaf.map(Rounding.fraction)
        // Strand counts where the caller gives them: Mutect2 SB (ref+, ref-, alt+, alt-), freebayes SAF/SAR.
        if let sb = fmt("SB"), sb.count == 4, r.alts.count == 1 {
            e.forward = Int(sb[2]); e.reverse = Int(sb[3])
        } else if let saf = infoI("SAF"), let sar = infoI("SAR"), a < saf.count, a < sar.count {
            e.forward = Int(saf[a]); e.reverse = Int(sar[a])
        }
        return (e, style)
    }
}
