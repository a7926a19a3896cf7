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
public struct ReportManifest: Codable, Sendable, Equatable {
    public static let currentFormat = "g2t-manifest/1"

    /// One published file.
    public struct Entry: Codable, Sendable, Equatable {
        public var name: String
        public var sha256: String
        public var bytes: Int
    }

    public var format: String = ReportManifest.currentFormat
    /// The set's ID: its files are named ID.*.
    public var id: String
    public var files: [Entry]
    /// Files of an older set this one replaces though it does not contain them (e.g. a PDF).
    public var supersedes: [String] = []
    /// What the set was made from; nil for sets that are not one sample's report (batch summary).
    public var provenance: RunProvenance?

    public static func manifestName(_ id: String) -> String { "\(id).manifest.json" }

    func encoded() throws -> [UInt8] {
        try JSONCoding.encode(self, .manifest)
    }

    static func decode(_ bytes: [UInt8]) -> ReportManifest? {
        guard let m = try? JSONCoding.decode(ReportManifest.self, from: bytes), m.format == currentFormat else { return nil }
        return m
    }

    /// Reads `directory/ID.manifest.json` (not through a symlink).
    public static func read(directory: String, id: String) -> ReportManifest? {
        guard let bytes = SafeFile.read("\(directory)/\(manifestName(id))") else { return nil }
        return decode(bytes)
    }

    /// Whether every listed file is in `directory` with its recorded checksum.
    public func verify(in directory: String) -> Bool {
        files.allSatisfy { e in (try? FileDigest.sha256NoFollow(path: "\(directory)/\(e.name)")) == e.sha256 }
    }
}

/// What a report set was made from, for resume: the input (stamp and checksum), reference, knowledge
/// base, panel of normals, every setting that changes the report, and the g2t build.
public struct RunProvenance: Codable, Sendable, Equatable {
    public var input: FileStamp
    /// The input's SHA-256 (as recorded in the report).
    public var inputSHA256: String
    /// The reference FASTA (stamp only: hashing a whole genome on every resume costs too much),
    /// or nil for the bundled panel sequence.
    public var reference: FileStamp?
    public var knowledgeBaseSHA256: String
    public var ponSHA256: String?
    /// Settings that change the report (sample ID, tumour type, thresholds, …), by name.
    public var settings: [String: String]
    /// g2t version and commit.
    public var g2t: String

    public init(input: FileStamp, inputSHA256: String, reference: FileStamp?, knowledgeBaseSHA256: String, ponSHA256: String?,
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
public struct FileStamp: Codable, Sendable, Equatable {
    public var path: String
    public var size: Int64
    public var mtimeNanoseconds: Int64
    public var inode: UInt64

    /// The same file, unchanged, however its path was written (relative or absolute: Snakemake and
    /// `g2t batch` may spell it differently).
    public func sameFile(as other: FileStamp) -> Bool {
        size == other.size && mtimeNanoseconds == other.mtimeNanoseconds && inode == other.inode
    }

    public static func of(_ path: String) throws -> FileStamp {
        var st = stat()
        guard stat(path, &st) == 0 else { throw PipelineError.badInput(path: path, detail: "cannot stat (\(errnoText()))") }
        return FileStamp(path: path, size: Int64(st.st_size),
                         mtimeNanoseconds: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec), inode: UInt64(st.st_ino))
    }
}
