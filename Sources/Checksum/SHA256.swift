import CLibCrypto

/// SHA-256 (FIPS 180-4), streamed: OpenSSL's EVP digest, which uses the CPU's SHA extensions where it
/// has them. The provenance checksums of inputs, outputs and the knowledge base.
///
/// A reference type: the digest state is OpenSSL's, freed with the hasher. Used by one thread at a time.
package final class SHA256 {
    /// Owned from `init` to `deinit`; never nil once `init` returned.
    private let context: OpaquePointer

    /// OpenSSL initialised without its exit handler, before any other call into it. By default
    /// libcrypto frees its algorithms at exit, while another thread may still be hashing: g2t exits
    /// on an input error with the input's checksum still being computed (`BackgroundDigest`), and
    /// that thread then crashed in libcrypto (signal 11, seen in HostileInputTests). Without the
    /// handler the process just ends. A `static let`: run once, by whichever thread comes first.
    private static let initialised = OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_ATEXIT), nil) == 1

    /// A new hasher. Traps only if OpenSSL cannot start, allocate or find SHA-256, which no input can cause.
    package init() {
        precondition(Self.initialised, "OpenSSL: OPENSSL_init_crypto failed")
        guard let c = EVP_MD_CTX_new() else { preconditionFailure("OpenSSL: EVP_MD_CTX_new failed (out of memory)") }
        guard EVP_DigestInit_ex(c, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(c)
            preconditionFailure("OpenSSL: SHA-256 unavailable")
        }
        context = c
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds `bytes` to the message.
    package func update(bufferPointer bytes: UnsafeRawBufferPointer) {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return }
        // Fails only on a context misuse (`finalize` twice), which `finalize`'s contract rules out.
        guard EVP_DigestUpdate(context, p, bytes.count) == 1 else { preconditionFailure("OpenSSL: EVP_DigestUpdate failed") }
    }

    /// Adds `bytes` to the message: lent as one buffer where the collection stores them contiguously
    /// (`[UInt8]`, `ArraySlice`), else copied once.
    package func update<C: Collection>(data bytes: C) where C.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(bufferPointer: UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { update(bufferPointer: $0) }
        }
    }

    /// The 32-byte digest of everything added. Call once: the hasher is spent.
    package func finalize() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        precondition(ok == 1 && length == 32, "OpenSSL: EVP_DigestFinal_ex failed")
        return out
    }

    /// The digest of `bytes`.
    package static func hash<C: Collection>(data bytes: C) -> [UInt8] where C.Element == UInt8 {
        let h = SHA256()
        h.update(data: bytes)
        return h.finalize()
    }

    /// Lower-case hex, two digits a byte, as `sha256sum` prints a digest (by table: one String per digest).
    package static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits: StaticString = "0123456789abcdef"
        var out: [UInt8] = []
        out.reserveCapacity(64)
        digits.withUTF8Buffer { table in
            for b in digest {
                out.append(table[Int(b >> 4)])
                out.append(table[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
