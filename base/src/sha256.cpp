#include "base/sha256.h"

#include <openssl/sha.h>

namespace base {

std::string sha256_hex(std::string_view bytes) {
  // libcrypto's SHA-256 uses the CPU's SHA instructions; libsodium's portable code took about
  // 10x the time, and every outbox body is hashed again each time it is sent.
  static constexpr char kHex[] = "0123456789abcdef";
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0x0F]);
  }
  return out;
}

}  // namespace base
