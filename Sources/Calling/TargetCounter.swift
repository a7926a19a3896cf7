import Dispatch
import G2TCore
import HTS
import Synchronization

/// Counts every panel target of one alignment file, in parallel: each worker opens its own
/// handle (htsFile is not thread-safe) and takes every n-th target.
public enum TargetCounter {
    public static func count(path: String, reference: String?, indexPath: String?, targets: [Target],
                             naming: ContigNaming, filter: ReadFilter, threads: Int) throws -> [TargetCounts] {
        let workers = max(1, min(threads, targets.count))
        let slots = Mutex<[Int: TargetCounts]>([:])
        let failure = Mutex<Error?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            do {
                let file = try AlignmentFile(path: path, reference: reference, indexPath: indexPath)
                for i in stride(from: w, to: targets.count, by: workers) {
                    let t = targets[i]
                    let region = GenomicRegion(contig: naming.input(t.interval.chrom), start: t.interval.start - 1, end: t.interval.end)
                    let c = try file.counts(in: region, filter: filter)
                    slots.withLock { $0[i] = TargetCounts(target: t, counts: c) }
                }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let e = failure.withLock({ $0 }) { throw e }
        return slots.withLock { s in (0..<targets.count).compactMap { s[$0] } }
    }
}
