import Dispatch
import Synchronization  // Atomic

/// The one way g2t spreads independent work over threads: results come back in input order, so
/// the output never depends on the thread count or on which thread finished first.
package enum ParallelMap {
    /// `transform(state, i)` for every i in 0..<count, on up to `threads` threads. Each thread makes
    /// its own `state` first (e.g. its own open file: an htsFile is not thread-safe) and takes the
    /// next unclaimed index from an atomic counter (items differ in cost); it keeps its results in its
    /// own slot, and the merge restores input order once every thread has finished. The first error
    /// thrown is rethrown after every thread has stopped.
    ///
    /// No lock: each worker writes only its own slot, and the slots are read after
    /// `concurrentPerform` returns (a happens-before edge ThreadSanitizer sees through its libdispatch
    /// interceptors; it does not see one through Synchronization's futex-based `Mutex`).
    package static func map<T: Sendable, State>(_ count: Int, threads: Int, state: @Sendable (_ worker: Int) throws -> State,
                                               _ transform: @Sendable (inout State, Int) throws -> T) throws -> [T] {
        let workers = max(1, min(threads, count))
        if workers == 1 {
            guard count > 0 else { return [] }
            var s = try state(0)
            return try (0..<count).map { try transform(&s, $0) }
        }
        let next = Atomic<Int>(0)
        let failures = Atomic<Int>(0)
        let slots = Slots<T>(workers)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var mine: [(Int, T)] = []
            do {
                var s = try state(w)
                while failures.load(ordering: .relaxed) == 0 {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    guard i < count else { break }
                    mine.append((i, try transform(&s, i)))
                }
            } catch {
                // The order in which errors happened, so the first one is rethrown.
                slots.fail(w, error, order: failures.add(1, ordering: .relaxed).oldValue)
            }
            slots.set(w, mine)
        }
        if let e = slots.firstError { throw e }
        // Each worker's results are in increasing index order (the counter only grows): merged by
        // taking index i from the worker whose next result it is, into an array of exactly `count`
        // (no optional copy of every result beside them: 200,000 origin calls are kept once more only).
        let parts = slots.results
        var taken = [Int](repeating: 0, count: parts.count)
        var done: [T] = []
        done.reserveCapacity(count)
        merging: for i in 0..<count {
            for w in parts.indices where taken[w] < parts[w].count && parts[w][taken[w]].0 == i {
                done.append(parts[w][taken[w]].1)
                taken[w] += 1
                continue merging
            }
            break
        }
        guard done.count == count else { throw ParallelMapError.incomplete(done: done.count, of: count) }
        return done
    }

    /// One slot per worker: results and the error it stopped on, if any. Worker `w` writes only slot
    /// `w`, and nothing reads a slot before every worker has returned, so no two threads ever touch one
    /// slot at once — the reason the unchecked `Sendable` holds.
    private final class Slots<T>: @unchecked Sendable {
        // Raw storage, so a worker's write touches its own element only (no shared array header).
        private let parts: UnsafeMutablePointer<[(Int, T)]>
        private let errors: UnsafeMutablePointer<(order: Int, error: any Error)?>
        private let count: Int
        init(_ workers: Int) {
            count = workers
            parts = .allocate(capacity: workers)
            parts.initialize(repeating: [], count: workers)
            errors = .allocate(capacity: workers)
            errors.initialize(repeating: nil, count: workers)
        }
        deinit {
            parts.deinitialize(count: count)
            parts.deallocate()
            errors.deinitialize(count: count)
            errors.deallocate()
        }
        func set(_ w: Int, _ results: [(Int, T)]) { parts[w] = results }
        func fail(_ w: Int, _ error: any Error, order: Int) { errors[w] = (order, error) }
        var results: [[(Int, T)]] { (0..<count).map { parts[$0] } }
        var firstError: (any Error)? { (0..<count).compactMap { errors[$0] }.min { $0.order < $1.order }?.error }
    }

    /// `body(w)` for every w in 0..<count, on up to `count` threads at once (the calling thread is one
    /// of them); returns once every call has returned. For workers that schedule their own work
    /// (`OrderedLines`); everything else takes `map`.
    package static func workers(_ count: Int, _ body: @Sendable (_ worker: Int) -> Void) {
        if count <= 1 {
            if count == 1 { body(0) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }

    /// As `map`, without per-thread state, for work that cannot fail.
    package static func map<T: Sendable>(_ count: Int, threads: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        do {
            return try map(count, threads: threads, state: { _ in () }, { _, i in transform(i) })
        } catch {
            // Unreachable (nothing here throws); computed again in order rather than trapping.
            return (0..<count).map(transform)
        }
    }
}

/// Cannot happen unless a worker stopped without an error; reported rather than trapped.
package enum ParallelMapError: Error, CustomStringConvertible {
    case incomplete(done: Int, of: Int)
    package var description: String {
        switch self {
        case .incomplete(let done, let of): return "internal error: parallel work finished \(done) of \(of) items"
        }
    }
}
