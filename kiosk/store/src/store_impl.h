#pragma once
// What the Store's source files share: the connection, the cipher, the lock, and helpers
// that run inside a caller's transaction.
#include <mutex>
#include <string_view>

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

// Runs the migrations from the database's version up to `target` in one transaction.
std::expected<void, Error> migrate(sqlite3* db, int from, int target);

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
