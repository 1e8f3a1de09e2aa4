#include "kiosk/store/crypto.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include <fmt/core.h>
#include <sodium.h>

#include "kiosk/core/claim.h"
#include "store_impl.h"

namespace kiosk::store {
namespace {
constexpr std::uint8_t kFormatVersion = 1;
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "kioskpii";

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    // sodium_init only fails when no entropy source exists; every later call would abort.
    if (sodium_init() < 0) std::abort();
  });
}

std::string hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

Error io_error(const std::filesystem::path& path, std::string_view what, int err) {
  return Error{
      Error::Kind::key,
      fmt::format("could not {} the key file {}: {}", what, path.string(), std::strerror(err)),
      fmt::format("errno={}", err)};
}

// Written to a temporary file, fsynced, then linked into place: a crash at any moment leaves
// either no key file or a complete one, never a short one.
std::expected<void, Error> create_key_file(const std::filesystem::path& path) {
  unsigned char master[32];
  randombytes_buf(master, sizeof master);
  std::filesystem::path temp = path;
  temp += fmt::format(".tmp-{}", ::getpid());
  ::unlink(temp.c_str());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected(io_error(path, "create", errno));
  const bool written =
      ::write(fd, master, sizeof master) == static_cast<ssize_t>(sizeof master) && ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  sodium_memzero(master, sizeof master);
  // link() fails when the key appeared meanwhile (another process won): use theirs.
  if (written && ::link(temp.c_str(), path.c_str()) != 0 && errno != EEXIST) {
    err = errno;
    ::unlink(temp.c_str());
    return std::unexpected(io_error(path, "create", err));
  }
  ::unlink(temp.c_str());
  if (!written) return std::unexpected(io_error(path, "write", err));
  // The directory entry must be durable too, or a power cut could lose the key but keep data.
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}
}  // namespace

std::expected<Cipher, Error> Cipher::from_key_file(const std::filesystem::path& path,
                                                   CreateKey create) {
  ensure_sodium();
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return std::unexpected(io_error(path, "inspect", errno));
    if (create == CreateKey::never) {
      return std::unexpected(
          Error{Error::Kind::key,
                fmt::format("the key file {} is missing; restore it from the backup made at "
                            "installation (without it the stored personal data cannot be read)",
                            path.string()),
                "ENOENT"});
    }
    if (auto made = create_key_file(path); !made) return std::unexpected(made.error());
    if (::stat(path.c_str(), &st) != 0) return std::unexpected(io_error(path, "inspect", errno));
  }
  if ((st.st_mode & 077) != 0) {
    return std::unexpected(
        Error{Error::Kind::key,
              fmt::format("the key file {} may be read by other users; run `chmod 600 {}`",
                          path.string(), path.string()),
              fmt::format("mode={:o}", st.st_mode & 0777)});
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(io_error(path, "open", errno));
  std::array<std::uint8_t, 33> buffer{};
  const ssize_t got = ::read(fd, buffer.data(), buffer.size());
  ::close(fd);
  if (got != 32) {
    sodium_memzero(buffer.data(), buffer.size());
    return std::unexpected(
        Error{Error::Kind::key,
              fmt::format("the key file {} is not a kiosk key (it must hold exactly 32 bytes)",
                          path.string()),
              fmt::format("read {} bytes", got)});
  }
  std::array<std::uint8_t, 32> master{};
  std::memcpy(master.data(), buffer.data(), 32);
  sodium_memzero(buffer.data(), buffer.size());
  Cipher cipher = from_master_key(master);
  sodium_memzero(master.data(), master.size());
  return cipher;
}

Cipher Cipher::from_master_key(const std::array<std::uint8_t, 32>& master) {
  ensure_sodium();
  Cipher cipher;
  crypto_kdf_derive_from_key(cipher.m_aead_key.data(), cipher.m_aead_key.size(), 1, kKdfContext,
                             master.data());
  crypto_kdf_derive_from_key(cipher.m_hash_key.data(), cipher.m_hash_key.size(), 2, kKdfContext,
                             master.data());
  return cipher;
}

Cipher::~Cipher() {
  sodium_memzero(m_aead_key.data(), m_aead_key.size());
  sodium_memzero(m_hash_key.data(), m_hash_key.size());
}

std::string Cipher::encrypt(std::string_view plain, std::string_view where) const {
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string sealed(1 + kNonce + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  out[0] = kFormatVersion;
  randombytes_buf(out + 1, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out + 1 + kNonce, &written, reinterpret_cast<const unsigned char*>(plain.data()),
      plain.size(), reinterpret_cast<const unsigned char*>(where.data()), where.size(), nullptr,
      out + 1, m_aead_key.data());
  sealed.resize(1 + kNonce + written);
  return sealed;
}

std::expected<core::Secret, Error> Cipher::decrypt(std::string_view sealed,
                                                   std::string_view where) const {
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  constexpr std::size_t kOverhead = 1 + kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (sealed.size() < kOverhead || static_cast<std::uint8_t>(sealed[0]) != kFormatVersion) {
    return std::unexpected(Error{Error::Kind::damaged,
                                 "a stored personal value is truncated or of an unknown format",
                                 fmt::format("{}: {} bytes", where, sealed.size())});
  }
  const auto* in = reinterpret_cast<const unsigned char*>(sealed.data());
  std::string plain(sealed.size() - kOverhead, '\0');
  unsigned long long written = 0;
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(plain.data()), &written, nullptr, in + 1 + kNonce,
      sealed.size() - 1 - kNonce, reinterpret_cast<const unsigned char*>(where.data()),
      where.size(), in + 1, m_aead_key.data());
  if (rc != 0) {
    return std::unexpected(
        Error{Error::Kind::key,
              "a stored personal value does not decrypt: the key file does not belong to this "
              "database, or the value was altered",
              std::string(where)});
  }
  core::Secret secret(std::string_view(plain.data(), written));
  core::secure_zero(plain.data(), plain.size());
  return secret;
}

std::string Cipher::lookup_hash(std::string_view id_number) const {
  std::string normal(id_number);
  for (char& c : normal) {
    if (c == 'x') c = 'X';
  }
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(normal.data()),
                     normal.size(), m_hash_key.data(), m_hash_key.size());
  core::secure_zero(normal.data(), normal.size());
  return hex(digest, sizeof digest);
}

std::string to_hex(std::string_view bytes) {
  return hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::optional<std::string> from_hex(std::string_view text) {
  std::string out(text.size() / 2, '\0');
  std::size_t written = 0;
  if (text.size() % 2 != 0 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                     text.size(), nullptr, &written, nullptr) != 0 ||
      written != out.size()) {
    return std::nullopt;
  }
  return out;
}

std::string random_bytes(std::size_t count) {
  ensure_sodium();
  std::string out(count, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string new_uuid() {
  ensure_sodium();
  std::array<std::uint8_t, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return core::make_uuid_v4(bytes);
}

}  // namespace kiosk::store
