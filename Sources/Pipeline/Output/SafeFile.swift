#if canImport(Glibc)
import Glibc
#endif

/// File I/O that never follows a symlink planted at the final name and never reuses an existing
/// file: `create` fails if the name exists (O_EXCL), `read` refuses a symlink (O_NOFOLLOW).
enum SafeFile {
    static func create(_ path: String, _ bytes: [UInt8]) throws {
        try create(path) { write, _ in try write(bytes) }
    }

    /// As `create`, with the content written piece by piece by `produce` (`write` appends a piece,
    /// `restart` empties the file), so a large file is never held in memory whole.
    static func create(_ path: String, produce: (_ write: ([UInt8]) throws -> Void, _ restart: () throws -> Void) throws -> Void) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PipelineError.output(path: path, detail: "cannot create (\(errnoText()))") }
        let failed = { PipelineError.output(path: path, detail: "write failed (\(errnoText()); disk full?)") }
        do {
            try produce({ bytes in guard writeAll(fd, bytes) else { throw failed() } },
                        { guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else { throw failed() } })
        } catch {
            close(fd)
            throw error
        }
        startWriteback(fd)
        guard close(fd) == 0 else { throw failed() }
    }

    /// Asks the kernel to start writing `fd`'s dirty pages now, without waiting (a hint; a failure
    /// only loses the head start). Every file made here is fsync'ed later (`StagedSet.publish`): with
    /// its data already written or on its way, that fsync waits for little more than the metadata and
    /// the disk's cache flush, while the rest of the set is still being rendered. On Linux
    /// POSIX_FADV_DONTNEED starts the writeback of dirty pages (WB_SYNC_NONE) and drops only pages
    /// already clean, as `OutputWriteback` relies on; sync_file_range is not in Swift's Glibc module.
    static func startWriteback(_ fd: Int32) {
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
    }

    /// `startWriteback` for a file written by a library (htslib), by path.
    static func startWriteback(_ path: String) {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        startWriteback(fd)
        close(fd)
    }

    /// Writes every byte (retrying after a signal); false on an error (errno says which).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        return bytes.withUnsafeBytes { buf -> Bool in
            while done < buf.count {
                let n = write(fd, buf.baseAddress.map { $0 + done }, buf.count - done)
                if n < 0 { if errno == EINTR { continue }; return false }
                done += n
            }
            return true
        }
    }

    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return out }
            out += buf[0..<n]
        }
    }

    /// fsync of a file or directory (never through a symlink), so that what it holds, or the names
    /// in it, survive a power loss. Used around publishing only: one call per file of a report set.
    static func sync(_ path: String, directory: Bool = false) throws {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (directory ? O_DIRECTORY : 0))
        guard fd >= 0 else { throw PipelineError.output(path: path, detail: "cannot open to sync (\(errnoText()))") }
        defer { close(fd) }
        try sync(fd, path: path)
    }

    /// `sync` of each file of a set, in order, in one pass once all are written (`StagedSet.publish`).
    static func syncAll(_ paths: [String]) throws {
        for p in paths { try sync(p) }
    }

    private static func sync(_ fd: Int32, path: String) throws {
        while fsync(fd) != 0 {
            let e = errno
            if e == EINTR { continue }
            // A file system that cannot sync this kind of file: nothing more can be done.
            if e == EINVAL || e == EROFS { return }
            throw PipelineError.output(path: path, detail: "cannot sync to disk (\(errnoText(e)))")
        }
    }
}
