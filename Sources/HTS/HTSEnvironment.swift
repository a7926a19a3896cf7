import CHTSlib
#if canImport(Glibc)
import Glibc
#endif

/// Process-wide htslib settings, applied once before any file is opened.
package enum HTSEnvironment {
    /// Quiet htslib's own stderr chatter (g2t reports errors itself) and make sure a CRAM
    /// reference is never looked up on the network: htslib falls back to the EBI server when
    /// REF_PATH is unset, so point it at a local path that cannot exist.
    ///
    /// Runs its body once per process: `setenv` is not safe while other threads call `getenv`
    /// (htslib's CRAM code does), so the g2t binary calls this first thing in `main`, before any
    /// thread exists, and later calls (from the stages, on batch workers) do nothing.
    package static func configure() {
        _ = configured
    }

    private static let configured: Void = {
        hts_set_log_level(HTS_LOG_OFF)
        setenv("REF_PATH", "/nonexistent/g2t-no-network/%2s/%2s/%s", 1)
        setenv("REF_CACHE", "/nonexistent/g2t-no-network/%2s/%2s/%s", 1)
    }()

    /// Throws unless `path` is a regular file, saying what it is instead (a directory, a FIFO or
    /// other device: htslib needs a file it can seek in and index).
    package static func requireFile(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw errno == EACCES ? HTSError.cannotOpen(path: path) : HTSError.fileNotFound(path: path)
        }
        let kind: String
        switch st.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: kind = "a directory"
        case S_IFIFO: kind = "a FIFO (pipe)"
        case S_IFCHR: kind = "a character device (a terminal or stream such as /dev/stdin)"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        throw HTSError.notRegularFile(path: path, kind: kind)
    }

    /// Whether a regular file exists at `path`.
    package static func fileExists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }
}

extension HTSEnvironment {
    /// The htslib version string, e.g. "1.16".
    package static var htslibVersion: String { String(cString: hts_version()) }
}
