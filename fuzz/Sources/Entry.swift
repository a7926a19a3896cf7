import Foundation

/// Which target this process fuzzes: G2T_FUZZ_TARGET (default bam-record).
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["G2T_FUZZ_TARGET"] ?? "bam-record"
    guard let t = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("unknown G2T_FUZZ_TARGET '\(name)'; one of \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
        exit(2)
    }
    return t
}()

#if G2T_FUZZ
/// libFuzzer's entry point (built with -sanitize=fuzzer and -DG2T_FUZZ by scripts/fuzz.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
/// Without libFuzzer: replays the kept inputs (files or directories of files) through a target,
/// so every crash ever found stays a regression test in the ordinary build.
@main
enum ReplayCorpus {
    static func main() {
        var failures = 0, runs = 0
        for arg in CommandLine.arguments.dropFirst() {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: arg, isDirectory: &isDir) else { failures += 1; continue }
            let files = isDir.boolValue ? ((try? FileManager.default.contentsOfDirectory(atPath: arg)) ?? []).sorted().map { arg + "/" + $0 } : [arg]
            for f in files {
                guard let d = FileManager.default.contents(atPath: f) else { failures += 1; continue }
                selectedTarget.run(Array(d))
                runs += 1
            }
        }
        try? FileManager.default.removeItem(atPath: FuzzTarget.scratch)
        print("\(selectedTarget.rawValue): replayed \(runs) input(s)")
        exit(failures == 0 ? 0 : 1)
    }
}
#endif
