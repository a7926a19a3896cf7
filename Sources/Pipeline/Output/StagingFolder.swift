import Checksum
#if canImport(Glibc)
import Glibc
#endif

/// The private staging folder of a `StagedSet` as the writers of its files see it: where a file goes,
/// and the two ways it gets there, each giving the file's manifest entry once the file is complete
/// and its writeback started (`StagedSet.publish` fsyncs every file of the set in one pass). A value
/// (its path only), so the independent files of a report set are written on `--threads` workers at
/// once (`StagedSet.write(_:threads:)`).
struct StagingFolder: Sendable {
    let path: String

    /// One file's writer: puts one or more files into the folder and returns their entries, in the order the manifest lists them.
    typealias Job = @Sendable (StagingFolder) throws -> [ReportManifest.Entry]

    func path(_ name: String) -> String { "\(path)/\(name)" }

    /// `name` created (`SafeFile.create`) and filled piece by piece, hashed as it is written: the bytes
    /// the manifest's checksum covers are the ones written, so the file is not read back (a report
    /// JSON of 200,000 variants is ~200 MB). `restart` starts the checksum again with the file.
    func create(_ name: String, produce: (_ write: ([UInt8]) throws -> Void, _ restart: () throws -> Void) throws -> Void) throws -> ReportManifest.Entry {
        let p = path(name)
        var hasher = SHA256()
        var bytes = 0
        try SafeFile.create(p) { write, restart in
            // Wrapped for `produce`, which calls them only while it runs (as `SafeFile.create` requires).
            try withoutActuallyEscaping(write) { write in
                try withoutActuallyEscaping(restart) { restart in
                    try produce({ piece in
                        try write(piece)
                        piece.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                        bytes += piece.count
                    }, {
                        try restart()
                        hasher = SHA256()
                        bytes = 0
                    })
                }
            }
        }
        return ReportManifest.Entry(name: name, sha256: SHA256.hex(hasher.finalize()), bytes: bytes)
    }

    /// `name` with `bytes` as its content.
    func create(_ name: String, _ bytes: [UInt8]) throws -> ReportManifest.Entry {
        try create(name) { write, _ in try write(bytes) }
    }

    /// A file a library (htslib) wrote at `path(name)`: read back for its checksum, then its writeback
    /// started (after the read: POSIX_FADV_DONTNEED drops pages already clean, and htslib syncs the
    /// files it closes, so hinting first would make the checksum read them from the disk).
    func adopt(_ name: String) throws -> ReportManifest.Entry {
        let p = path(name)
        let entry = ReportManifest.Entry(name: name, sha256: try FileDigest.sha256NoFollow(path: p), bytes: Int(try FileStamp.of(p).size))
        SafeFile.startWriteback(p)
        return entry
    }
}
