#pragma once
// Staff PIN hashes for the kiosks' config: Argon2id strings as libsodium's crypto_pwhash_str
// writes them ("$argon2id$v=19$m=262144,t=3,p=1$<salt>$<hash>"), with a fresh random salt in
// each, so every terminal gets its own hash of the same PIN. A 6-digit PIN has only 10^6
// values: what protects it is the cost of one check (about half a second here) and the
// kiosk's lockout, so never a fast hash.
#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace server {

// libsodium's MODERATE limits. Measured with crypto_pwhash_str_verify on the 2-core development
// machine (load average 4.5): ops 3 with 256 MiB 0.49 s per check; ops 3 with 128 MiB 0.21 s,
// ops 4 with 256 MiB 0.65 s. The kiosk verifies with the parameters written into the string.
inline constexpr unsigned long long kPinOpsLimit = 3;
inline constexpr std::size_t kPinMemLimit = std::size_t{256} << 20;

// Fails only when the memory for the hash cannot be had.
std::expected<std::string, std::string> hash_staff_pin(std::string_view pin);
// True when `pin` matches `hash` (a crypto_pwhash_str string); false for any other string.
bool verify_staff_pin(const std::string& hash, std::string_view pin);

}  // namespace server
