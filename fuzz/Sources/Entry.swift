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

/// libFuzzer's entry point (fuzz/run.sh links with -sanitize=fuzzer, whose runtime brings `main`;
/// given files instead of a corpus directory, it runs each once: that is how kept crashes replay).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
