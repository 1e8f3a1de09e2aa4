#include "server/staff_pins.h"

#include <sodium.h>

namespace server {

std::expected<std::string, std::string> hash_staff_pin(std::string_view pin) {
  if (sodium_init() < 0) return std::unexpected(std::string("libsodium could not start"));
  char out[crypto_pwhash_STRBYTES] = {};
  if (crypto_pwhash_str(out, pin.data(), pin.size(), kPinOpsLimit, kPinMemLimit) != 0) {
    return std::unexpected(std::string(
        "hashing a staff PIN needs 256 MiB of memory that the system did not give; free memory "
        "and pull the config again"));
  }
  return std::string(out);
}

bool verify_staff_pin(const std::string& hash, std::string_view pin) {
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace server
