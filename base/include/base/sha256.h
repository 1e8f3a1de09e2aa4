#pragma once
// SHA-256 as 64 lower-case hex digits (target base_crypto: libcrypto, which uses the CPU's
// SHA instructions). Outbox body digests, the audit chain, the server's config ETag.
#include <string>
#include <string_view>

namespace base {

std::string sha256_hex(std::string_view bytes);

}  // namespace base
