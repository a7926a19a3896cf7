import Synchronization
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An output directory (`--out`): created if missing (tolerating a concurrent creator), locked
/// with flock for the life of this process so that a second g2t run into it fails fast, and
/// cleaned of what an interrupted run left (see `recover`). Report sets are staged in private
/// `.g2t-tmp-XXXXXX` folders inside it and published from there (`StagedSet`).
package final class OutputDirectory: Sendable {
    package let path: String
    /// Open on the directory itself; holds the flock.
    let fd: Int32
    /// Whether this process made the directory (it is removed again if nothing was published).
    let created: Bool

    /// Prefix of the private staging folders; sample IDs never begin with "." so cannot collide.
    static let stagingPrefix = ".g2t-tmp-"

    private static let open = Mutex<[String: OutputDirectory]>([:])

    private init(path: String, fd: Int32, created: Bool) {
        self.path = path
        self.fd = fd
        self.created = created
    }

    /// Opens (creating, locking and recovering) `path`; the same directory opened twice in one
    /// process is shared, since flock would otherwise refuse the second open.
    package static func open(_ path: String) throws -> OutputDirectory {
        guard !path.isEmpty else { throw PipelineError.output(path: "--out", detail: "is empty; give an output directory") }
        return try Self.open.withLock { table in
            if let d = table[path] { return d }
            let created = try makeDirectories(path)
            let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw PipelineError.output(path: path, detail: "cannot open the output directory (\(errnoText()))") }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                close(fd)
                throw PipelineError.output(path: path, detail: "another g2t run is writing into this directory (it is locked); wait for it to finish or choose another --out")
            }
            let d = OutputDirectory(path: path, fd: fd, created: created)
            try d.recover()
            table[path] = d
            return d
        }
    }

    /// Finishes or discards what an interrupted run left in an existing `path`, under a lock held only
    /// for that (a batch's sample process takes the lock afterwards): the batch runner calls it before
    /// deciding whether a sample is up to date, so that a resumed sample is judged on its finished set
    /// and no staging folder outlives a clean run. A directory another process holds is left alone.
    package static func recoverIfIdle(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return }
        try Self.open.withLock { table in
            guard table[path] == nil else { return }
            let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw PipelineError.output(path: path, detail: "cannot open the output directory (\(errnoText()))") }
            defer { close(fd) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return }
            try OutputDirectory(path: path, fd: fd, created: false).recover()
        }
    }

    /// Removes the directory again when this process created it and it is still empty
    /// (a run that failed before publishing anything leaves no trace).
    package func removeIfUnused() {
        guard created else { return }
        if rmdir(path) == 0 { _ = Self.open.withLock { $0.removeValue(forKey: path) } }
    }

    /// A fresh private staging folder (mode 0700, unpredictable name) inside the directory.
    func makeStaging() throws -> String {
        var template = Array("\(path)/\(Self.stagingPrefix)XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buf -> String? in
            guard let base = buf.baseAddress, let dir = mkdtemp(base) else { return nil }
            return String(cString: dir)
        }
        guard let made else { throw PipelineError.output(path: path, detail: "cannot create a staging folder (\(errnoText()))") }
        return made
    }

    /// Finishes or discards what an interrupted run left: a staging folder whose manifest was
    /// written (every file complete) is published; any other is removed. Runs under the lock.
    func recover() throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for n in names.sorted() where n.hasPrefix(Self.stagingPrefix) {
            let staging = "\(path)/\(n)"
            if let manifest = StagedSet.readyManifest(in: staging) {
                try StagedSet.publish(staging: staging, manifest: manifest, into: self)
            } else {
                StagedSet.removeStaging(staging)
            }
        }
    }

    /// mkdir -p; an entry that appears meanwhile (another process creating it) is fine when it
    /// is a directory. Returns whether the last component was created here.
    static func makeDirectories(_ path: String) throws -> Bool {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw PipelineError.output(path: path, detail: "exists and is not a directory") }
            return false
        }
        var prefix = path.hasPrefix("/") ? "" : "."
        var createdLast = false
        for part in path.split(separator: "/") {
            prefix += "/" + part
            createdLast = false
            if mkdir(prefix, 0o755) == 0 { createdLast = true; continue }
            let e = errno
            guard e == EEXIST, stat(prefix, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
                throw PipelineError.output(path: prefix, detail: e == EEXIST ? "exists and is not a directory" : "cannot create the directory (\(errnoText(e)))")
            }
        }
        return createdLast
    }
}

func errnoText(_ e: Int32 = errno) -> String { String(cString: strerror(e)) }
