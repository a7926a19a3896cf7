import G2TCore
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `ID.manifest.json`, written last when a report set is published: every file of the set with
/// its SHA-256, and what produced it. A set is complete, and from one run, exactly when its
/// manifest exists and every listed file has the recorded checksum (`verify`).
package struct ReportManifest: Codable, Sendable, Equatable {
    package static let currentFormat = "g2t-manifest/1"

    /// One published file.
    package struct Entry: Codable, Sendable, Equatable {
        package var name: String
        package var sha256: String
        package var bytes: Int
    }

    package var format: String = ReportManifest.currentFormat
    /// The set's ID: its files are named ID.*.
    package var id: String
    package var files: [Entry]
    /// Files of an older set this one replaces though it does not contain them (e.g. a PDF).
    package var supersedes: [String] = []
    /// What the set was made from; nil for sets that are not one sample's report (batch summary).
    package var provenance: RunProvenance?

    package static func manifestName(_ id: String) -> String { "\(id).manifest.json" }

    func encoded() throws -> [UInt8] {
        try JSONCoding.encode(self, .manifest)
    }

    static func decode(_ bytes: [UInt8]) -> ReportManifest? {
        guard let m = try? JSONCoding.decode(ReportManifest.self, from: bytes), m.format == currentFormat else { return nil }
        return m
    }

    /// Reads `directory/ID.manifest.json` (not through a symlink).
    package static func read(directory: String, id: String) -> ReportManifest? {
        guard let bytes = SafeFile.read("\(directory)/\(manifestName(id))") else { return nil }
        return decode(bytes)
    }

    /// Whether every listed file is in `directory` with its recorded checksum.
    package func verify(in directory: String) -> Bool {
        files.allSatisfy { e in (try? FileDigest.sha256NoFollow(path: "\(directory)/\(e.name)")) == e.sha256 }
    }
}

/// What a report set was made from, for resume: the input (stamp and checksum), reference, knowledge
/// base, panel of normals, every setting that changes the report, and the g2t build.
package struct RunProvenance: Codable, Sendable, Equatable {
    package var input: FileStamp
    /// The input's SHA-256 (as recorded in the report).
    package var inputSHA256: String
    /// The reference FASTA (stamp only: hashing a whole genome on every resume costs too much),
    /// or nil for the bundled panel sequence.
    package var reference: FileStamp?
    package var knowledgeBaseSHA256: String
    package var ponSHA256: String?
    /// Settings that change the report (sample ID, tumour type, thresholds, …), by name.
    package var settings: [String: String]
    /// g2t version and commit.
    package var g2t: String

    package init(input: FileStamp, inputSHA256: String, reference: FileStamp?, knowledgeBaseSHA256: String, ponSHA256: String?,
                settings: [String: String], g2t: String) {
        self.input = input
        self.inputSHA256 = inputSHA256
        self.reference = reference
        self.knowledgeBaseSHA256 = knowledgeBaseSHA256
        self.ponSHA256 = ponSHA256
        self.settings = settings
        self.g2t = g2t
    }
}

/// Identity of a file without reading it: a quick "unchanged?" test (path, size, mtime to the
/// nanosecond, inode); an input replaced by a copy with an older date changes inode or mtime.
package struct FileStamp: Codable, Sendable, Equatable {
    package var path: String
    package var size: Int64
    package var mtimeNanoseconds: Int64
    package var inode: UInt64

    /// The same file, unchanged, however its path was written (relative or absolute: Snakemake and
    /// `g2t batch` may spell it differently).
    package func sameFile(as other: FileStamp) -> Bool {
        size == other.size && mtimeNanoseconds == other.mtimeNanoseconds && inode == other.inode
    }

    package static func of(_ path: String) throws -> FileStamp {
        var st = stat()
        guard stat(path, &st) == 0 else { throw PipelineError.badInput(path: path, detail: "cannot stat (\(errnoText()))") }
        return FileStamp(path: path, size: Int64(st.st_size),
                         mtimeNanoseconds: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec), inode: UInt64(st.st_ino))
    }
}
