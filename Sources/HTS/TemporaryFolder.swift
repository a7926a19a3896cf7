#if canImport(Glibc)
import Glibc
#endif

/// Private temporary folders for indexes g2t builds for itself, under $TMPDIR (else /tmp), so
/// nothing is written outside --out and the place the user chose for temporary files.
enum TemporaryFolder {
    static var base: String {
        if let t = getenv("TMPDIR").map({ String(cString: $0) }), !t.isEmpty { return t.hasSuffix("/") && t.count > 1 ? String(t.dropLast()) : t }
        return "/tmp"
    }

    /// mkdtemp under `base` (mode 0700, unpredictable name); nil when it cannot be made.
    static func make(_ prefix: String) -> String? {
        var template = Array("\(base)/\(prefix)XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buf -> String? in
            guard let b = buf.baseAddress, let dir = mkdtemp(b) else { return nil }
            return String(cString: dir)
        }
    }
}
