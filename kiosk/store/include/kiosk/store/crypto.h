#pragma once
// Encryption of personal data at rest. One 32-byte master key lives in a key file that only
// the kiosk user can read (mode 0600), created on first run. Two keys are derived from it:
// one for XChaCha20-Poly1305 (IETF AEAD) over personal fields, one for the keyed hash
// (BLAKE2b) used to look people up by ID number without storing the number.
// Every ciphertext is bound to where it is stored (associated data such as
// "claims.name:<uuid>"), so a value copied into another row or column does not decrypt.
#include <array>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "kiosk/core/secret.h"
#include "kiosk/store/error.h"

namespace kiosk::store {

enum class CreateKey { if_missing, never };

class Cipher {
 public:
  // Reads the key file, or creates it (0600, fsynced) when it is missing and `create` allows.
  // Refuses a key file that group or others may read, or that is not 32 bytes.
  static std::expected<Cipher, Error> from_key_file(const std::filesystem::path& path,
                                                    CreateKey create);
  // For tests and tools: a cipher over the given master key.
  static Cipher from_master_key(const std::array<std::uint8_t, 32>& master);

  Cipher(const Cipher&) = default;
  Cipher& operator=(const Cipher&) = default;
  ~Cipher();

  // version byte || 24-byte random nonce || ciphertext with tag.
  std::string encrypt(std::string_view plain, std::string_view where) const;
  // Fails (Kind::damaged or Kind::key) when the bytes were altered, moved, or made with
  // another key.
  std::expected<core::Secret, Error> decrypt(std::string_view sealed, std::string_view where) const;
  // Lowercase hex of a keyed BLAKE2b-256 hash; the ID number is upper-cased first ('x' -> 'X').
  std::string lookup_hash(std::string_view id_number) const;

 private:
  Cipher() = default;
  std::array<std::uint8_t, 32> m_aead_key{};
  std::array<std::uint8_t, 32> m_hash_key{};
};

// `count` bytes from the system's secure random source.
std::string random_bytes(std::size_t count);
// A fresh UUIDv4 from the secure random source.
std::string new_uuid();

}  // namespace kiosk::store
