import G2TCore
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A report set being written: its files go into a private staging folder inside the output
/// directory, then `publish` moves them into place with the manifest last.
///
/// Publishing order (what a kill at any moment can leave): (1) the old manifest is removed, so
/// the old set no longer verifies; (2) every old file the new set replaces is removed; (3) the new
/// files are renamed in; (4) the new manifest is renamed in; (5) the staging folder is removed.
/// Old and new files are therefore never side by side, and a set is complete exactly when its
/// manifest verifies. The manifest is written into the staging folder before step 1: a later run
/// into the same directory finds that folder and finishes the publish (`OutputDirectory.recover`).
///
/// Durability (power loss): every file and the manifest are fsync'ed before the manifest gets its
/// name in the staging folder, the staging folder before the publish, and the output directory after
/// the files are renamed in and again after the manifest is, so a manifest on disk never lists files
/// that are not there: one fsync per file and the manifest, plus three. The files' and the manifest's
/// run in one pass at publish (`SafeFile.syncAll`), after each file's writeback was started as it was
/// closed (`SafeFile.startWriteback`): each fsync then waits for little more than its metadata and a
/// cache flush. Only POSIX fsync is relied on, on any file system (no syncfs: it would also write
/// every other process's dirty data on that file system, and make a report wait for it).
final class StagedSet {
    let directory: OutputDirectory
    let id: String
    let staging: String
    private var names: [String] = []
    /// The entries of files checksummed as they were written (`write(_:threads:)`), by name.
    private var checksummed: [String: ReportManifest.Entry] = [:]

    init(directory: OutputDirectory, id: String) throws {
        self.directory = directory
        self.id = id
        self.staging = try directory.makeStaging()
    }

    /// Where a library (htslib) writes `name`; call `adopt` for it and its companions afterwards.
    func path(_ name: String) -> String { "\(staging)/\(name)" }

    func adopt(_ name: String) { names.append(name) }

    func write(_ bytes: [UInt8], as name: String) throws {
        try SafeFile.create(path(name), bytes)
        names.append(name)
    }

    /// `name` written piece by piece (`SafeFile.create(_:produce:)`).
    func write(as name: String, produce: (_ write: ([UInt8]) throws -> Void, _ restart: () throws -> Void) throws -> Void) throws {
        try SafeFile.create(path(name), produce: produce)
        names.append(name)
    }

    /// Runs `jobs` on up to `threads` threads, each writing its files into the staging folder (with
    /// their entries; synced at `publish`). The files join the set in the jobs' order whichever
    /// finishes first, so the manifest does not depend on the thread count. A failing job stops the others taking new work and
    /// its error is rethrown once all have stopped: the caller abandons the set, nothing is published.
    func write(_ jobs: [StagingFolder.Job], threads: Int) throws {
        let folder = StagingFolder(path: staging)
        let written = try ParallelMap.map(jobs.count, threads: threads, state: { _ in () }) { _, i in try jobs[i](folder) }
        for e in written.joined() {
            names.append(e.name)
            checksummed[e.name] = e
        }
    }

    /// Writes the manifest and publishes the set.
    func publish(supersedes: [String] = [], provenance: RunProvenance? = nil) throws {
        var entries: [ReportManifest.Entry] = []
        for n in names {
            // Checksummed when it was written.
            if let known = checksummed[n] {
                entries.append(known)
                continue
            }
            let p = path(n)
            entries.append(ReportManifest.Entry(name: n, sha256: try FileDigest.sha256NoFollow(path: p), bytes: Int(try FileStamp.of(p).size)))
        }
        let manifest = ReportManifest(id: id, files: entries, supersedes: supersedes, provenance: provenance)
        // Written under a temporary name then renamed: a manifest in the staging folder means "complete".
        let part = path(".manifest.part")
        try SafeFile.create(part, try manifest.encoded())
        // Every file and the manifest on disk before the manifest's name says "complete".
        try SafeFile.syncAll(names.map(path) + [part])
        guard rename(part, path(ReportManifest.manifestName(id))) == 0 else {
            throw PipelineError.output(path: part, detail: "cannot rename (\(errnoText()))")
        }
        try SafeFile.sync(staging, directory: true)
        try Self.publish(staging: staging, manifest: manifest, into: directory)
    }

    func abandon() { Self.removeStaging(staging) }

    /// The manifest of a staging folder whose files were all written, else nil.
    static func readyManifest(in staging: String) -> ReportManifest? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []
        guard let m = names.first(where: { $0.hasSuffix(".manifest.json") }),
              let bytes = SafeFile.read("\(staging)/\(m)"), let manifest = ReportManifest.decode(bytes),
              m == ReportManifest.manifestName(manifest.id) else { return nil }
        return manifest
    }

    /// Steps 1–5 above; safe to repeat after an interruption (files already moved are skipped).
    static func publish(staging: String, manifest: ReportManifest, into dir: OutputDirectory) throws {
        let out = dir.path
        let manifestName = ReportManifest.manifestName(manifest.id)
        try unlinkIfPresent("\(out)/\(manifestName)")
        let pending = manifest.files.map(\.name).filter { exists("\(staging)/\($0)") }
        for n in pending + manifest.supersedes {
            debugPause()
            try unlinkIfPresent("\(out)/\(n)")
        }
        for n in pending + [manifestName] {
            debugPause()
            // The files' new names reach the disk before the manifest that lists them.
            if n == manifestName { try SafeFile.sync(out, directory: true) }
            guard rename("\(staging)/\(n)", "\(out)/\(n)") == 0 else {
                throw PipelineError.output(path: "\(out)/\(n)", detail: "cannot move into place (\(errnoText()))")
            }
        }
        try SafeFile.sync(out, directory: true)
        removeStaging(staging)
    }

    /// Removes a staging folder and its files (flat: g2t writes no subfolders there).
    static func removeStaging(_ staging: String) {
        for n in (try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? [] { unlink("\(staging)/\(n)") }
        rmdir(staging)
    }

    /// unlink (never follows a symlink: the link itself goes); a missing file is fine.
    private static func unlinkIfPresent(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw PipelineError.output(path: path, detail: "cannot replace (\(errnoText()))")
        }
    }

    /// lstat: a symlink counts as present.
    private static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Debug builds only: G2T_DEBUG_PUBLISH_PAUSE_MS widens the publish steps so that
    /// scripts/kill-test.sh can kill g2t in the middle of a publish. Release builds have no hook.
    private static func debugPause() {
        #if DEBUG
        if let v = getenv("G2T_DEBUG_PUBLISH_PAUSE_MS"), let ms = Int(String(cString: v)), ms > 0, ms < 10_000 { usleep(UInt32(ms * 1000)) }
        #endif
    }
}
