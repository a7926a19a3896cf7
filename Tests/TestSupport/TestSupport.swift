import Foundation

/// Paths and helpers shared by the test suites.
package enum TestSupport {
    /// The repository root (this file is Tests/TestSupport/TestSupport.swift).
    package static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// How much slower than a debug build the binary under test is: `make test-asan`/`test-tsan` set
    /// G2T_TEST_SLOWDOWN (sanitised builds are 2-15x slower), and tests with a wall-clock bound scale it.
    package static let slowdown: Double = {
        guard let v = ProcessInfo.processInfo.environment["G2T_TEST_SLOWDOWN"], let x = Double(v), x >= 1, x.isFinite else { return 1 }
        return x
    }()

    /// True when the binary under test is built with ThreadSanitizer (`make test-tsan` sets
    /// G2T_TEST_SANITIZER=thread): its runtime cannot run under a file-size ulimit.
    package static let underThreadSanitizer = ProcessInfo.processInfo.environment["G2T_TEST_SANITIZER"] == "thread"

    package static func testData(_ relative: String) -> String { root + "/TestData/" + relative }

    /// The g2t executable built by `swift build` (G2T_BIN overrides).
    package static var g2tBinary: String {
        if let b = ProcessInfo.processInfo.environment["G2T_BIN"] { return b }
        for c in [".build/debug/g2t", ".build/x86_64-unknown-linux-gnu/debug/g2t", ".build/release/g2t"]
        where FileManager.default.isExecutableFile(atPath: root + "/" + c) {
            return root + "/" + c
        }
        return root + "/.build/debug/g2t"
    }

    /// Result of running a program.
    package struct Output: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// Runs `tool` (looked up on PATH) with `args`, capturing output.
    @discardableResult
    package static func run(_ tool: String, _ args: [String], environment: [String: String] = [:], cwd: String? = nil) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : "/usr/bin/env")
        p.arguments = tool.hasPrefix("/") ? args : [tool] + args
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes concurrently-enough: stderr is small, stdout may be large.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Whether `tool` is on PATH.
    package static func has(_ tool: String) -> Bool {
        (try? run("sh", ["-c", "command -v \(tool)"]).status == 0) ?? false
    }

    /// A fresh temporary directory, inside this test process's own root (`tempRoot`), which is removed
    /// when the process exits: a whole `make test` left ~1,000 directories in TMPDIR before.
    package static func tempDir(_ label: String = "g2t-test") throws -> String {
        let path = tempRoot + "/\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `TMPDIR/g2t-tests-PID`, made on first use with an exit handler that deletes it (a test process
    /// killed by a signal leaves it behind, named by its process).
    package static let tempRoot: String = {
        let root = NSTemporaryDirectory() + "g2t-tests-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestSupport.tempRoot) }
        return root
    }()

    package static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    package static func readText(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
}
