#pragma once
// What the Store's source files share: the connection, the cipher, the lock, and helpers
// that run inside a caller's transaction.
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "kiosk/store/store.h"
#include "sqlite.h"

namespace kiosk::store {

struct Store::Impl {
  Impl(sqlite3* connection, Cipher key) : db(connection), cipher(std::move(key)) {}
  ~Impl() { sqlite3_close_v2(db); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  sqlite3* db;
  Cipher cipher;
  std::mutex mutex;
  OpenReport report;
};

// Runs the migrations from the database's version up to `target` in one transaction. Steps
// that encrypt existing rows need the cipher; without one they fail if there are such rows.
std::expected<void, Error> migrate(sqlite3* db, int from, int target, const Cipher* cipher);

// A claim's bills sealed for claims.bills_enc, and opened again.
std::string seal_claim_bills(const Cipher& cipher, std::string_view uuid,
                             std::span<const core::Bill> bills);
std::expected<std::vector<core::Bill>, Error> open_claim_bills(const Cipher& cipher,
                                                               std::string_view uuid,
                                                               std::string_view sealed);

// What the server said with a claim's status, sealed for claims.server_reason_enc (no reason
// is sealed as empty text: NULL there means no status was recorded with its reason).
std::string seal_server_reason(const Cipher& cipher, std::string_view uuid,
                               std::optional<std::string_view> reason);

// Appends hash-chained audit entries inside the caller's transaction. It reads the end of the
// chain and prepares its insert once, so a batch of outbox moves does not pay that per entry.
class AuditWriter {
 public:
  static std::expected<AuditWriter, Error> open(sqlite3* db);
  std::expected<void, Error> append(std::string_view event, std::string_view detail,
                                    std::int64_t now_ms);

 private:
  explicit AuditWriter(sql::Statement insert) : m_insert(std::move(insert)) {}
  sql::Statement m_insert;
  std::int64_t m_seq = 0;  // of the last entry written
  std::string m_prev;      // its hash
};

// Appends one hash-chained audit entry; call inside a transaction.
std::expected<void, Error> append_audit(sqlite3* db, std::string_view event,
                                        std::string_view detail, std::int64_t now_ms);
// Walks the chain; each broken link is one problem line.
std::expected<void, Error> verify_audit_chain(sqlite3* db, std::vector<std::string>& problems,
                                              std::int64_t& entries);

// Lowercase hex and back (nullopt for anything but pairs of hex digits).
std::string to_hex(std::string_view bytes);
std::optional<std::string> from_hex(std::string_view hex);

// The associated data binding a ciphertext to its place: "claims.name:<uuid>".
std::string where(std::string_view table_column, std::string_view key);

}  // namespace kiosk::store
