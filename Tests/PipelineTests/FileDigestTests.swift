import Checksum
import Foundation
@testable import Pipeline
import Testing
import TestSupport

@Suite struct FileDigestTests {
    @Test func hashesAWholeFile() throws {
        let dir = try TestSupport.tempDir()
        let path = dir + "/abc.txt"
        try "abc".write(toFile: path, atomically: true, encoding: .utf8)
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        #expect(try FileDigest.sha256(path: path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// Every byte value as two lower-case hex digits, in order.
    @Test func hexOfEveryByte() {
        let all = (0...255).map { UInt8($0) }
        let expected = all.map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined()
        #expect(SHA256.hex(all) == expected)
        #expect(SHA256.hex([UInt8]()) == "")
    }

    /// A read error (here: a directory, which opens but cannot be read) fails instead of hashing what was read.
    @Test func readErrorsFail() throws {
        let dir = try TestSupport.tempDir()
        #expect(throws: PipelineError.self) { try FileDigest.sha256(path: dir) }
    }
}
