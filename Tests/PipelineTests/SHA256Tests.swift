import Checksum
@testable import Pipeline
import Testing

/// The SHA-256 every provenance checksum uses (OpenSSL's, through `Checksum`), against the FIPS 180-2
/// appendix B test vectors, and streamed in pieces against the whole message at once.
@Suite struct SHA256Tests {
    private func hex(_ d: [UInt8]) -> String { SHA256.hex(d) }

    @Test func fipsVectors() {
        // Empty message: the well-known digest of nothing (sha256sum < /dev/null).
        #expect(hex(SHA256.hash(data: [UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // B.1: "abc", one block.
        #expect(hex(SHA256.hash(data: Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // B.2: 448 bits, whose padding needs a second block.
        let b2 = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(hex(SHA256.hash(data: b2)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// A collection whose bytes are not stored contiguously (copied once, `update(data:)`'s other path) and
    /// hex with both digits of every byte (leading zeros kept).
    @Test func nonContiguousBytesAndHex() {
        let abc: [UInt8] = Array("abc".utf8)
        let lazy = (0..<3).lazy.map { abc[$0] }
        #expect(lazy.withContiguousStorageIfAvailable { _ in true } == nil)
        #expect(hex(SHA256.hash(data: lazy)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(SHA256.hex([UInt8]()) == "")
    }

    /// B.3: one million "a", fed in pieces of uneven lengths (slices, raw buffers and an empty piece):
    /// the streamed digest is the message's, whatever its cuts.
    @Test func millionAsInPieces() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        let h = SHA256()
        var at = 0, piece = 1
        while at < message.count {
            let end = min(message.count, at + piece)
            if piece % 2 == 0 {
                h.update(data: message[at..<end])
            } else {
                message[at..<end].withUnsafeBytes { h.update(bufferPointer: $0) }
            }
            h.update(data: [UInt8]())
            at = end
            piece = piece * 3 % 65_537
        }
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(hex(h.finalize()) == expected)
        #expect(hex(SHA256.hash(data: message)) == expected)
    }

    /// Independent hashers do not share state (each owns its OpenSSL context).
    @Test func hashersAreIndependent() {
        let a = SHA256(), b = SHA256()
        a.update(data: Array("ab".utf8))
        b.update(data: Array("xyz".utf8))
        a.update(data: Array("c".utf8))
        #expect(hex(a.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(b.finalize()) == hex(SHA256.hash(data: Array("xyz".utf8))))
    }
}
