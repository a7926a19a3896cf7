import G2TCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copy number of panel genes from target depth against a panel of normals.
///
/// Each target's depth is divided by the normals' expected relative depth; a gene's ratio is the
/// median over its targets. Panels of two genes have no copy-neutral majority, so the baseline is
/// the median gene ratio with three genes or more and the lowest gene ratio otherwise (that gene is
/// assumed diploid, and losses cannot be called). Copies assume a diploid genome and 100% tumour.
public enum CopyNumberEstimator {
    /// Targets with less depth than this in the normals (relative to their median) are unreliable.
    public static let minRelativeDepth = 0.2
    public static let gainCopies = 3.0
    public static let amplificationCopies = 5.0
    public static let lossCopies = 1.5

    /// A panel of normals from each normal's per-target coverage (same targets, same order).
    public static func panel(build: String, normals: [(id: String, targets: [TargetCoverage])]) throws -> PanelOfNormals {
        guard let first = normals.first else { throw CopyNumberError.noNormals }
        var medians: [Double] = []
        var relative: [[Double]] = []
        for n in normals {
            guard n.targets.count == first.targets.count,
                  zip(n.targets, first.targets).allSatisfy({ $0.start == $1.start && $0.chrom == $1.chrom }) else {
                throw CopyNumberError.targetsDiffer(n.id)
            }
            let m = median(n.targets.map(\.meanDepth).filter { $0 >= 1 })
            guard m > 0 else { throw CopyNumberError.noCoverage(n.id) }
            medians.append(m)
            relative.append(n.targets.map { $0.meanDepth / m })
        }
        let targets = first.targets.enumerated().map { i, t -> PanelOfNormals.Target in
            let values = relative.map { $0[i] }
            let med = median(values)
            return PanelOfNormals.Target(gene: t.gene, exon: t.exon, chrom: t.chrom, start: t.start, end: t.end,
                                         relativeDepth: round4(med), mad: round4(median(values.map { abs($0 - med) })))
        }
        return PanelOfNormals(build: build, normals: normals.map(\.id), medianDepths: medians.map(round4), targets: targets)
    }

    /// Copy number per gene of a tumour whose targets are `targets`.
    public static func estimate(_ targets: [TargetCoverage], pon: PanelOfNormals) -> [CopyNumberCall] {
        let expected = Dictionary(pon.targets.map { ("\($0.chrom):\($0.start)-\($0.end)", $0) }, uniquingKeysWith: { a, _ in a })
        var ratiosByGene: [String: [Double]] = [:]
        for t in targets {
            guard let e = expected["\(t.chrom):\(t.start)-\(t.end)"], e.relativeDepth >= minRelativeDepth else { continue }
            ratiosByGene[t.gene, default: []].append(t.meanDepth / e.relativeDepth)
        }
        let genes = ratiosByGene.keys.sorted()
        let geneRatio = Dictionary(uniqueKeysWithValues: genes.map { ($0, median(ratiosByGene[$0] ?? [])) })
        let values = genes.compactMap { geneRatio[$0] }
        let baseline = values.count >= 3 ? median(values) : (values.min() ?? 0)
        guard baseline > 0 else { return [] }
        return genes.map { g in
            let ratio = (geneRatio[g] ?? 0) / baseline
            let l2 = ratio > 0 ? log2(ratio) : -10
            let copies = 2 * ratio
            let status: CopyNumberCall.Status = copies >= amplificationCopies ? .amplification : copies >= gainCopies ? .gain
                : copies < lossCopies ? .loss : .neutral
            return CopyNumberCall(gene: g, log2Ratio: round4(l2), copies: round4(copies), status: status,
                                  targets: ratiosByGene[g]?.count ?? 0)
        }
    }

    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return 0 }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}

/// Why a panel of normals cannot be built or used.
public enum CopyNumberError: Error, Equatable, Sendable, CustomStringConvertible {
    case noNormals
    case targetsDiffer(String)
    case noCoverage(String)

    public var description: String {
        switch self {
        case .noNormals: return "a panel of normals needs at least one normal sample"
        case .targetsDiffer(let s): return "\(s): its targets differ from the first normal's (another panel or build?)"
        case .noCoverage(let s): return "\(s): no target has coverage; is it a sample of this panel?"
        }
    }
}
