#if canImport(Glibc)
import Glibc
#endif

/// Writes one file (a stage's `-o` JSON) atomically: a temporary file with an unpredictable name
/// created exclusively beside it (mkstemp: never through a planted symlink), then a rename,
/// which replaces a symlink at the final name rather than writing through it.
enum OutputWriter {
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        try writeFile(to: path) { write, _ in try write(bytes) }
    }

    /// As `writeFile`, with the content written piece by piece (see `SafeFile.create(_:produce:)`).
    static func writeFile(to path: String, produce: (_ write: ([UInt8]) throws -> Void, _ restart: () throws -> Void) throws -> Void) throws {
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
        struct WriteFailed: Error {}
        var ok = true
        do {
            try produce({ bytes in guard SafeFile.writeAll(fd, bytes) else { throw WriteFailed() } },
                        { guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else { throw WriteFailed() } })
        } catch is WriteFailed {
            ok = false
        } catch {
            close(fd)
            unlink(temp)
            throw error
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
