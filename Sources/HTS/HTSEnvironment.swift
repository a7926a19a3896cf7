import CHTSlib
#if canImport(Glibc)
import Glibc
#endif

/// Process-wide htslib settings, applied once before any file is opened.
public enum HTSEnvironment {
    /// Quiet htslib's own stderr chatter (g2t reports errors itself) and make sure a CRAM
    /// reference is never looked up on the network: htslib falls back to the EBI server when
    /// REF_PATH is unset, so point it at a local path that cannot exist.
    public static func configure() {
        hts_set_log_level(HTS_LOG_OFF)
        setenv("REF_PATH", "/nonexistent/g2t-no-network/%2s/%2s/%s", 1)
        setenv("REF_CACHE", "/nonexistent/g2t-no-network/%2s/%2s/%s", 1)
    }

    /// Whether a regular file exists at `path`.
    public static func fileExists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }
}

extension HTSEnvironment {
    /// The htslib version string, e.g. "1.16".
    public static var htslibVersion: String { String(cString: hts_version()) }
}
