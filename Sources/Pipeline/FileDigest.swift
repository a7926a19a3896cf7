import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 of files, streamed, for provenance.
enum FileDigest {
    static func sha256(path: String) throws -> String {
        guard let f = fopen(path, "rb") else { throw PipelineError.output(path: path, detail: "cannot read for its checksum") }
        defer { fclose(f) }
        var hasher = SHA256()
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { hasher.update(data: buf[0..<n]) }
            if n < buf.count {
                // A short read is the end of the file or an error; a checksum of part of a file is worse than none.
                if ferror(f) != 0 { throw PipelineError.output(path: path, detail: "read error while computing its checksum") }
                break
            }
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
