#if canImport(Glibc)
import Glibc
#endif

/// Starts the disk write of a large output while it is still being produced. Left to the kernel,
/// a multi-gigabyte output (`g2t rescore`: ~4 GB per 100,000 samples) stays dirty in memory until
/// the background threshold (10% of memory, ~2 GB here) or a 30 s age, so the disk idles through the
/// first part of the run and the final fsync then waits for the rest: a serial tail that grows with
/// the output and does not shrink with threads. Asking for each window's writeback as soon as it is
/// written keeps the disk busy from the start, the dirty pages bounded, and the fsync short.
package struct OutputWriteback: Sendable {
    /// 32 MB: long sequential writes for the disk and one system call per ~800 scored samples (cost
    /// nil), while the dirty pages stay far below the kernel's throttling threshold (20% of memory).
    package static let defaultWindow = 32 << 20

    let fd: Int32
    let window: Int
    /// Bytes handed to the file so far, and how many of them have had their writeback requested.
    private(set) var written = 0
    private(set) var requested = 0

    /// `window` nil or ≤ 0: never ask (the kernel's own schedule, as before).
    package init(fd: Int32, window: Int? = OutputWriteback.defaultWindow) {
        self.fd = fd
        self.window = window ?? 0
    }

    /// Counts `bytes` just written; once a window's worth is in the file, asks for its writeback.
    /// `flush` first moves what a buffered writer still holds into the file (false: a failed flush,
    /// which the caller's next write or final flush reports; nothing is requested then).
    package mutating func wrote(_ bytes: Int, flush: () -> Bool) {
        written += bytes
        guard window > 0, written - requested >= window, flush() else { return }
        // On Linux, POSIX_FADV_DONTNEED first starts the writeback of the range's dirty pages without
        // waiting for it, then drops only pages already clean (here: almost none), so the output
        // mostly stays cached. A failure is only a missed hint: the final fsync writes everything.
        _ = posix_fadvise(fd, off_t(requested), off_t(written - requested), Int32(POSIX_FADV_DONTNEED))
        requested = written
    }
}
