import CHTSlib

/// Lines of a plain or compressed (BGZF or gzip) text file, read through htslib's BGZF layer in
/// 64 KB pieces, never holding more of one line than a given limit: an oversized line is
/// reported without being read into memory whole (hts_getline would grow its buffer to fit it).
final class BoundedLineReader {
    enum Next: Equatable {
        case line([UInt8])
        /// The line exceeded its limit; `meta`: it was a `##` line over the meta-line limit.
        case tooLong(meta: Bool)
        case end
        case readError
    }

    private let fp: UnsafeMutablePointer<BGZF>
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var start = 0, end = 0
    private var finished = false

    init?(path: String) {
        guard let fp = bgzf_open(path, "r") else { return nil }
        self.fp = fp
    }

    deinit { bgzf_close(fp) }

    /// The next line without its "\n" (and "\r"), at most `limit` bytes, or `metaLimit` bytes
    /// for a line starting with "##".
    func next(limit: Int, metaLimit: Int) -> Next {
        var line: [UInt8] = []
        var any = false
        while true {
            if start == end {
                if finished { return any ? .line(Self.trimmed(line)) : .end }
                let n = buffer.withUnsafeMutableBytes { bgzf_read(fp, $0.baseAddress, $0.count) }
                if n < 0 { return .readError }
                if n == 0 { finished = true; continue }
                start = 0
                end = n
            }
            any = true
            let newline = buffer[start..<end].firstIndex(of: 10)
            let stop = newline ?? end
            line += buffer[start..<stop]
            start = newline.map { $0 + 1 } ?? end
            let meta = line.count >= 2 && line[0] == 35 && line[1] == 35
            if line.count > (meta ? min(limit, metaLimit) : limit) { return .tooLong(meta: meta && line.count > metaLimit) }
            if newline != nil { return .line(Self.trimmed(line)) }
        }
    }

    private static func trimmed(_ line: [UInt8]) -> [UInt8] {
        line.last == 13 ? Array(line.dropLast()) : line
    }
}
