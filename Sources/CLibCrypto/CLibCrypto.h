// OpenSSL's libcrypto, for SHA-256 only (the Checksum module): htslib links it already (libhts3
// depends on libssl3), so it adds no run-time package, where swift-crypto compiled its own copy of
// BoringSSL into every build. Only the Checksum module imports this.
#ifndef G2T_CLIBCRYPTO_H
#define G2T_CLIBCRYPTO_H

#include <openssl/crypto.h>
#include <openssl/evp.h>

#endif
