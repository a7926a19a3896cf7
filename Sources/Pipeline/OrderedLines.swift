import G2TCore
#if canImport(Glibc)
import Glibc
#endif

/// Spreads a stream of lines over `threads` workers and hands the results on in input order, with
/// no reader or writer thread beside the workers and no barrier between groups of lines
/// (`g2t rescore`'s scheduler, issue 17 point 4).
///
/// Each worker in turn reads the next line (under the input lock), works on it, puts the result
/// into a ring indexed by line number and, if that result is the next one due and no one is
/// emitting, emits the ready run in order. A line may be read only while it is fewer than `window`
/// lines ahead of the next one due, so at most `window` results wait and `threads` lines are in
/// work: memory is bounded whatever the input's length or the lines' costs. A worker waits only
/// when the window is full, for a line another running worker holds, so the run cannot deadlock,
/// even when fewer workers run at once than asked for.
package enum OrderedLines {
    /// `read` reads the next line into the worker's `state` (false: no more lines); it runs under
    /// the input lock, one call at a time, in line order, so it should do no more than take the line
    /// (anything else, such as copying it, belongs in `work`). `work` then runs in parallel on that
    /// worker's `state`.
    /// `emit(index, result)` gets every result exactly once, in index order (0-based), one call at a
    /// time. The first error `emit` throws stops the run (lines not yet emitted are dropped) and is
    /// rethrown once every worker has stopped. Returns the number of lines emitted.
    @discardableResult
    package static func run<State, R: Sendable>(threads: Int, window: Int,
                                                state: @Sendable (_ worker: Int) -> State,
                                                read: @Sendable (inout State) -> Bool,
                                                work: @Sendable (inout State) -> R,
                                                emit: @Sendable (_ index: Int, R) throws -> Void) throws -> Int {
        let workers = max(1, threads)
        let shared = Shared<R>(window: max(1, window), workers: workers)
        @Sendable func worker(_ w: Int) {
            var s = state(w)
            defer { shared.release(w) }
            while let i = shared.claim(reading: { read(&s) }) {
                shared.deposit(work(&s), at: i, by: w, emit: emit)
            }
        }
        // One thread: the calling one, with nothing to hand over.
        ParallelMap.workers(workers) { worker($0) }
        return try shared.finish()
    }

    /// The state workers share. Lock order: `input` before `output` (the emitter takes `output` only),
    /// so no two locks are ever waited for in opposite orders.
    private final class Shared<R: Sendable>: @unchecked Sendable {
        // pthread locks rather than Synchronization's Mutex: ThreadSanitizer sees pthread's
        // happens-before edges (its futex-based Mutex's it does not), and a condition is needed.
        private let input = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let output = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let space = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        // Under `input`: the next line to read, and whether reading is over.
        private var nextRead = 0
        private var ended = false
        // Under `output`: results by line number modulo the window, the next line to emit, whether a
        // worker is emitting, and the error that stopped the run.
        private var ring: [(result: R, worker: Int)?]
        // Results emitted, by the worker that made them: handed back so that their memory is freed by
        // the thread that allocated it. (glibc's free of another thread's block locks that thread's
        // malloc arena, against its own mallocs: the contended lock `perf trace` found.)
        private var spent: [[R]]
        private var nextWrite = 0
        private var emitting = false
        private var failure: (any Error)?

        init(window: Int, workers: Int) {
            ring = Array(repeating: nil, count: window)
            spent = Array(repeating: [], count: workers)
            pthread_mutex_init(input, nil)
            pthread_mutex_init(output, nil)
            pthread_cond_init(space, nil)
        }

        deinit {
            pthread_cond_destroy(space)
            pthread_mutex_destroy(output)
            pthread_mutex_destroy(input)
            space.deallocate()
            output.deallocate()
            input.deallocate()
        }

        /// The number of the line `read` just read, or nil when there are no more (or the run failed).
        func claim(reading read: () -> Bool) -> Int? {
            pthread_mutex_lock(input)
            defer { pthread_mutex_unlock(input) }
            guard !ended else { return nil }
            let i = nextRead
            pthread_mutex_lock(output)
            // Line i's slot is free once line i - window is emitted; the line due is in a running
            // worker's hands (every line before `nextRead` was claimed by one), so this wait ends.
            while failure == nil && i >= nextWrite + ring.count { pthread_cond_wait(space, output) }
            let failed = failure != nil
            pthread_mutex_unlock(output)
            guard !failed, read() else {
                ended = true
                return nil
            }
            nextRead += 1
            return i
        }

        /// Stores line `i`'s result, made by worker `w`; if it is the one due and no one is emitting,
        /// emits the ready run.
        func deposit(_ result: R, at i: Int, by w: Int, emit: (Int, R) throws -> Void) {
            pthread_mutex_lock(output)
            // Worker w's results emitted since its last deposit, freed below, by this thread, outside the lock.
            var freed = spent[w]
            spent[w] = []
            defer {
                pthread_mutex_unlock(output)
                freed.removeAll()
            }
            guard failure == nil else { return }
            ring[i % ring.count] = (result, w)
            guard !emitting else { return }  // the emitter looks at this slot before it stops
            emitting = true
            // Slot nextWrite % window can hold only line nextWrite: the next line with that slot is
            // claimed only after this one is emitted.
            while failure == nil, let due = ring[nextWrite % ring.count] {
                ring[nextWrite % ring.count] = nil
                let index = nextWrite
                // Emitted outside the lock: the other workers keep storing results meanwhile.
                pthread_mutex_unlock(output)
                var thrown: (any Error)?
                do { try emit(index, due.result) } catch { thrown = error }
                pthread_mutex_lock(output)
                if let thrown {
                    failure = thrown
                } else {
                    nextWrite += 1
                }
                if due.worker == w { freed.append(due.result) } else { spent[due.worker].append(due.result) }
                // Wakes a worker waiting for space (no system call when none waits).
                pthread_cond_broadcast(space)
            }
            emitting = false
        }

        /// Worker w's last results handed back, freed by worker w as it stops.
        func release(_ w: Int) {
            pthread_mutex_lock(output)
            var freed = spent[w]
            spent[w] = []
            pthread_mutex_unlock(output)
            freed.removeAll()
        }

        /// After every worker has returned: the lines emitted, or the error that stopped the run.
        func finish() throws -> Int {
            pthread_mutex_lock(input)
            let read = nextRead
            pthread_mutex_unlock(input)
            pthread_mutex_lock(output)
            defer { pthread_mutex_unlock(output) }
            if let failure { throw failure }
            // Cannot happen (every claimed line is deposited, and the emitter drains what is due);
            // reported rather than trapped.
            guard nextWrite == read else { throw ParallelMapError.incomplete(done: nextWrite, of: read) }
            return nextWrite
        }
    }
}
