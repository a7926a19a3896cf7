#if canImport(Glibc)
import Glibc
#endif

/// Writes one file (a stage's `-o` JSON) atomically: a temporary file with an unpredictable name
/// created exclusively beside it (mkstemp: never through a planted symlink), then a rename,
/// which replaces a symlink at the final name rather than writing through it.
enum OutputWriter {
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        guard !path.isEmpty else { throw PipelineError.output(path: "-o", detail: "is empty; give an output file") }
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let directory = dir.isEmpty ? "/" : dir
        _ = try OutputDirectory.makeDirectories(directory)
        var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
        let (fd, temp) = template.withUnsafeMutableBufferPointer { buf -> (Int32, String) in
            guard let base = buf.baseAddress else { return (-1, "") }
            let fd = mkstemp(base)
            return (fd, String(cString: base))
        }
        guard fd >= 0 else { throw PipelineError.output(path: path, detail: "cannot create a temporary file beside it (\(errnoText()))") }
        var ok = true
        var done = 0
        bytes.withUnsafeBytes { buf in
            while ok && done < buf.count {
                let n = write(fd, buf.baseAddress.map { $0 + done }, buf.count - done)
                if n < 0 { if errno != EINTR { ok = false } } else { done += n }
            }
        }
        fchmod(fd, 0o644)
        if close(fd) != 0 { ok = false }
        guard ok else {
            unlink(temp)
            throw PipelineError.output(path: path, detail: "write failed (\(errnoText()); disk full?)")
        }
        guard rename(temp, path) == 0 else {
            let e = errnoText()
            unlink(temp)
            throw PipelineError.output(path: path, detail: "cannot move into place (\(e))")
        }
    }
}
