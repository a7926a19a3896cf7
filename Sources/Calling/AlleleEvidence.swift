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
    /// The caller's total depth was below its own alternate count (e.g. GATK's FORMAT DP counts
    /// filtered reads, AD unfiltered ones), so `depth` is the sum of the allele counts instead.
    var depthFromAlleles = false

    /// A value no caller writes: a negative count.
    struct Problem: Error, Equatable {
        var detail: String
    }

    /// The caller styles g2t reads, in the order it tries them.
    enum Style: String {
        case formatAD = "FORMAT AD (Mutect2, VarDict, DeepVariant, bcftools -a AD, GATK)"
        case freebayes = "FORMAT AO/RO (freebayes)"
        case strelka = "FORMAT tier-1 counts (Strelka2)"
        case dp4 = "INFO DP4 (bcftools)"
        case infoAF = "INFO AF and DP"
        case none = "no depth fields"
    }

    /// Evidence for ALT number `a` (0-based) of sample `s` among `n` samples. Counts are summed
    /// in 64 bits (htslib stores 32-bit ones); a negative count is refused, a missing one is 0.
    static func read(_ r: VCFRecord, sample s: Int, of n: Int, alt a: Int) throws(Problem) -> (AlleleEvidence, Style) {
        func counts(_ key: String, _ v: [Int32]) throws(Problem) -> [Int] {
            try v.map { x throws(Problem) -> Int in
                if x == Int32.min { return 0 }  // htslib's missing value
                guard x >= 0 else { throw Problem(detail: "\(key) has a negative count (\(x))") }
                return Int(x)
            }
        }
        func fmt(_ key: String) throws(Problem) -> [Int]? {
            guard case .integers(let v)? = r.format(key), n > 0, v.count % n == 0, !v.isEmpty else { return nil }
            let per = v.count / n
            return try counts(key, Array(v[(s * per)..<((s + 1) * per)]))
        }
        func fmtF(_ key: String) -> [Float]? {
            guard case .floats(let v)? = r.format(key), n > 0, v.count % n == 0, !v.isEmpty else { return nil }
            let per = v.count / n
            return Array(v[(s * per)..<((s + 1) * per)])
        }
        func infoI(_ key: String) throws(Problem) -> [Int]? {
            if case .integers(let v)? = r.info(key) { return try counts(key, v) } else { return nil }
        }
        func infoF(_ key: String) -> [Float]? { if case .floats(let v)? = r.info(key) { return v } else { return nil } }
        func fraction(_ v: [Float]?) -> Double? {
            guard let v, !v.isEmpty else { return nil }
            let x = Double(a < v.count ? v[a] : v[0])
            return x.isFinite && x >= 0 && x <= 1 ? x : nil
        }
        var e: AlleleEvidence
        var style: Style
        // The depth implied by the allele counts alone, used when the caller's total is below the alt count.
        var alleleSum: Int?
        if let ad = try fmt("AD"), ad.count > a + 1 {
            alleleSum = ad.reduce(0, +)
            let depth = try fmt("DP")?.first ?? ad.reduce(0, +)
            e = AlleleEvidence(depth: depth, alt: ad[a + 1], vaf: fraction(fmtF("AF")) ?? fraction(fmtF("VAF")))
            style = .formatAD
        } else if let ao = try fmt("AO"), ao.count > a {
            let ro = try fmt("RO")?.first ?? 0
            alleleSum = ro + ao.reduce(0, +)
            let depth = try fmt("DP")?.first ?? ro + ao.reduce(0, +)
            e = AlleleEvidence(depth: depth, alt: ao[a], vaf: nil)
            style = .freebayes
        } else if let tir = try fmt("TIR"), let tar = try fmt("TAR"), let t = tir.first, let f = tar.first {
            e = AlleleEvidence(depth: t + f, alt: t, vaf: nil)
            style = .strelka
        } else if r.alts.indices.contains(a), r.ref.count == 1, r.alts[a].count == 1,
                  let altU = try fmt(r.alts[a] + "U"), let t1 = altU.first {
            var depth = 0
            for b in ["A", "C", "G", "T"] { depth += try fmt(b + "U")?.first ?? 0 }
            e = AlleleEvidence(depth: depth, alt: t1, vaf: nil)
            style = .strelka
        } else if let dp4 = try infoI("DP4"), dp4.count == 4 {
            alleleSum = dp4.reduce(0, +)
            let depth = try infoI("DP")?.first ?? dp4.reduce(0, +)
            e = AlleleEvidence(depth: depth, alt: dp4[2] + dp4[3], vaf: nil, forward: dp4[2], reverse: dp4[3])
            style = .dp4
        } else if let af = fraction(infoF("AF")), let dp = try infoI("DP")?.first {
            e = AlleleEvidence(depth: dp, alt: Int((af * Double(dp)).rounded()), vaf: af)
            style = .infoAF
        } else {
            return (AlleleEvidence(depth: 0, alt: 0, vaf: nil), .none)
        }
        if e.alt > e.depth {
            // A depth below the alt count cannot be a read count of the same reads: take the allele
            // counts' sum (≥ alt), and say so; without one the record is inconsistent.
            guard let sum = alleleSum, sum >= e.alt else {
                throw Problem(detail: "the alternate count (\(e.alt)) exceeds the depth (\(e.depth))")
            }
            e.depth = sum
            e.depthFromAlleles = true
        }
        if e.vaf == nil, e.depth > 0 { e.vaf = Double(e.alt) / Double(e.depth) }
        e.vaf = e.vaf.map(Rounding.fraction)
        // Strand counts where the caller gives them: Mutect2 SB (ref+, ref-, alt+, alt-), freebayes SAF/SAR.
        if let sb = try fmt("SB"), sb.count == 4, r.alts.count == 1 {
            e.forward = sb[2]; e.reverse = sb[3]
        } else if let saf = try infoI("SAF"), let sar = try infoI("SAR"), a < saf.count, a < sar.count {
            e.forward = saf[a]; e.reverse = sar[a]
        }
        return (e, style)
    }
}
