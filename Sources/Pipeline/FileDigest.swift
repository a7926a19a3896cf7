import Checksum
import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 of files, streamed, for provenance.
enum FileDigest {
    static func sha256(path: String) throws -> String {
        try sha256(path: path, flags: O_RDONLY | O_CLOEXEC)
    }

    /// The checksum of the file at `path` itself: a symlink there is refused (used to verify outputs).
    static func sha256NoFollow(path: String) throws -> String {
        try sha256(path: path, flags: O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    }

    private static func sha256(path: String, flags: Int32) throws -> String {
        let fd = open(path, flags)
        guard fd >= 0 else { throw PipelineError.output(path: path, detail: "cannot read for its checksum (\(errnoText()))") }
        defer { close(fd) }
        let hasher = SHA256()
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                // A checksum of part of a file would be a wrong provenance record.
                throw PipelineError.output(path: path, detail: "read error while computing its checksum (\(errnoText()))")
            }
            if n == 0 { break }
            hasher.update(data: buf[0..<n])
        }
        return SHA256.hex(hasher.finalize())
    }
}

/// A file's SHA-256 computed on a thread of its own, so the checksum pass overlaps the work that
/// reads the file (the call stage) instead of following it. A dedicated thread, not a Dispatch
/// worker: the caller blocks on it, and the Dispatch pool is the counters' (and a busy test
/// process's) to use.
final class BackgroundDigest: Sendable {
    private let result = Mutex<Result<String, PipelineError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(path: String) {
        let thread = Thread { [self] in
            let r: Result<String, PipelineError>
            do { r = .success(try FileDigest.sha256(path: path)) }
            catch let e as PipelineError { r = .failure(e) }
            catch { r = .failure(.output(path: path, detail: "cannot read for its checksum (\(error))")) }
            result.withLock { $0 = r }
            done.signal()
        }
        thread.start()
    }

    /// The checksum, waiting for it if need be (call once).
    func value() throws -> String {
        done.wait()
        done.signal()  // a second caller does not block
        guard let r = result.withLock({ $0 }) else { throw PipelineError.output(path: "", detail: "checksum not computed") }
        return try r.get()
    }
}
