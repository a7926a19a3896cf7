import Crypto
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
        var hasher = SHA256()
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
        return hex(hasher.finalize())
    }

    static func hex<D: Sequence>(_ d: D) -> String where D.Element == UInt8 {
        d.map { b in
            let h = String(b, radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
    }
}
