#if canImport(Glibc)
import Glibc
#endif

/// Writes a set of output files all-or-nothing: each goes to a hidden temporary name in the
/// output directory and is renamed into place only once every file was written. On failure the
/// temporaries (and a directory this writer created) are removed, so no partial output remains.
final class OutputWriter {
    let directory: String
    private var createdDirectory = false
    private var pending: [(temp: String, final: String)] = []

    init(directory: String) { self.directory = directory }

    /// Writes one file atomically: a temporary file beside `path`, then a rename.
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let out = OutputWriter(directory: dir.isEmpty ? "/" : dir)
        do {
            try out.write(bytes, as: name)
            try out.commit()
        } catch {
            out.abandon()
            throw error
        }
    }

    /// A temporary path for `name` (the file must be written there, then `commit()`ed).
    func stage(_ name: String) throws -> String {
        try ensureDirectory()
        let temp = "\(directory)/.\(name).tmp-\(getpid())"
        pending.append((temp, "\(directory)/\(name)"))
        return temp
    }

    /// Writes bytes to a staged file.
    func write(_ bytes: [UInt8], as name: String) throws {
        let temp = try stage(name)
        guard let f = fopen(temp, "wb") else { throw PipelineError.output(path: temp, detail: "cannot create") }
        let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        guard fclose(f) == 0, n == bytes.count else { throw PipelineError.output(path: temp, detail: "write failed (disk full?)") }
    }

    /// Registers a companion file written by a library next to a staged one (e.g. the .tbi of a VCF).
    func adopt(temp: String, as name: String) {
        pending.append((temp, "\(directory)/\(name)"))
    }

    /// Renames every staged file into place.
    func commit() throws {
        for p in pending where rename(p.temp, p.final) != 0 {
            throw PipelineError.output(path: p.final, detail: "cannot move into place")
        }
        pending = []
    }

    /// Removes whatever was staged, and the directory if this writer made it.
    func abandon() {
        for p in pending { unlink(p.temp) }
        pending = []
        if createdDirectory { rmdir(directory) }
    }

    private func ensureDirectory() throws {
        var st = stat()
        if stat(directory, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw PipelineError.output(path: directory, detail: "exists and is not a directory") }
            return
        }
        // Create missing parents too, like mkdir -p.
        var path = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/") {
            path += "/" + part
            if stat(path, &st) != 0 {
                guard mkdir(path, 0o755) == 0 else { throw PipelineError.output(path: path, detail: "cannot create the directory") }
            }
        }
        createdDirectory = true
    }
}
